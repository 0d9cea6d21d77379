// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import io.github.iconiksdk.testing.RequiredTools;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command and sub-command answers {@code -h}/{@code --help} with its options and an example and exits 0;
 * {@code --version} names the SDK, Java and FFmpeg; {@code completion} prints a bash script that really completes
 * the commands and options.
 */
class HelpVersionCompletionTest {

    /** Every command path below the root, found by walking the real command tree (new commands are covered too). */
    private static List<List<String>> commandPaths() {
        List<List<String>> paths = new ArrayList<>();
        collect(GatewayMain.commandLine(), new ArrayList<>(), paths);
        return paths;
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> into) {
        into.add(List.copyOf(path));
        cl.getSubcommands().forEach((name, sub) -> {
            List<String> child = new ArrayList<>(path);
            child.add(name);
            collect(sub, child, into);
        });
    }

    private static CommandLine find(List<String> path) {
        CommandLine cl = GatewayMain.commandLine();
        for (String name : path) {
            cl = cl.getSubcommands().get(name);
        }
        return cl;
    }

    private static String[] args(List<String> path, String... more) {
        return Stream.concat(path.stream(), Arrays.stream(more)).toArray(String[]::new);
    }

    @TestFactory
    Stream<DynamicTest> everyCommand_answersHelpWithItsOptionsAndAnExample() {
        return commandPaths().stream().flatMap(path -> Stream.of("-h", "--help").map(flag ->
                DynamicTest.dynamicTest(String.join(" ", args(path, flag)), () -> {
                    CommandRun run = CommandRun.run(args(path, flag));
                    assertEquals(0, run.exitCode(), run.err());
                    assertEquals("", run.err());
                    String usage = run.out();
                    assertTrue(usage.startsWith("Usage: iconik-gateway"), usage);
                    for (OptionSpec option : find(path).getCommandSpec().options()) {
                        if (!option.hidden()) {
                            // picocli shows a negatable --watch as --[no-]watch
                            String shown = option.negatable()
                                    ? option.longestName().replaceFirst("^--(no-)?", "--[no-]") : option.longestName();
                            assertTrue(usage.contains(shown), shown + " in\n" + usage);
                        }
                    }
                    assertTrue(usage.contains("-h, --help"), usage);
                    int example = usage.indexOf("\nExample:\n");
                    assertTrue(example > 0, "an example in\n" + usage);
                    String invocation = path.isEmpty() ? "./iconik-gateway" : "./iconik-gateway " + String.join(" ", path);
                    assertTrue(usage.substring(example).contains(invocation), invocation + " in\n" + usage);
                    usage.lines().forEach(line -> assertTrue(line.length() <= 80, "wider than 80: " + line));
                })));
    }

    @Test
    void ingestRunAndScanHelp_listTheirOptions() {
        for (String[] expected : List.of(
                new String[] {"ingest", "--config", "--data-dir", "--no-wait", "--storage-id"},
                new String[] {"run", "--config", "--status-port", "--data-dir"},
                new String[] {"scan", "--scan-dir", "--growing-threshold", "--state", "--json"})) {
            CommandRun run = CommandRun.run(expected[0], "--help");
            assertEquals(0, run.exitCode(), run.err());
            for (int i = 1; i < expected.length; i++) {
                assertTrue(run.out().contains(expected[i]), expected[i] + " in " + run.out());
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> version_namesTheSdkJavaAndFfmpeg_onEveryCommand() {
        return commandPaths().stream().map(path ->
                DynamicTest.dynamicTest(String.join(" ", args(path, "--version")), () -> {
                    CommandRun run = CommandRun.run(args(path, "--version"));
                    assertEquals(0, run.exitCode(), run.err());
                    List<String> lines = run.out().lines().toList();
                    assertEquals(3, lines.size(), run.out());
                    assertTrue(lines.get(0).matches(
                            "iconik-gateway \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(iconik SDK for Java \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\)"),
                            lines.get(0));
                    assertTrue(lines.get(1).startsWith("Java " + Runtime.version() + " ("), lines.get(1));
                    assertTrue(lines.get(2).startsWith("FFmpeg "), lines.get(2));
                }));
    }

    @Test
    void version_reportsTheFfmpegThatIsOnThePath() throws Exception {
        RequiredTools.ffmpeg();
        Process p = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true).start();
        String first = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst()
                .orElseThrow();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        // "ffmpeg version 5.1.9-0+deb12u1 Copyright ..." -> 5.1.9-0+deb12u1
        String version = first.split(" ")[2];
        String line = CommandRun.run("--version").out().lines().toList().get(2);
        assertTrue(line.startsWith("FFmpeg " + version + " ("), line + " vs " + first);
    }

    @Test
    void completion_scriptCompletesCommandsAndOptionsInBash(@TempDir Path dir) throws Exception {
        CommandRun run = CommandRun.run("completion");
        assertEquals(0, run.exitCode(), run.err());
        Path script = dir.resolve("iconik-gateway.bash");
        Files.writeString(script, run.out());

        assertEquals(List.of("scan", "sidecar"), complete(script, "iconik-gateway s"));
        assertEquals(List.of("--no-wait"), complete(script, "iconik-gateway ingest --no"));
        assertEquals(List.of("--status-port"), complete(script, "iconik-gateway run --status"));
        assertEquals(List.of("read"), complete(script, "iconik-gateway sidecar r"));
        assertFalse(complete(script, "iconik-gateway ").isEmpty());
        assertTrue(complete(script, "iconik-gateway ").contains("completion"));
    }

    /** Sources the script in a real bash and asks its completion function for the last word of {@code line}. */
    private static List<String> complete(Path script, String line) throws IOException, InterruptedException {
        String bash = "source '" + script + "'\n"
                + "COMP_LINE='" + line + "'\n"
                + "read -r -a COMP_WORDS <<< \"$COMP_LINE\"\n"
                + "[[ \"$COMP_LINE\" == *' ' ]] && COMP_WORDS+=('')\n"
                + "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
                + "COMP_POINT=${#COMP_LINE}\n"
                + "_complete_iconik-gateway\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\" | sort\n";
        // stderr dropped: outside a real completion, bash warns that compopt is not in a completion function
        Process p = new ProcessBuilder("bash", "-c", bash).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
