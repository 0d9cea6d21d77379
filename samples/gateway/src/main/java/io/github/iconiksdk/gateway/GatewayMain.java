package io.github.iconiksdk.gateway;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The sample gateway's entry point: one picocli command per sub-command of {@code shared/spec/gateway.md}.
 * Exit codes: 0 success, 1 the work failed, 2 bad usage or configuration.
 */
@Command(name = "iconik-gateway", mixinStandardHelpOptions = true, versionProvider = GatewayMain.Version.class,
        description = "The iconik Storage Gateway, built from the iconik SDK for Java.",
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
        CommandLine cl = commandLine();
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

    /** The version printed by {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = GatewayMain.class.getPackage().getImplementationVersion();
            return new String[] {"iconik-gateway " + (v == null ? "development" : v)};
        }
    }
}
