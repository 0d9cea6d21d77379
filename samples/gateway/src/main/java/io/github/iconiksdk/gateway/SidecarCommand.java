// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.sidecar.Sidecar;
import io.github.iconiksdk.api.sidecar.SidecarException;
import io.github.iconiksdk.api.sidecar.SidecarFormat;
import io.github.iconiksdk.api.sidecar.SidecarReader;
import io.github.iconiksdk.api.sidecar.SidecarWriter;
import io.github.iconiksdk.core.sidecar.OffShootPreset;
import io.github.iconiksdk.core.sidecar.SidecarWriterConfig;
import io.github.iconiksdk.core.sidecar.Sidecars;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.File;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code sidecar read} and {@code sidecar write}: the SDK's sidecar reader and writer from the command line
 * ({@code shared/spec/gateway.md}). Results on stdout, reports on stderr.
 */
@Command(name = "sidecar", description = "Read and write iconik sidecar metadata files.",
        footer = "  ./iconik-gateway sidecar read /mnt/media/A001/A001C003.MOV",
        subcommands = {SidecarCommand.Read.class, SidecarCommand.Write.class})
final class SidecarCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a sub-command is required: read or write");
    }

    /** A path as printed: as given, with {@code /} separators. */
    static String show(Path path) {
        return path.toString().replace(File.separatorChar, '/');
    }

    /** {@code sidecar read MEDIA}. */
    @Command(name = "read",
            footer = "  ./iconik-gateway sidecar read /mnt/media/A001/A001C003.MOV",
            description = {"Find MEDIA's sidecar and print its metadata as JSON {\"metadata_values\": …}.",
            "No sidecar: prints {\"metadata_values\":{}}. Candidates passed over are reported on stderr.",
            "Malformed or refused sidecar: the file and position on stderr, exit 1."})
    static final class Read implements java.util.concurrent.Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "MEDIA", description = "The media file.")
        Path media;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!Files.exists(media)) {
                err.println("iconik-gateway sidecar read: no such file: " + show(media));
                return GatewayMain.EXIT_FAILED;
            }
            SidecarReader reader = Sidecars.reader();
            try {
                Optional<Sidecar> found = reader.find(media);
                MetadataValues values = MetadataValues.empty();
                if (found.isPresent()) {
                    Sidecar sidecar = found.get();
                    for (Path other : sidecar.ignoredCandidates()) {
                        err.println("ignored: " + show(other) + " (another sidecar of " + show(media) + "; "
                                + show(sidecar.file()) + " comes first)");
                    }
                    values = reader.read(sidecar);
                }
                out.println(Sidecars.toJson(values));
                out.flush();
                return 0;
            } catch (SidecarException e) {
                err.println("iconik-gateway sidecar read: " + e.getMessage());
                return GatewayMain.EXIT_FAILED;
            }
        }
    }

    /** {@code sidecar write --elements E --set NAME=VALUE... FILE...}. */
    @Command(name = "write", sortOptions = false,
            footer = {"  ./iconik-gateway sidecar write --elements '{Scene}{Take}' \\",
                    "      --set Scene=12 --set Take=3 /mnt/RAID/A001/*.MOV"},
            description = {"Write sidecars for clips already copied to their destination, as an offload tool does.",
                    "Prints each sidecar written on stdout and each file skipped, with the reason, on stderr.",
                    "Skipping is not an error."})
    static final class Write implements java.util.concurrent.Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--elements", paramLabel = "E",
                description = "The iconik field names to write: {Card}{Location}. Required unless --preset names them.")
        String elements;

        @Option(names = "--set", paramLabel = "NAME=VALUE",
                description = "A value typed at offload (repeatable; repeat a name for several values).")
        List<String> set = new ArrayList<>();

        @Option(names = "--extensions", paramLabel = "X",
                description = "Only clips with these extensions, ';'-separated with the dot: .MOV;.R3D (any case).")
        String extensions;

        @Option(names = "--destinations", paramLabel = "D",
                description = "Only these destinations, ';'-separated: volume names (RAID) or path globs (*/proxies).")
        String destinations;

        @Option(names = "--volume", paramLabel = "NAME",
                description = "The destination volume's name. Default: the last element of the mount point of the"
                        + " file system holding each file.")
        String volume;

        @Option(names = "--format", paramLabel = "json|xml|csv", description = "The encoding (default json).")
        String format = "json";

        @Option(names = "--preset", paramLabel = "FILE",
                description = "An OffShoot Pro preset (JSON): iconikSidecarElements, iconikSidecarExtensions and"
                        + " iconikSidecarDestinations; the options above win over it.")
        Path preset;

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "The clips.")
        List<Path> files = new ArrayList<>();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            SidecarWriterConfig config;
            MetadataValues values;
            try {
                config = config();
                values = values(config, err);
            } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
                err.println("iconik-gateway sidecar write: " + e.getMessage());
                return GatewayMain.EXIT_USAGE;
            }
            SidecarWriter writer = Sidecars.writer(config);
            int failed = 0;
            for (Path file : files) {
                try {
                    SidecarWriter.Result result = writer.write(file, values);
                    if (result.written().isPresent()) {
                        out.println(show(result.written().get()));
                    } else {
                        err.println("skipped " + show(file) + ": " + result.skipReason());
                    }
                } catch (SidecarException e) {
                    err.println("iconik-gateway sidecar write: " + e.getMessage());
                    failed++;
                }
            }
            out.flush();
            return failed == 0 ? 0 : GatewayMain.EXIT_FAILED;
        }

        private SidecarWriterConfig config() {
            SidecarWriterConfig.Builder builder;
            if (preset != null) {
                OffShootPreset p = OffShootPreset.read(preset);
                builder = p.elements().isEmpty()
                        ? SidecarWriterConfig.builder().extensions(p.extensions()).destinations(p.destinations())
                        : p.toConfig();
            } else {
                builder = SidecarWriterConfig.builder();
            }
            if (elements != null) {
                builder.elements(elements);
            }
            if (extensions != null) {
                builder.extensions(extensions);
            }
            if (destinations != null) {
                builder.destinations(destinations);
            }
            builder.volumeName(volume);
            String f = format.toLowerCase(Locale.ROOT);
            if (!Set.of("json", "xml", "csv").contains(f)) {
                throw new IllegalArgumentException("--format \"" + format + "\": expected json, xml or csv");
            }
            builder.format(SidecarFormat.valueOf(f.toUpperCase(Locale.ROOT)));
            try {
                return builder.build();
            } catch (IllegalStateException e) {
                throw new IllegalStateException("--elements is required (for example --elements '{Card}{Location}')",
                        e);
            }
        }

        private MetadataValues values(SidecarWriterConfig config, PrintWriter err) {
            MetadataValues.Builder builder = MetadataValues.builder();
            Set<String> unused = new LinkedHashSet<>();
            for (String pair : set) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--set \"" + pair + "\": expected NAME=VALUE");
                }
                String name = pair.substring(0, eq);
                if (!config.elements().contains(name)) {
                    unused.add(name);
                }
                builder.add(name, pair.substring(eq + 1));
            }
            for (String name : unused) {
                err.println("warning: --set " + name + ": not among the elements, not written");
            }
            return builder.build();
        }
    }
}
