// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.benchmarks;

import io.github.iconiksdk.api.pattern.IgnoreMatcher;
import io.github.iconiksdk.core.pattern.Patterns;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Pattern matching throughput (paths per second) over the 100k-path corpus of {@code shared/bench/fnmatch_anchor.py},
 * with the same 18 patterns (iconik's default ignore list plus ten user patterns), each path tested as a file by
 * name and whole path. Compared with the JDK's {@code PathMatcher("glob:")} applied the same way (lower-cased, name and
 * path). The Python anchor is timed by the anchor script itself in the same run (see BENCHMARKS.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PatternMatchBenchmark {

    /** The anchor's pattern list, verbatim. */
    static final List<String> PATTERNS = List.of("*.iconikagent", "*.fcpcache", "*.cfa", "*.pek", "*.ims",
            "media cache", "media cache files", "adobe premiere pro auto-save", "*.tmp", "*exclude*", "*/proxies",
            "*.xml", ".DS_Store", "Thumbs.db", "*.prproj", "*/Exports/*", "*~", "._*");

    private static final int CORPUS_SIZE = 100_000;

    /** The corpus file written by {@code fnmatch_anchor.py CORPUS_OUT}. */
    @Param("target/corpus.txt")
    public String corpus;

    private String[] paths;
    private IgnoreMatcher sdk;
    private PathMatcher[] jdk;

    /**
     * Loads the corpus and compiles the patterns; prints how many paths each matcher matches, for comparison.
     *
     * @throws IOException if the corpus file cannot be read
     */
    @Setup
    public void setUp() throws IOException {
        paths = Files.readAllLines(Path.of(corpus)).stream().filter(s -> !s.isEmpty()).toArray(String[]::new);
        if (paths.length != CORPUS_SIZE) {
            throw new IllegalStateException("expected " + CORPUS_SIZE + " paths in " + corpus + ", got " + paths.length);
        }
        sdk = Patterns.compile(PATTERNS);
        jdk = PATTERNS.stream().map(p -> FileSystems.getDefault().getPathMatcher("glob:" + p.toLowerCase(Locale.ROOT)))
                .toArray(PathMatcher[]::new);
        System.err.printf("%nsdk matched %d of %d; jdk glob matched %d%n", sdkMatches(), paths.length, jdkGlob());
    }

    /** @return how many corpus paths the SDK's compiled list matches */
    @Benchmark
    @OperationsPerInvocation(CORPUS_SIZE)
    public int sdkMatches() {
        int n = 0;
        for (String p : paths) {
            if (sdk.matches(p, false)) {
                n++;
            }
        }
        return n;
    }

    /** @return how many corpus paths the JDK's glob matchers match by lower-cased name or path */
    @Benchmark
    @OperationsPerInvocation(CORPUS_SIZE)
    public int jdkGlob() {
        int n = 0;
        for (String p : paths) {
            String lower = p.toLowerCase(Locale.ROOT);
            Path whole = Path.of(lower);
            Path name = whole.getFileName();
            for (PathMatcher m : jdk) {
                if (m.matches(name) || m.matches(whole)) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }
}
