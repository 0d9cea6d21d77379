package io.github.iconiksdk.api.transcode;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The configuration handed to every {@link TranscoderProvider} once, before it is asked anything: flat
 * {@code key = value} options (the gateway passes its {@code [watch-folder:NAME]} sections as
 * {@code watch-folder.NAME.KEY}) and the folder that relative paths in them are resolved against. A provider
 * reads the keys it knows and ignores the others' keys.
 *
 * @param options the options, in the order they were written
 * @param baseDir the folder relative paths are resolved against (the configuration file's folder)
 */
public record TranscoderConfig(Map<String, String> options, Path baseDir) {

    /**
     * Copies the options.
     *
     * @param options the options, in the order they were written
     * @param baseDir the folder relative paths are resolved against
     * @throws NullPointerException if an argument, a key or a value is null
     */
    public TranscoderConfig {
        Objects.requireNonNull(baseDir, "baseDir");
        Map<String, String> copy = new LinkedHashMap<>();
        Objects.requireNonNull(options, "options").forEach((k, v) -> copy.put(Objects.requireNonNull(k, "key"),
                Objects.requireNonNull(v, () -> "value of " + k)));
        options = Collections.unmodifiableMap(copy);
    }

    /**
     * No options, relative paths against the working folder.
     *
     * @return the empty configuration
     */
    public static TranscoderConfig empty() {
        return new TranscoderConfig(Map.of(), Path.of("").toAbsolutePath());
    }

    /**
     * Looks one option up.
     *
     * @param key the key
     * @return its value, if set
     */
    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key));
    }
}
