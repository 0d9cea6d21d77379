package io.github.iconiksdk.core.ingest.internal;

import io.github.iconiksdk.api.upload.RegistrationOutcome;
import io.github.iconiksdk.core.ingest.IngestSummary;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The counts of one pass while it runs (thread-safe); {@link #summary} freezes them. */
final class PassCounts {

    private final Map<RegistrationOutcome, Integer> outcomes = new EnumMap<>(RegistrationOutcome.class);
    private final List<String> failed = new ArrayList<>();
    private int growing;
    private int unreadable;
    private int sidecarProblems;

    synchronized void outcome(RegistrationOutcome outcome) {
        outcomes.merge(outcome, 1, Integer::sum);
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
