// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.scan;

import java.time.Duration;

/**
 * Counts of one finished scan pass.
 *
 * @param filesScanned stable and growing files seen (not ignored)
 * @param added        {@code NEW} events
 * @param modified     {@code MODIFIED} events
 * @param removed      {@code REMOVED} events
 * @param moved        {@code MOVED} events
 * @param growing      {@code GROWING} notices
 * @param unreadable   {@code UNREADABLE} notices
 * @param ignored      files and folders skipped by the ignore or include lists (a pruned folder counts once)
 * @param elapsed      wall time of the pass
 */
public record ScanSummary(long filesScanned, long added, long modified, long removed, long moved, long growing,
                          long unreadable, long ignored, Duration elapsed) {
}
