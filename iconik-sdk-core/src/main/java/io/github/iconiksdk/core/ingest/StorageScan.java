// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.ingest;

import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.api.scan.ScanListener;
import io.github.iconiksdk.api.scan.ScanSummary;
import io.github.iconiksdk.api.pattern.IgnoreMatcher;
import io.github.iconiksdk.api.pattern.InvalidPatternException;
import io.github.iconiksdk.core.pattern.PatternSet;
import io.github.iconiksdk.core.pattern.Patterns;
import io.github.iconiksdk.core.scan.FileSystemScanner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One scan pass over a storage that reports what changed and registers nothing: what a pipeline would see, for a
 * dry run, an inventory or a command-line tool. Events go to the caller's {@link ScanListener} as the
 * {@link FileSystemScanner} reports them.
 *
 * <p>The scan state is the caller's {@linkplain Builder#stateFile file} (so that a second pass over an unchanged
 * tree reports nothing), or a temporary one deleted after the pass (every file is then {@code NEW}). Never give it
 * the state file of an {@link IngestPipeline}: changes reported here would then be delivered, and the pipeline
 * would never register them. {@link IngestPipeline#scanOnly(ScanListener)} scans with a storage's own settings.
 *
 * <pre>{@code
 * ScanSummary summary = StorageScan.builder().root(Path.of("/mnt/media"))
 *         .patterns(PatternSet.builder().scanIgnore(Patterns.compile(Patterns.DEFAULT_SCAN_IGNORE)).build())
 *         .build()
 *         .scanOnce(event -> System.out.println(event));
 * }</pre>
 */
public final class StorageScan {

    private final Path root;
    private final List<String> scanDirectories;
    private final PatternSet patterns;
    private final Duration growingThreshold;
    private final boolean checksums;
    private final Optional<Path> stateFile;

    private StorageScan(Builder b, List<String> scanDirectories) {
        this.root = b.root;
        this.scanDirectories = scanDirectories;
        this.patterns = b.patterns;
        this.growingThreshold = b.growingThreshold;
        this.checksums = b.checksums;
        this.stateFile = Optional.ofNullable(b.stateFile);
    }

    /** @return a builder; {@link Builder#root} is required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder set up as a pipeline scans this storage: its mount point, scan directories, scan patterns and
     * growing-files threshold, with checksums.
     *
     * @param settings the storage's settings
     * @return a builder; its settings may still be changed
     */
    public static Builder forStorage(StorageSettings settings) {
        Objects.requireNonNull(settings, "settings");
        return new Builder().root(settings.mountPoint()).scanDirectories(settings.scanDirectories())
                .patterns(settings.patterns()).growingThreshold(settings.growingThreshold());
    }

    /**
     * Runs the pass. Each event is recorded in the state as delivered once the listener's
     * {@link ScanListener#flush()} has returned, so a pass killed half way reports again, next time, whatever the
     * listener may not have passed on.
     *
     * @param listener receives every event, in the scanning thread
     * @return the pass's counts
     * @throws IconikException if the root cannot be scanned or the state cannot be opened or written (names the
     *                         file); also whatever the listener throws
     */
    public ScanSummary scanOnce(ScanListener listener) {
        Objects.requireNonNull(listener, "listener");
        Path tempDir = null;
        try {
            Path state;
            if (stateFile.isPresent()) {
                state = stateFile.get();
            } else {
                tempDir = Files.createTempDirectory("iconik-scan-");
                state = tempDir.resolve("scan.db");
            }
            try (FileSystemScanner scanner = FileSystemScanner.builder().root(root).scanDirectories(scanDirectories)
                    .patterns(patterns).growingThreshold(growingThreshold).checksums(checksums).stateFile(state)
                    .build()) {
                return scanner.scanOnce(listener);
            }
        } catch (IOException e) {
            throw new IconikException("cannot create a temporary scan state in " + tmpdir() + ": " + e, e);
        } finally {
            if (tempDir != null) {
                deleteTree(tempDir);
            }
        }
    }

    private static String tmpdir() {
        return System.getProperty("java.io.tmpdir");
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f); // the database and its journal files; nothing nested
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // the state was temporary: leaving it in the temporary folder is harmless
        }
    }

    /** Builds a {@link StorageScan}. */
    public static final class Builder {
        private Path root;
        private List<String> scanDirectories = List.of();
        private PatternSet patterns = PatternSet.builder().build();
        private Duration growingThreshold = StorageSettings.DEFAULT_GROWING_THRESHOLD;
        private boolean checksums = true;
        private Path stateFile;

        private Builder() {
        }

        /**
         * Sets the storage's root (its mount point).
         *
         * @param root an existing folder
         * @return this builder
         */
        public Builder root(Path root) {
            this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
            return this;
        }

        /**
         * Limits the pass to folders below the root, each scanned recursively (iconik's {@code scan_directories}).
         * Default: the whole root.
         *
         * @param directories paths relative to the root, or absolute paths below it (checked by {@link #build()})
         * @return this builder
         */
        public Builder scanDirectories(List<String> directories) {
            this.scanDirectories = List.copyOf(Objects.requireNonNull(directories, "directories"));
            return this;
        }

        /**
         * Sets the pattern lists; only the scan ignore and include lists matter here. Default: nothing ignored,
         * every file kept.
         *
         * @param patterns the compiled lists
         * @return this builder
         */
        public Builder patterns(PatternSet patterns) {
            this.patterns = Objects.requireNonNull(patterns, "patterns");
            return this;
        }

        /**
         * Sets the scan ignore list from its text, as a storage holds it (what a command line or a configuration
         * gives); replaces that list of {@link #patterns}.
         *
         * @param ignore the patterns; {@code null} for iconik's default ignore list
         *               ({@link Patterns#DEFAULT_SCAN_IGNORE}, what a new storage has), empty for none
         * @return this builder
         * @throws InvalidPatternException if a pattern is invalid (names the pattern and the list)
         */
        public Builder scanIgnore(List<String> ignore) {
            IgnoreMatcher m = compile("scan ignore list", ignore == null ? Patterns.DEFAULT_SCAN_IGNORE : ignore);
            this.patterns = patterns.toBuilder().scanIgnore(m).build();
            return this;
        }

        /**
         * Sets the scan include list from its text; replaces that list of {@link #patterns}.
         *
         * @param include the patterns; empty keeps every file
         * @return this builder
         * @throws InvalidPatternException if a pattern is invalid (names the pattern and the list)
         */
        public Builder scanInclude(List<String> include) {
            IgnoreMatcher m = compile("scan include list", Objects.requireNonNull(include, "include"));
            this.patterns = patterns.toBuilder().scanInclude(m).build();
            return this;
        }

        private static IgnoreMatcher compile(String list, List<String> patterns) {
            try {
                return Patterns.compile(patterns);
            } catch (InvalidPatternException e) {
                throw new InvalidPatternException(e.pattern(), e.index(), e.reason() + " (" + list + ")");
            }
        }

        /**
         * Sets how long a file must stay unchanged before it is reported as new or modified (reported as growing
         * until then). Default 10 s.
         *
         * @param threshold zero or more
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder growingThreshold(Duration threshold) {
            if (Objects.requireNonNull(threshold, "threshold").isNegative()) {
                throw new IllegalArgumentException("growing threshold must be zero or more: " + threshold);
            }
            this.growingThreshold = threshold;
            return this;
        }

        /**
         * Sets whether MD5 checksums are computed for new and modified files. Default on.
         *
         * @param checksums whether to compute them
         * @return this builder
         */
        public Builder checksums(boolean checksums) {
            this.checksums = checksums;
            return this;
        }

        /**
         * Keeps the scan state in this SQLite file (created if missing), so that the next pass reports only what
         * changed since. Default: a temporary state, deleted after the pass.
         *
         * @param file the database file
         * @return this builder
         */
        public Builder stateFile(Path file) {
            this.stateFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * Builds the scan; nothing is opened until {@link StorageScan#scanOnce}.
         *
         * @return the scan
         * @throws IllegalStateException    if no root is set
         * @throws IllegalArgumentException if a scan directory is not below the root (names it and the root)
         */
        public StorageScan build() {
            if (root == null) {
                throw new IllegalStateException("root is required");
            }
            List<String> relative = new ArrayList<>();
            for (String d : scanDirectories) {
                Path p = Path.of(d);
                if (p.isAbsolute()) {
                    Path n = p.normalize();
                    if (!n.startsWith(root)) {
                        throw new IllegalArgumentException("scan directory '" + d + "' is not below the root " + root);
                    }
                    relative.add(root.relativize(n).toString());
                } else {
                    relative.add(d);
                }
            }
            FileSystemScanner.builder().scanDirectories(relative); // refuses one that leaves the root
            return new StorageScan(this, List.copyOf(relative));
        }
    }
}
