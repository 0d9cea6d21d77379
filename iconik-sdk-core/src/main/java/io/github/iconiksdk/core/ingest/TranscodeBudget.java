// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.ingest;

import io.github.iconiksdk.api.ProgressListener;
import io.github.iconiksdk.api.transcode.MediaInfo;
import io.github.iconiksdk.api.transcode.TranscodeException;
import io.github.iconiksdk.api.transcode.TranscodeRequest;
import io.github.iconiksdk.api.transcode.TranscodeResult;
import io.github.iconiksdk.api.transcode.Transcoder;
import io.github.iconiksdk.api.transcode.TranscoderConfig;
import io.github.iconiksdk.api.transcode.TranscoderProvider;
import io.github.iconiksdk.core.resilience.IconikResilience;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.core.exception.AcquirePermissionCancelledException;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many transcodes a process runs at once, whatever the number of pipelines (storages) it serves: give the same
 * budget to each {@link IngestPipeline.Builder#transcodeBudget pipeline}, and their transcodes together never
 * exceed it. Each pipeline still runs at most its own configuration's {@code max-transcoding-jobs} at once; the
 * budget bounds their sum, which is what the machine's cores must carry (the ISG sizes about four cores per HD
 * stream). Every transcoder counts (FFmpeg and plugins alike); probes do not. A transcode waits, first come first
 * served, for a job to end when the budget is spent.
 *
 * <p>The budget is a Resilience4j {@link Bulkhead} ({@link IconikResilience#transcodeBulkhead}, or one of your
 * registry's through {@link #of(Bulkhead)}), so its events and metrics are the bulkhead's; a transcode that waits
 * longer than the bulkhead's {@code maxWaitDuration} (an hour by default) fails with a {@link TranscodeException}.
 *
 * <pre>{@code
 * TranscodeBudget budget = TranscodeBudget.of(config.maxTranscodingJobs());   // one per process
 * IngestPipeline a = IngestPipeline.builder().client(client).storageId("A").transcodeBudget(budget).build();
 * IngestPipeline b = IngestPipeline.builder().client(client).storageId("B").transcodeBudget(budget).build();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class TranscodeBudget {

    private final Bulkhead bulkhead;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    private TranscodeBudget(Bulkhead bulkhead) {
        this.bulkhead = bulkhead;
    }

    /**
     * A budget of {@code jobs} transcodes at once.
     *
     * @param jobs how many transcodes may run at once in all the pipelines that share it
     * @return the budget
     * @throws IllegalArgumentException if {@code jobs} is below 1
     */
    public static TranscodeBudget of(int jobs) {
        if (jobs < 1) {
            throw new IllegalArgumentException("a transcode budget must allow at least 1 job, not " + jobs);
        }
        return new TranscodeBudget(IconikResilience.transcodeBulkhead(jobs));
    }

    /**
     * A budget that is one of your bulkheads (from your own {@code BulkheadRegistry}, so that its events and metrics
     * sit beside your others); its {@code maxConcurrentCalls} is the number of transcodes at once.
     *
     * @param bulkhead the bulkhead
     * @return the budget
     * @throws NullPointerException if {@code bulkhead} is null
     */
    public static TranscodeBudget of(Bulkhead bulkhead) {
        return new TranscodeBudget(Objects.requireNonNull(bulkhead, "bulkhead"));
    }

    /** @return the Resilience4j bulkhead that holds the budget's jobs */
    public Bulkhead bulkhead() {
        return bulkhead;
    }

    /** @return how many transcodes may run at once */
    public int jobs() {
        return bulkhead.getBulkheadConfig().getMaxConcurrentCalls();
    }

    /** @return how many transcodes run now under this budget */
    public int running() {
        return running.get();
    }

    /** @return the most transcodes that ran at once under this budget so far */
    public int peak() {
        return peak.get();
    }

    /**
     * The providers, each limited by this budget: their transcoders' {@link Transcoder#transcode transcodes} wait
     * for a job of the budget; everything else (name, priority, claims, probes, configuration) is theirs.
     *
     * @param providers the providers
     * @return the limited providers, in the same order
     */
    public List<TranscoderProvider> limit(List<TranscoderProvider> providers) {
        return providers.stream().map(this::limit).toList();
    }

    /**
     * One provider limited by this budget, as {@link #limit(List)}.
     *
     * @param provider the provider
     * @return the limited provider (the same one when it is limited by this budget already)
     */
    public TranscoderProvider limit(TranscoderProvider provider) {
        Objects.requireNonNull(provider, "provider");
        if (provider instanceof Limited l && l.budget() == this) {
            return provider;
        }
        return new Limited(this, provider);
    }

    private TranscodeResult run(Transcoder transcoder, TranscodeRequest request, ProgressListener progress) {
        try {
            bulkhead.acquirePermission();
        } catch (AcquirePermissionCancelledException e) {
            throw new TranscodeException("transcode of " + request.source()
                    + " was cancelled while waiting for a job of the process's budget", -1, List.of(), e);
        } catch (BulkheadFullException e) {
            throw new TranscodeException("transcode of " + request.source() + " waited "
                    + bulkhead.getBulkheadConfig().getMaxWaitDuration().toSeconds() + " s for a job of the process's"
                    + " budget of " + jobs() + " and gave up", -1, List.of(), e);
        }
        int now = running.incrementAndGet();
        peak.accumulateAndGet(now, Math::max);
        try {
            return transcoder.transcode(request, progress);
        } finally {
            running.decrementAndGet();
            bulkhead.onComplete();
        }
    }

    @Override
    public String toString() {
        return "TranscodeBudget[" + jobs() + " jobs, " + running() + " running]";
    }

    /** A provider whose transcodes take a job of the budget. */
    private record Limited(TranscodeBudget budget, TranscoderProvider delegate) implements TranscoderProvider {

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public int priority() {
            return delegate.priority();
        }

        @Override
        public boolean isAvailable() {
            return delegate.isAvailable();
        }

        @Override
        public void configure(TranscoderConfig config) {
            delegate.configure(config);
        }

        @Override
        public boolean claims(Path source) {
            return delegate.claims(source);
        }

        @Override
        public boolean supports(MediaInfo media) {
            return delegate.supports(media);
        }

        @Override
        public Transcoder transcoder() {
            Transcoder t = delegate.transcoder();
            return new Transcoder() {
                @Override
                public MediaInfo probe(Path source) {
                    return t.probe(source);
                }

                @Override
                public TranscodeResult transcode(TranscodeRequest request, ProgressListener progress) {
                    return budget.run(t, request, progress);
                }
            };
        }
    }
}
