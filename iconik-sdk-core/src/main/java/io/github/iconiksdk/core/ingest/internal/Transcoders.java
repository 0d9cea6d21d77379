// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.ingest.internal;

import io.github.iconiksdk.api.transcode.MediaInfo;
import io.github.iconiksdk.api.transcode.TranscodeException;
import io.github.iconiksdk.api.transcode.Transcoder;
import io.github.iconiksdk.api.transcode.TranscoderProvider;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The transcoder providers an ingest pipeline was given, highest priority first. The prober (the transcoder that
 * reads what a file holds before a provider is chosen) is the {@code "ffmpeg"} provider's, or else the first one's;
 * it is created once, and when it cannot be its error is kept for the reports.
 */
public final class Transcoders {

    private final List<TranscoderProvider> providers;
    private List<TranscoderProvider> available;
    private Transcoder prober;
    private String missing;

    /** @param providers the providers, in any order */
    public Transcoders(List<TranscoderProvider> providers) {
        this.providers = providers.stream()
                .sorted(Comparator.comparingInt(TranscoderProvider::priority).reversed()).toList();
    }

    /** @return the prober, or empty when none can be made ({@link #missing()} says why) */
    public synchronized Optional<Transcoder> prober() {
        if (prober == null && missing == null) {
            Optional<TranscoderProvider> p = providers.stream().filter(x -> x.name().equals("ffmpeg")).findFirst()
                    .or(() -> providers.stream().findFirst());
            if (p.isEmpty()) {
                missing = "no transcoder is installed (the ffmpeg module or a transcoder plugin)";
            } else {
                try {
                    prober = p.get().transcoder();
                } catch (TranscodeException e) {
                    missing = e.getMessage();
                }
            }
        }
        return Optional.ofNullable(prober);
    }

    /** @return why there is no prober, or null */
    public synchronized String missing() {
        return missing;
    }

    /**
     * @param source the file
     * @return the highest-priority available provider that claims it before any probe
     */
    public Optional<TranscoderProvider> claimant(Path source) {
        return TranscoderProvider.claimant(available(), source);
    }

    /**
     * @param media what the source holds
     * @return the highest-priority available provider that supports it
     */
    public Optional<TranscoderProvider> select(MediaInfo media) {
        return available().stream().filter(p -> p.supports(media)).findFirst();
    }

    private synchronized List<TranscoderProvider> available() {
        if (available == null) {
            available = providers.stream().filter(TranscoderProvider::isAvailable).toList();
        }
        return available;
    }
}
