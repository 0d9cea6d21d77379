// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.transcoder.watchfolder;

import io.github.iconiksdk.api.transcode.MediaInfo;
import io.github.iconiksdk.api.transcode.Transcoder;
import io.github.iconiksdk.api.transcode.TranscoderConfig;
import io.github.iconiksdk.api.transcode.TranscoderProvider;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Registers {@link WatchFolderTranscoder} under the name {@code "watch-folder"} at priority 100, above the bundled
 * FFmpeg provider (0): a file a rule claims goes to the outside tool. Found by {@link java.util.ServiceLoader}
 * with no rules (and so not available) until {@link #configure} gives it the {@code watch-folder.NAME.KEY} options
 * (the gateway's {@code [watch-folder:NAME]} sections); a program may also build it with its rules.
 */
public final class WatchFolderTranscoderProvider implements TranscoderProvider {

    private volatile WatchFolderTranscoder transcoder;

    /** Creates the provider with no rules (unavailable). Called by {@link java.util.ServiceLoader}. */
    public WatchFolderTranscoderProvider() {
        this(List.of());
    }

    /**
     * Creates the provider with rules.
     *
     * @param rules the rules, first match wins
     * @throws IllegalArgumentException if two rules share a name
     */
    public WatchFolderTranscoderProvider(List<WatchFolderRule> rules) {
        this.transcoder = new WatchFolderTranscoder(rules);
    }

    /**
     * Takes the rules from the {@code watch-folder.NAME.KEY} options (see {@link WatchFolderConfig}); without such
     * options the rules given at construction stay.
     *
     * @param config the options and the folder relative paths are resolved against
     * @throws IllegalArgumentException if a rule is bad; the message names the section and the key
     */
    @Override
    public void configure(TranscoderConfig config) {
        List<WatchFolderRule> rules = WatchFolderConfig.rules(config.options(), config.baseDir());
        if (!rules.isEmpty()) {
            this.transcoder = new WatchFolderTranscoder(rules);
        }
    }

    @Override
    public String name() {
        return WatchFolderTranscoder.PLUGIN;
    }

    /** @return 100: above FFmpeg's 0, since a rule names the files it wants */
    @Override
    public int priority() {
        return 100;
    }

    /** @return whether any rule is configured */
    @Override
    public boolean isAvailable() {
        return !transcoder.rules().isEmpty();
    }

    /**
     * Whether a rule claims such media. ffprobe cannot read most files a watch-folder tool exists for (a
     * {@code .braw}), so prefer {@link #claims(Path)}, by file name, before any probe; this matches the container
     * name against the rules' {@code *.ext} patterns.
     *
     * @param media what the source holds
     * @return {@code true} if a rule's pattern names that container as an extension
     */
    @Override
    public boolean supports(MediaInfo media) {
        String container = media.container() == null ? "" : media.container().toLowerCase(Locale.ROOT);
        return !container.isEmpty() && transcoder.ruleFor(Path.of("x." + container)).isPresent();
    }

    /**
     * Whether a rule claims a source by its file name; answered without reading the file.
     *
     * @param source the source file
     * @return {@code true} if a rule's pattern matches its name
     */
    @Override
    public boolean claims(Path source) {
        return transcoder.ruleFor(source).isPresent();
    }

    @Override
    public Transcoder transcoder() {
        return transcoder;
    }
}
