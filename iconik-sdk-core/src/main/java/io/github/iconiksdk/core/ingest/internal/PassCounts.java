// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.ingest.internal;

import io.github.iconiksdk.api.upload.RegistrationOutcome;
import io.github.iconiksdk.core.ingest.IngestSummary;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The counts of one pass while it runs (thread-safe); {@link #summary} freezes them. */
final class PassCounts {

    private final Map<RegistrationOutcome, Integer> outcomes = new EnumMap<>(RegistrationOutcome.class);
    private final List<String> failed = new ArrayList<>();
    private int growing;
    private int unreadable;
    private int sidecarProblems;
    /** Paths this pass resumed from the journal (few: what a crash left in hand), and those of them counted. */
    private final Set<String> resumed = new HashSet<>();
    private final Set<String> resumedCounted = new HashSet<>();

    /**
     * Notes that this pass resumes a path's unfinished registration. After a crash the scanner reports the file
     * again (it had not recorded handing it over), and that report finds it registered: the same file, counted
     * once.
     */
    synchronized void resumed(String path) {
        resumed.add(path);
    }

    /**
     * Counts one registration, unless it is a resumed file found registered again in this pass.
     *
     * @return whether it was counted (and so is to be reported)
     */
    synchronized boolean outcome(String path, RegistrationOutcome outcome) {
        if (resumed.contains(path) && !resumedCounted.add(path) && outcome == RegistrationOutcome.ALREADY_REGISTERED) {
            return false;
        }
        if (!failed.isEmpty()) {
            failed.remove(path); // an earlier attempt in this pass failed; this one did not
        }
        outcomes.merge(outcome, 1, Integer::sum);
        return true;
    }

    synchronized void failed(String path) {
        failed.add(path);
    }

    synchronized void growing() {
        growing++;
    }

    synchronized int growingCount() {
        return growing;
    }

    synchronized void unreadable() {
        unreadable++;
    }

    synchronized void sidecarProblem() {
        sidecarProblems++;
    }

    synchronized IngestSummary summary(RenditionStage renditions, boolean stopped) {
        return new IngestSummary(outcomes, failed, growing, unreadable, sidecarProblems,
                renditions == null || stopped ? 0 : renditions.renditionsFailed(),
                renditions == null || stopped ? 0 : renditions.uploads(),
                renditions == null || stopped ? 0 : renditions.uploadsFailed(), stopped);
    }
}
