// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.pattern;

/** What a storage's scan patterns say about one node. */
public enum ScanVerdict {
    /** The node is scanned: a folder is descended into, a file is reported. */
    KEPT,
    /** The node matches the ignore list (a folder is pruned with everything below it). */
    IGNORED,
    /** A file that the non-empty include list does not keep. Folders are never excluded. */
    EXCLUDED
}
