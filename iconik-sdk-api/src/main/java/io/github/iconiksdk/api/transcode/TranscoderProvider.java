package io.github.iconiksdk.api.transcode;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * SPI for plugins that add a transcoder (Telestream Vantage, Blackmagic RAW proxy generator, a GPU encoder). Put
 * the implementation's name in {@code META-INF/services/io.github.iconiksdk.api.transcode.TranscoderProvider} (or
 * {@code provides} it in {@code module-info.java}); the SDK finds it with {@link ServiceLoader}. For each source,
 * the available provider with the highest priority that supports it is used.
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
     * Picks the provider for a source: the highest-priority available one that supports it.
     *
     * @param media what the source holds
     * @return the provider, or empty when none fits
     */
    static Optional<TranscoderProvider> select(MediaInfo media) {
        return installed().stream().filter(TranscoderProvider::isAvailable).filter(p -> p.supports(media))
                .findFirst();
    }
}
