// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.api.pattern.InvalidPatternException;
import io.github.iconiksdk.api.scan.ChangeType;
import io.github.iconiksdk.api.scan.ScanEvent;
import io.github.iconiksdk.api.scan.ScanListener;
import io.github.iconiksdk.api.scan.ScanSummary;
import io.github.iconiksdk.core.ingest.StorageScan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code scan}: one pass of the SDK's scan-only entry ({@link StorageScan}) over ROOT, printing one line per event on stdout and a summary on
 * stderr. The state lives in {@code --state FILE} (or a temporary file deleted afterwards), so a second run over
 * an unchanged tree prints no event. An event is recorded as delivered only after its line has been flushed, so a
 * run killed half way prints again, on the next run, whatever it may not have printed.
 */
@Command(name = "scan", sortOptions = false, mixinStandardHelpOptions = true,
        footer = {"  ./iconik-gateway scan /mnt/media --state /var/lib/iconik-gateway/scan.db \\",
                "      --growing-threshold 30"},
        versionProvider = GatewayMain.Version.class,
        description = {"One pass of the SDK's scanner over ROOT.",
                "Prints one line per event on stdout (NEW, MODIFIED, REMOVED, MOVED, GROWING, UNREADABLE, fields "
                        + "separated by tabs), then a summary on stderr."})
final class ScanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ROOT", description = "The storage root (mount point).")
    Path root;

    @Option(names = "--scan-dir", paramLabel = "D",
            description = "Scan only this folder below ROOT, recursively (repeatable). None: all of ROOT.")
    List<String> scanDirs = new ArrayList<>();

    @Option(names = "--ignore", paramLabel = "P",
            description = "An ignore pattern (repeatable). None: iconik's default ignore list.")
    List<String> ignore = new ArrayList<>();

    @Option(names = "--no-default-ignore", description = "Without --ignore, ignore nothing.")
    boolean noDefaultIgnore;

    @Option(names = "--include", paramLabel = "P",
            description = "An include pattern (repeatable). None: every file is kept.")
    List<String> include = new ArrayList<>();

    @Option(names = "--growing-threshold", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds a file must stay unchanged before it is reported (default ${DEFAULT-VALUE}; "
                    + "0: at once).")
    BigDecimal growingThreshold;

    @Option(names = "--no-checksum", description = "Do not compute MD5 checksums.")
    boolean noChecksum;

    @Option(names = "--state", paramLabel = "FILE",
            description = "The scan state database. None: a temporary one, deleted afterwards.")
    Path state;

    @Option(names = "--json", description = "One JSON object per event instead of tab-separated lines.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (growingThreshold.signum() < 0) {
            err.println("iconik-gateway scan: --growing-threshold must be 0 or more seconds: " + growingThreshold);
            return GatewayMain.EXIT_USAGE;
        }
        if (!Files.isDirectory(root)) {
            err.println("iconik-gateway scan: ROOT " + root + " is not a folder");
            return GatewayMain.EXIT_USAGE;
        }
        StorageScan scan;
        try {
            StorageScan.Builder builder = StorageScan.builder().root(root).scanDirectories(scanDirs)
                    .checksums(!noChecksum)
                    .growingThreshold(Duration.ofMillis(growingThreshold.movePointRight(3).longValue()));
            if (state != null) {
                builder.stateFile(state);
            }
            String option = "--ignore";
            try {
                // without --ignore: iconik's default list (null), unless --no-default-ignore
                builder.scanIgnore(ignore.isEmpty() && !noDefaultIgnore ? null : ignore);
                option = "--include";
                builder.scanInclude(include);
            } catch (InvalidPatternException e) {
                err.println("iconik-gateway scan: " + option + ": " + e.getMessage());
                return GatewayMain.EXIT_USAGE;
            }
            scan = builder.build();
        } catch (IllegalArgumentException e) {
            err.println("iconik-gateway scan: --scan-dir: " + e.getMessage());
            return GatewayMain.EXIT_USAGE;
        }
        try {
            ScanSummary summary = scan.scanOnce(new EventPrinter(spec.commandLine().getOut(), json));
            err.println(summaryLine(summary));
            return 0;
        } catch (IconikException e) {
            err.println("iconik-gateway scan: " + e.getMessage());
            return GatewayMain.EXIT_FAILED;
        }
    }

    static String summaryLine(ScanSummary s) {
        return String.format(Locale.ROOT,
                "scanned %d files in %.1f s: %d new, %d modified, %d removed, %d moved, %d growing, %d ignored",
                s.filesScanned(), s.elapsed().toMillis() / 1000.0, s.added(), s.modified(), s.removed(), s.moved(),
                s.growing(), s.ignored());
    }

    /**
     * Prints events as lines; {@link #flush()} pushes them out and fails if stdout is gone, so that nothing is
     * recorded as delivered that nobody could read.
     */
    static final class EventPrinter implements ScanListener {
        private static final JsonFactory JSON = new JsonFactory();
        private final PrintWriter out;
        private final boolean json;

        EventPrinter(PrintWriter out, boolean json) {
            this.out = out;
            this.json = json;
        }

        @Override
        public void onEvent(ScanEvent e) {
            out.println(json ? jsonLine(e) : textLine(e));
        }

        @Override
        public void flush() {
            out.flush();
            if (out.checkError()) {
                throw new IconikException("cannot write events to stdout (closed?)");
            }
        }

        static String textLine(ScanEvent e) {
            if (e instanceof ScanEvent.Unreadable u) {
                return "UNREADABLE\t" + u.path() + "\t" + u.reason();
            }
            if (e instanceof ScanEvent.Growing) {
                return "GROWING\t" + e.path();
            }
            ScanEvent.Change c = (ScanEvent.Change) e;
            return switch (c.type()) {
                case NEW, MODIFIED -> c.type() + "\t" + c.path() + "\t" + c.size();
                case MOVED -> "MOVED\t" + c.movedFrom().orElseThrow() + "\t" + c.path();
                case REMOVED -> "REMOVED\t" + c.path();
            };
        }

        static String jsonLine(ScanEvent e) {
            StringWriter w = new StringWriter();
            try (JsonGenerator g = JSON.createGenerator(w)) {
                g.writeStartObject();
                if (e instanceof ScanEvent.Notice n) {
                    g.writeStringField("type", n.type().name());
                    g.writeStringField("path", n.path());
                    if (n instanceof ScanEvent.Unreadable u) {
                        g.writeStringField("reason", u.reason());
                    }
                } else {
                    ScanEvent.Change c = (ScanEvent.Change) e;
                    g.writeStringField("type", c.type().name());
                    switch (c.type()) {
                        case NEW, MODIFIED -> {
                            g.writeStringField("path", c.path());
                            g.writeNumberField("size", c.size());
                        }
                        case MOVED -> {
                            g.writeStringField("from", c.movedFrom().orElseThrow());
                            g.writeStringField("to", c.path());
                        }
                        case REMOVED -> g.writeStringField("path", c.path());
                    }
                    if (c.type() != ChangeType.REMOVED && c.md5().isPresent()) {
                        g.writeStringField("md5", c.md5().get());
                    }
                }
                g.writeEndObject();
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            return w.toString();
        }
    }
}
