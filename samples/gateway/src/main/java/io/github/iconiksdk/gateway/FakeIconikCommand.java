// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import io.github.iconiksdk.testkit.FakeIconik;
import io.github.iconiksdk.testkit.Faults;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code fake-iconik}: runs the testkit's fake iconik on 127.0.0.1 until interrupted, after printing four
 * shell-sourceable lines ({@code ICONIK_URL}, {@code APP_ID}, {@code AUTH_TOKEN}, {@code STORAGE_ID}) on stdout.
 */
@Command(name = "fake-iconik", mixinStandardHelpOptions = true,
        footer = {"  ./iconik-gateway fake-iconik --port 8080 --mount-point /mnt/media \\",
                "      --fault-5xx 0.05"},
        description = "Run the testkit's fake iconik on 127.0.0.1 until interrupted. Prints ICONIK_URL, APP_ID,"
                + " AUTH_TOKEN and STORAGE_ID lines a shell can source.")
final class FakeIconikCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0",
            description = "Port to listen on (default: any free port).")
    int port;

    @Option(names = "--state", paramLabel = "DIR",
            description = "Keep credentials and everything created in DIR, so that a restart continues.")
    Path state;

    @Option(names = "--mount-point", paramLabel = "DIR",
            description = "mount_point of the ready-made File storage (default: the current folder).")
    Path mountPoint;

    @Option(names = "--storage-setting", paramLabel = "KEY=JSON",
            description = "Override a setting of the ready-made File storage, e.g. upload_files=true.")
    List<String> storageSettings = new ArrayList<>();

    @Option(names = "--fault-5xx", paramLabel = "P", defaultValue = "0",
            description = "Share of requests answered with a 5xx (0 to 1).")
    double fault5xx;

    @Option(names = "--fault-429", paramLabel = "P", defaultValue = "0",
            description = "Share of requests answered with a 429 and Retry-After: 1 (0 to 1).")
    double fault429;

    @Option(names = "--fault-reset", paramLabel = "P", defaultValue = "0",
            description = "Share of requests whose connection is reset, half before and half after applying (0 to 1).")
    double faultReset;

    @Option(names = "--rate-limit", paramLabel = "RPS", defaultValue = "0",
            description = "Enforce iconik's per-credential API limit: RPS requests per second sustained (iconik"
                    + " documents about 50), a request beyond it answered 429 with Retry-After. 0 (the default):"
                    + " no limit. Upload URLs are not limited.")
    double rateLimit;

    @Option(names = "--rate-limit-burst", paramLabel = "N",
            description = "Requests allowed at once after a quiet spell (default: one second's worth, RPS).")
    Integer rateLimitBurst;

    @Option(names = "--latency-ms", paramLabel = "N", defaultValue = "0",
            description = "Delay before each answer, in milliseconds.")
    long latencyMs;

    @Option(names = "--jobs-complete-after", paramLabel = "SECONDS",
            description = "Jobs the fake queues for its own work (mediainfo, proxy and keyframe transcodes) move"
                    + " READY -> STARTED -> FINISHED on their own after that long, then create what iconik would"
                    + " (default: they stay READY).")
    Double jobsCompleteAfter;

    @Option(names = "--files-storage-method", paramLabel = "METHOD", defaultValue = "GCS",
            description = "The method of the default cloud FILES storage, which decides the upload protocol its"
                    + " upload URLs speak: GCS, S3, B2 or AZURE (default: ${DEFAULT-VALUE}).")
    String filesStorageMethod;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(cl, "--port must be between 0 and 65535, not " + port);
        }
        checkRate(cl, "--fault-5xx", fault5xx);
        checkRate(cl, "--fault-429", fault429);
        checkRate(cl, "--fault-reset", faultReset);
        if (latencyMs < 0) {
            throw new CommandLine.ParameterException(cl, "--latency-ms must not be negative, not " + latencyMs);
        }
        Faults faults;
        try {
            faults = new Faults(fault5xx, fault429, faultReset, Duration.ofMillis(latencyMs));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--fault-5xx, --fault-429 and --fault-reset: "
                    + e.getMessage());
        }
        FakeIconik.Builder builder = FakeIconik.builder().port(port).faults(faults);
        if (!(rateLimit >= 0 && rateLimit <= 100_000)) {
            throw new CommandLine.ParameterException(cl, "--rate-limit must be between 0 and 100000 requests per"
                    + " second, not " + rateLimit);
        }
        if (rateLimitBurst != null && rateLimitBurst < 1) {
            throw new CommandLine.ParameterException(cl, "--rate-limit-burst must be at least 1, not "
                    + rateLimitBurst);
        }
        if (rateLimit > 0) {
            // iconik: ~50 requests/s or 1,000 in any 20 s. The stricter reading is the default: a bucket of one
            // second's requests, so that what passes here passes iconik.
            builder.rateLimit(rateLimit, rateLimitBurst != null ? rateLimitBurst
                    : (int) Math.max(1, Math.round(rateLimit)));
        }
        try {
            builder.filesStorageMethod(filesStorageMethod);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--files-storage-method: " + e.getMessage());
        }
        if (jobsCompleteAfter != null) {
            if (!(jobsCompleteAfter >= 0 && jobsCompleteAfter <= 86_400)) {
                throw new CommandLine.ParameterException(cl, "--jobs-complete-after must be between 0 and 86400"
                        + " seconds, not " + jobsCompleteAfter);
            }
            builder.jobsCompleteAfter(Duration.ofMillis(Math.round(jobsCompleteAfter * 1000)));
        }
        if (state != null) {
            builder.stateDir(state.toAbsolutePath());
        }
        if (mountPoint != null) {
            builder.mountPoint(mountPoint.toAbsolutePath().normalize().toString());
        }
        for (String setting : storageSettings) {
            int eq = setting.indexOf('=');
            if (eq <= 0) {
                throw new CommandLine.ParameterException(cl, "--storage-setting takes KEY=JSON, not " + setting);
            }
            try {
                builder.storageSetting(setting.substring(0, eq).trim(), setting.substring(eq + 1));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, "--storage-setting " + e.getMessage());
            }
        }
        FakeIconik fake = builder.build();
        try {
            fake.start();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--storage-setting: " + e.getMessage());
        } catch (RuntimeException e) {
            cl.getErr().println("fake-iconik: cannot start: " + e.getMessage());
            cl.getErr().flush();
            return GatewayMain.EXIT_FAILED;
        }
        Thread hook = new Thread(fake::stop, "fake-iconik-shutdown");
        boolean interrupted = false;
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            PrintWriter out = cl.getOut();
            out.println("ICONIK_URL=" + fake.url());
            out.println("APP_ID=" + fake.appId());
            out.println("AUTH_TOKEN=" + fake.authToken());
            out.println("STORAGE_ID=" + fake.storageId());
            out.flush();
            cl.getErr().println("fake iconik serving on " + fake.url() + (state != null ? ", state in " + state : "")
                    + "; interrupt (Ctrl-C) to stop");
            cl.getErr().flush();
            new CountDownLatch(1).await(); // serve until interrupted or the JVM exits
        } catch (InterruptedException e) {
            // interrupted: stop serving and exit 0 (on SIGINT the JVM runs the shutdown hook instead)
            interrupted = true;
        } finally {
            fake.stop();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: the hook stops the fake
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return 0;
    }

    private static void checkRate(CommandLine cl, String option, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new CommandLine.ParameterException(cl, option + " must be a probability between 0 and 1, not " + p);
        }
    }
}
