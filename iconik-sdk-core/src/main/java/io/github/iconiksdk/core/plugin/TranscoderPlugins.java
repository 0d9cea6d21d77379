// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.plugin;

import io.github.iconiksdk.api.transcode.MediaInfo;
import io.github.iconiksdk.api.transcode.TranscoderConfig;
import io.github.iconiksdk.api.transcode.TranscoderProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The transcoder providers a program can use: those on its own class or module path (the SDK's FFmpeg, PDF, RAW
 * and watch-folder plugins ship inside the gateway's jar) plus those in the jars of a plugins folder, loaded at
 * start with no rebuild. The folder's jars get one class loader whose parent is the SDK's, so a plugin sees the
 * SDK's API and its own classes; {@link ServiceLoader} finds the providers through their
 * {@code META-INF/services/io.github.iconiksdk.api.transcode.TranscoderProvider} entries.
 *
 * <p>Close it when the providers are no longer used (it closes the jars).
 *
 * <pre>{@code
 * try (TranscoderPlugins plugins = TranscoderPlugins.load(config.pluginsDir())) {
 *     IngestPipeline.builder()...transcoderProviders(plugins.providers())...
 * }
 * }</pre>
 */
public final class TranscoderPlugins implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TranscoderPlugins.class);

    private final URLClassLoader loader;
    private final List<Path> jars;
    private final List<TranscoderProvider> providers;

    private TranscoderPlugins(URLClassLoader loader, List<Path> jars, List<TranscoderProvider> providers) {
        this.loader = loader;
        this.jars = jars;
        this.providers = providers;
    }

    /**
     * Finds the providers on the class path and in the folder's {@code *.jar} files. A missing folder is no error
     * (there are no third-party plugins); a provider that cannot be instantiated is logged and skipped.
     *
     * @param pluginsDir the folder of plugin jars
     * @return the providers, highest priority first
     * @throws UncheckedIOException if the folder exists but cannot be listed
     */
    public static TranscoderPlugins load(Path pluginsDir) {
        Objects.requireNonNull(pluginsDir, "pluginsDir");
        List<Path> jars = new ArrayList<>();
        if (Files.isDirectory(pluginsDir)) {
            try (DirectoryStream<Path> found = Files.newDirectoryStream(pluginsDir, "*.jar")) {
                found.forEach(jars::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the plugins folder " + pluginsDir, e);
            }
        }
        jars.sort(Comparator.naturalOrder());
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalStateException("cannot make a URL of " + jars.get(i), e);
            }
        }
        URLClassLoader loader = new URLClassLoader("iconik-plugins", urls, TranscoderPlugins.class.getClassLoader());
        List<TranscoderProvider> providers = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        // the SDK's own (class path or module layer) first, then the folder's
        collect(ServiceLoader.load(TranscoderProvider.class, TranscoderPlugins.class.getClassLoader()), providers,
                seen, "the class path");
        collect(ServiceLoader.load(TranscoderProvider.class, loader), providers, seen, pluginsDir.toString());
        providers.sort(Comparator.comparingInt(TranscoderProvider::priority).reversed());
        LOG.info("transcoder plugins: {} (jars in {}: {})", providers.stream()
                .map(p -> p.name() + "@" + p.priority()).toList(), pluginsDir, jars.size());
        return new TranscoderPlugins(loader, List.copyOf(jars), List.copyOf(providers));
    }

    private static void collect(ServiceLoader<TranscoderProvider> found, List<TranscoderProvider> into,
                                Set<String> seen, String where) {
        var it = found.iterator();
        // after a broken entry the iterator goes on to the next one; the bound only guards against one that never does
        for (int errors = 0; errors < 1000; ) {
            try {
                if (!it.hasNext()) {
                    return;
                }
                TranscoderProvider p = it.next();
                if (seen.add(p.getClass().getName())) {
                    into.add(p);
                }
            } catch (ServiceConfigurationError e) {
                errors++;
                LOG.warn("a transcoder plugin in {} cannot be loaded and is skipped: {}", where, e.getMessage());
            }
        }
    }

    /**
     * Hands every provider its configuration (see {@link TranscoderProvider#configure}); call once, before asking
     * them anything.
     *
     * @param config the options (the gateway passes
     *               {@link io.github.iconiksdk.core.config.GatewayConfig#transcoderOptions()})
     *               and the folder relative paths are resolved against
     * @return this
     * @throws IllegalArgumentException if a provider refuses its options; the message names the plugin and, as
     *                                  the provider says, the key
     */
    public TranscoderPlugins configure(TranscoderConfig config) {
        Objects.requireNonNull(config, "config");
        for (TranscoderProvider p : providers) {
            try {
                p.configure(config);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("transcoder plugin '" + p.name() + "': " + e.getMessage(), e);
            }
        }
        return this;
    }

    /**
     * The provider that claims a file before any probe: the first available one, highest priority first, whose
     * {@link TranscoderProvider#claims} says yes. When there is none, probe the file and {@link #select} by
     * its media.
     *
     * @param source the file
     * @return the claiming provider, or empty
     */
    public Optional<TranscoderProvider> claimant(Path source) {
        return TranscoderProvider.claimant(providers, source);
    }

    /**
     * The provider for probed media: the first available one, highest priority first, that supports it (FFmpeg,
     * priority 0, for what no plugin wants).
     *
     * @param media what the probe found
     * @return the provider, or empty when none fits
     */
    public Optional<TranscoderProvider> select(MediaInfo media) {
        return TranscoderProvider.select(providers, media);
    }

    /** @return every provider found, highest priority first (available or not) */
    public List<TranscoderProvider> providers() {
        return providers;
    }

    /** @return the plugin jars found in the folder, in name order */
    public List<Path> jars() {
        return jars;
    }

    /**
     * Closes the plugin jars; their providers must no longer be used.
     *
     * @throws UncheckedIOException if a jar cannot be closed
     */
    @Override
    public void close() {
        try {
            loader.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the plugin jars", e);
        }
    }
}
