// SPDX-License-Identifier: Apache-2.0
/**
 * The SDK's file-system scanner: {@link io.github.iconiksdk.core.scan.FileSystemScanner}, built with
 * {@code FileSystemScanner.builder()}.
 */
package io.github.iconiksdk.core.scan;
