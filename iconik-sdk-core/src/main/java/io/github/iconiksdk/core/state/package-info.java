// SPDX-License-Identifier: Apache-2.0
/** Scan state stores: {@link io.github.iconiksdk.core.state.SqliteScanStateStore}, the embedded default. */
package io.github.iconiksdk.core.state;
