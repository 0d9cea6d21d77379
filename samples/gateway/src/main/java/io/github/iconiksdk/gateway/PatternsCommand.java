// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import io.github.iconiksdk.api.pattern.InvalidPatternException;
import io.github.iconiksdk.api.pattern.IgnoreMatcher;
import io.github.iconiksdk.core.pattern.PatternSet;
import io.github.iconiksdk.core.pattern.Patterns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code patterns}: tries ignore and include lists on paths without touching the disk, printing what a scan would
 * do with each ({@code IGNORED}, {@code EXCLUDED} or {@code KEPT}, a tab, the path as given).
 */
@Command(name = "patterns", sortOptions = false,
        footer = {"  ./iconik-gateway patterns --ignore 'media cache files' --include '*.mov' \\",
                "      'Project/Media Cache Files/x.cfa' A001/clip.mov"},
        description = {"Try ignore and include patterns on paths (arguments, or one per line on stdin).",
                "A path ending in / is a directory. Nothing is looked up on disk.",
                "Prints IGNORED, EXCLUDED or KEPT, a tab, and the path, one line per path in input order."})
final class PatternsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--ignore", paramLabel = "P", description = "An ignore pattern (repeatable). None: nothing is ignored.")
    List<String> ignore = new ArrayList<>();

    @Option(names = "--include", paramLabel = "P", description = "An include pattern (repeatable). None: every file is kept.")
    List<String> include = new ArrayList<>();

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Paths relative to the storage root.")
    List<String> paths = new ArrayList<>();

    @Override
    public Integer call() {
        PatternSet set;
        try {
            set = PatternSet.builder().scanIgnore(compile("--ignore", ignore))
                    .scanInclude(compile("--include", include)).build();
        } catch (InvalidPatternException e) {
            spec.commandLine().getErr().println("iconik-gateway patterns: " + e.getMessage());
            return GatewayMain.EXIT_USAGE;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (!paths.isEmpty()) {
            paths.forEach(p -> out.println(verdictLine(set, p)));
        } else {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (!line.isEmpty()) {
                        out.println(verdictLine(set, line));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read paths from stdin", e);
            }
        }
        out.flush();
        return 0;
    }

    /** Compiles one option's list; the error names the option as well as the pattern. */
    private static IgnoreMatcher compile(String option, List<String> patterns) {
        try {
            return Patterns.compile(patterns);
        } catch (InvalidPatternException e) {
            throw new InvalidPatternException(e.pattern(), e.index(), e.reason() + " (" + option + ")");
        }
    }

    /** The line for one path: a trailing {@code /} marks a directory; leading ones are dropped for matching. */
    static String verdictLine(PatternSet set, String given) {
        boolean directory = given.endsWith("/");
        String path = given;
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        int start = 0;
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        path = path.substring(start, end);
        return set.scanVerdictWithParents(path, directory).name() + "\t" + given;
    }
}
