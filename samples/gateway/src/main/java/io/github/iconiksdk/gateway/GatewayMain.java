// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import io.github.iconiksdk.api.transcode.TranscodeException;
import io.github.iconiksdk.ffmpeg.FfmpegTranscoder;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The sample gateway's entry point: one picocli command per sub-command of {@code shared/spec/gateway.md}.
 * Exit codes: 0 success, 1 the work failed, 2 bad usage or configuration.
 */
@Command(name = "iconik-gateway", mixinStandardHelpOptions = true, versionProvider = GatewayMain.Version.class,
        description = "The iconik Storage Gateway, built from the iconik SDK for Java.",
        footer = {"  ./iconik-gateway demo                   (all of it, on a fake iconik)",
                "  ./iconik-gateway COMMAND --help         (a command's options, an example)",
                "  source <(./iconik-gateway completion)   (tab completion in bash or zsh)"},
        subcommands = {
                PatternsCommand.class,
                ScanCommand.class,
                SidecarCommand.class,
                IngestCommand.class,
                RunCommand.class,
                DemoCommand.class,
                TranscodeCommand.class,
                ApiCommand.class,
                FakeIconikCommand.class,
        })
public final class GatewayMain implements Runnable {

    /** Exit code: the work failed. */
    public static final int EXIT_FAILED = 1;
    /** Exit code: bad usage or configuration. */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Runs the gateway's command line.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs one command and returns its exit code, without exiting the JVM (for tests and embedding).
     *
     * @param args the arguments
     * @return the exit code
     */
    public static int execute(String... args) {
        CommandLine cl = args.length > 0 ? commandLineFor(args[0]) : null;
        if (cl == null) {
            cl = commandLine();
        }
        try {
            return cl.execute(args);
        } finally {
            cl.getOut().flush();
            cl.getErr().flush();
        }
    }

    /** @return the configured picocli command line */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new GatewayMain());
        // picocli's own generator: prints the bash/zsh completion script for every command and option.
        cl.addSubcommand("completion", completionCommand());
        return configure(cl);
    }

    /**
     * The command line of one command, as {@link #commandLine()} has it, under a root that holds no other command:
     * building picocli's model of every command (reflection over each one's options) cost a short command such as
     * {@code scan} 0.08 s of its 0.50 s start (an empty scan, quiet machine; BENCHMARKS.md, issue 17). Used when
     * the first argument names a command.
     *
     * @param name the first argument
     * @return the command line, or {@code null} if no command has that name (the full one then reports it)
     */
    static CommandLine commandLineFor(String name) {
        for (Class<?> c : GatewayMain.class.getAnnotation(Command.class).subcommands()) {
            Command command = c.getAnnotation(Command.class);
            if (command != null && (command.name().equals(name) || java.util.Arrays.asList(command.aliases())
                    .contains(name))) {
                CommandLine cl = new CommandLine(new OneCommandRoot());
                cl.getCommandSpec().usageMessage().description(
                        GatewayMain.class.getAnnotation(Command.class).description());
                cl.addSubcommand(new CommandLine(c));
                return configure(cl);
            }
        }
        return null;
    }

    /** The root of {@link #commandLineFor}: named as the gateway's; never run (a command always follows). */
    @Command(name = "iconik-gateway", mixinStandardHelpOptions = true, versionProvider = GatewayMain.Version.class)
    static final class OneCommandRoot implements Runnable {
        @Override
        public void run() {
            throw new IllegalStateException("a command is required");
        }
    }

    private static CommandLine configure(CommandLine cl) {
        helpEverywhere(cl);
        // Names and paths are printed as UTF-8 whatever the platform default, so non-ASCII names survive pipes.
        cl.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false));
        cl.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        cl.setExitCodeExceptionMapper(e -> EXIT_FAILED);
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println(ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, ex.getCommandLine().getErr());
            return EXIT_USAGE;
        });
        return cl;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    private static CommandLine completionCommand() {
        CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
        completion.getCommandSpec().name("completion");
        completion.getCommandSpec().usageMessage()
                .description("Print the bash/zsh completion script of iconik-gateway (generated by picocli).")
                .footer("  source <(./iconik-gateway completion)",
                        "  ./iconik-gateway completion > /etc/bash_completion.d/iconik-gateway");
        return completion;
    }

    /**
     * Gives every command and sub-command {@code -h}/{@code --help} and {@code -V}/{@code --version}, and heads its
     * usage footer (the example each {@code @Command} declares) with "Example:".
     */
    private static void helpEverywhere(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        spec.mixinStandardHelpOptions(true);
        spec.versionProvider(new Version());
        if (spec.usageMessage().footer().length > 0 && spec.usageMessage().footerHeading().isEmpty()) {
            spec.usageMessage().footerHeading("%nExample:%n");
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            helpEverywhere(sub);
        }
    }

    /** The version printed by {@code --version}: the gateway's and SDK's, Java's and FFmpeg's. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String sdk = sdkVersion();
            return new String[] {
                    "iconik-gateway " + sdk + " (iconik SDK for Java " + sdk + ")",
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ", "
                            + System.getProperty("java.vm.name") + ")",
                    ffmpegVersion(),
            };
        }

        /** @return the SDK's version, as the build wrote it into {@code version.properties} */
        static String sdkVersion() {
            try (InputStream in = GatewayMain.class.getResourceAsStream("version.properties")) {
                Properties p = new Properties();
                if (in != null) {
                    p.load(in);
                }
                return p.getProperty("sdk.version", "development");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** @return FFmpeg's version and path as the SDK finds it, or why it cannot */
        static String ffmpegVersion() {
            try {
                FfmpegTranscoder ffmpeg = FfmpegTranscoder.builder().build();
                return "FFmpeg " + ffmpeg.ffmpegVersion() + " (" + ffmpeg.ffmpegPath() + ")";
            } catch (TranscodeException e) {
                String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
                return "FFmpeg not found: " + message;
            }
        }
    }
}
