// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.scan.internal;

import io.github.iconiksdk.api.scan.ScanSummary;

import java.time.Duration;

/** Mutable counters of one pass, confined to the scanning thread. */
final class PassCounts {
    long files;
    long added;
    long modified;
    long removed;
    long moved;
    long growing;
    long unreadable;
    long ignored;

    ScanSummary toSummary(Duration elapsed) {
        return new ScanSummary(files, added, modified, removed, moved, growing, unreadable, ignored, elapsed);
    }
}
