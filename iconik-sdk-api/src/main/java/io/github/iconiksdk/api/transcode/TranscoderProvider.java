// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.transcode;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * SPI for plugins that add a transcoder (Telestream Vantage, Blackmagic RAW proxy generator, a PDF renderer, a GPU
 * encoder). Put the implementation's name in
 * {@code META-INF/services/io.github.iconiksdk.api.transcode.TranscoderProvider} (or {@code provides} it in
 * {@code module-info.java}); the SDK finds it with {@link ServiceLoader}.
 *
 * <p>Life of a provider: it is created, {@link #configure configured} once, then asked about each source in two
 * rounds, in priority order (highest first):
 * <ol>
 *   <li>{@link #claims(Path)}, before any probe: the first available provider that claims the file by its name or
 *       first bytes makes its renditions (ffprobe cannot read a {@code .braw}, a PDF or a CR3, so such a plugin
 *       must claim);</li>
 *   <li>otherwise the file is probed (ffprobe) and the first available provider that {@link #supports} the
 *       {@link MediaInfo} is used; the bundled FFmpeg provider (priority 0) takes what nobody else wants.</li>
 * </ol>
 * {@link #claimant} and {@link #select(java.util.List, MediaInfo)} apply these rules to a list of providers.
 */
public interface TranscoderProvider {

    /** @return a short unique name, for logs and configuration ({@code "ffmpeg"}) */
    String name();

    /** @return the priority; higher wins. The bundled FFmpeg provider uses 0 */
    int priority();

    /**
     * Whether this provider can run here at all (its tools are installed and licensed). Called once per lookup;
     * keep it cheap.
     *
     * @return {@code true} when {@link #transcoder()} will work
     */
    boolean isAvailable();

    /**
     * Receives the configuration, once, before any other call but {@link #name()} and {@link #priority()}. A
     * provider that needs settings (the watch-folder rules) reads them here; the others ignore it. Does nothing by
     * default.
     *
     * @param config the options and the folder relative paths are resolved against
     * @throws IllegalArgumentException if an option this provider owns is bad; the message names the option's key
     *                                  (the gateway stops at start with it, exit code 2)
     */
    default void configure(TranscoderConfig config) {
    }

    /**
     * Whether this provider claims a file before it is probed, by its name or by its first bytes. Must be cheap
     * (no tool run, at most a small read) and must not throw: an unreadable file is simply not claimed. Claims
     * nothing by default.
     *
     * @param source the file
     * @return {@code true} if this provider makes the file's renditions, whatever a probe would say
     */
    default boolean claims(Path source) {
        return false;
    }

    /**
     * Whether this provider makes renditions for such media.
     *
     * @param media what the source holds (as probed by any transcoder)
     * @return {@code true} if it does
     */
    boolean supports(MediaInfo media);

    /**
     * @return the provider's transcoder, created once and shared
     * @throws TranscodeException if it cannot be created (tools missing); the message says what to install
     */
    Transcoder transcoder();

    /**
     * Lists the providers on the class path or module path, highest priority first.
     *
     * @return every provider found, available or not
     */
    static List<TranscoderProvider> installed() {
        return ServiceLoader.load(TranscoderProvider.class).stream().map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparingInt(TranscoderProvider::priority).reversed()).toList();
    }

    /**
     * Picks the provider for a source among the installed ones: the highest-priority available one that supports
     * it.
     *
     * @param media what the source holds
     * @return the provider, or empty when none fits
     */
    static Optional<TranscoderProvider> select(MediaInfo media) {
        return select(installed(), media);
    }

    /**
     * Picks the provider for probed media: the first available one, in the order given (highest priority first),
     * that supports it.
     *
     * @param providers the providers, highest priority first
     * @param media     what the source holds
     * @return the provider, or empty when none fits
     */
    static Optional<TranscoderProvider> select(List<TranscoderProvider> providers, MediaInfo media) {
        return providers.stream().filter(TranscoderProvider::isAvailable).filter(p -> p.supports(media))
                .findFirst();
    }

    /**
     * Asks the providers, in the order given (highest priority first), whether one claims a file before it is
     * probed: the first available one that {@link #claims} it.
     *
     * @param providers the providers, highest priority first
     * @param source    the file
     * @return the claiming provider, or empty when the file is to be probed
     */
    static Optional<TranscoderProvider> claimant(List<TranscoderProvider> providers, Path source) {
        return providers.stream().filter(TranscoderProvider::isAvailable).filter(p -> claimsSafely(p, source))
                .findFirst();
    }

    private static boolean claimsSafely(TranscoderProvider p, Path source) {
        try {
            return p.claims(source);
        } catch (RuntimeException e) {
            return false; // a claim must not throw; one that does claims nothing
        }
    }
}
