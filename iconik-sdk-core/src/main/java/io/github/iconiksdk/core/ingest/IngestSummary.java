// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.ingest;

import io.github.iconiksdk.api.upload.RegistrationOutcome;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one ingest pass did.
 *
 * @param outcomes         registrations by outcome (outcomes that did not occur are absent)
 * @param failed           the paths that could not be registered in this pass (a later pass tries again)
 * @param growing          files still growing, left for a later pass
 * @param unreadable       files the scanner could not read
 * @param sidecarProblems  sidecars that could not be read or held invalid values
 * @param renditionsFailed files that got no renditions because their transcode failed (or no transcoder fits)
 * @param uploads          objects uploaded (proxies, keyframes, originals)
 * @param uploadsFailed    uploads that failed and are left for the next pass
 * @param stopped          whether the pass ended early on {@link IngestPipeline#requestStop()}
 */
public record IngestSummary(Map<RegistrationOutcome, Integer> outcomes, List<String> failed, int growing,
                            int unreadable, int sidecarProblems, int renditionsFailed, int uploads, int uploadsFailed,
                            boolean stopped) {

    /**
     * Copies the collections.
     *
     * @param outcomes         registrations by outcome
     * @param failed           the paths that could not be registered in this pass
     * @param growing          files still growing
     * @param unreadable       files the scanner could not read
     * @param sidecarProblems  sidecars that could not be read or held invalid values
     * @param renditionsFailed files that got no renditions
     * @param uploads          objects uploaded
     * @param uploadsFailed    uploads that failed
     * @param stopped          whether the pass ended early
     * @throws NullPointerException if a collection is null
     */
    public IngestSummary {
        outcomes = outcomes.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(outcomes));
        failed = List.copyOf(failed);
    }

    /**
     * @param outcome an outcome
     * @return how many registrations had it
     */
    public int count(RegistrationOutcome outcome) {
        return outcomes.getOrDefault(Objects.requireNonNull(outcome, "outcome"), 0);
    }

    /** @return files registered or found registered in this pass, removals not counted */
    public int registered() {
        return outcomes.values().stream().mapToInt(Integer::intValue).sum() - count(RegistrationOutcome.REMOVED);
    }

    /**
     * @return one line for people: {@code registered 3 files (2 new, 0 aggregated, …), 0 renditions failed, …}
     */
    public String summaryLine() {
        return "registered " + registered() + " files (" + count(RegistrationOutcome.CREATED) + " new, "
                + count(RegistrationOutcome.AGGREGATED) + " aggregated, " + count(RegistrationOutcome.UPDATED)
                + " updated, " + count(RegistrationOutcome.MOVED) + " moved, "
                + count(RegistrationOutcome.ALREADY_REGISTERED) + " unchanged; " + count(RegistrationOutcome.REMOVED)
                + " removed), " + renditionsFailed + " renditions failed, " + uploads + " uploads, " + failed.size()
                + " failed";
    }
}
