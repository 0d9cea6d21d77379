// SPDX-License-Identifier: Apache-2.0
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
 * reads the keys it knows and ignores the others' keys. The ingest pipeline also sets {@link #MAX_JOBS}.
 *
 * @param options the options, in the order they were written
 * @param baseDir the folder relative paths are resolved against (the configuration file's folder)
 */
public record TranscoderConfig(Map<String, String> options, Path baseDir) {

    /**
     * The option holding how many transcodes the program runs at once (the gateway's {@code max-transcoding-jobs},
     * which the ingest pipeline sets unless the options name it already). A provider whose transcoder bounds its own
     * concurrency allows this many, so that its own bound is not the lower one.
     */
    public static final String MAX_JOBS = "max-transcoding-jobs";

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
