// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.benchmarks;

import io.github.iconiksdk.api.ProgressListener;
import io.github.iconiksdk.api.transcode.MediaInfo;
import io.github.iconiksdk.api.transcode.MediaKind;
import io.github.iconiksdk.api.transcode.TranscodeException;
import io.github.iconiksdk.api.transcode.TranscodeRequest;
import io.github.iconiksdk.api.transcode.TranscodeResult;
import io.github.iconiksdk.api.transcode.Transcoder;
import io.github.iconiksdk.api.transcode.TranscoderProvider;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * A transcoder whose cost is time, not CPU: each file's "transcode" is a sleep of {@code SLEEP_TRANSCODER_MS}
 * milliseconds (environment), at most {@code SLEEP_TRANSCODER_JOBS} at once per process (default 1), and makes no
 * rendition. It stands for a transcode farm or a GPU box, so that a 2-core machine can show how a fleet of gateways
 * scales (docs/scale-out.md, benchmarks/run-fleet.sh). Available, and claiming every file, only while
 * {@code SLEEP_TRANSCODER_MS} is set; run-fleet.sh packs it into a plugin jar of its own.
 */
public final class SleepTranscoderProvider implements TranscoderProvider {

    private static final String SLEEP = System.getenv("SLEEP_TRANSCODER_MS");
    private static final Semaphore JOBS = new Semaphore(Integer.parseInt(
            System.getenv().getOrDefault("SLEEP_TRANSCODER_JOBS", "1")));

    /** Made by {@link java.util.ServiceLoader}. */
    public SleepTranscoderProvider() {
    }

    @Override
    public String name() {
        return "sleep";
    }

    @Override
    public int priority() {
        return 1000;
    }

    @Override
    public boolean isAvailable() {
        return SLEEP != null;
    }

    @Override
    public boolean claims(Path source) {
        return SLEEP != null;
    }

    @Override
    public boolean supports(MediaInfo media) {
        return SLEEP != null;
    }

    @Override
    public Transcoder transcoder() {
        return new Transcoder() {
            @Override
            public MediaInfo probe(Path source) {
                return new MediaInfo(MediaKind.VIDEO, "sleep", Duration.ZERO, 0, List.of());
            }

            @Override
            public TranscodeResult transcode(TranscodeRequest request, ProgressListener progress) {
                try {
                    JOBS.acquire();
                    try {
                        Thread.sleep(Long.parseLong(SLEEP));
                    } finally {
                        JOBS.release();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TranscodeException("interrupted", -1, List.of(), e);
                }
                return new TranscodeResult(probe(request.source()), List.of());
            }
        };
    }
}
