// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

/**
 * The scanner's state as iconik's storage page shows it; {@link #name()} is the value sent to iconik's gateway
 * status endpoint and stored as the storage's {@code scanner_status}.
 */
enum ScannerState {
    /** No scan is running: the gateway waits for the next scan interval (or scanning is off). */
    INACTIVE("Inactive"),
    /** A scan of the mount point is running. */
    ACTIVE("Active"),
    /** The last pass failed as a whole (iconik unreachable, settings unusable, the mount point gone). */
    FAILING("Failing");

    private final String label;

    ScannerState(String label) {
        this.label = label;
    }

    /** @return the word iconik's storage page shows */
    String label() {
        return label;
    }
}
