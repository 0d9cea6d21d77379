// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.config.ConfigurationException;
import io.github.iconiksdk.core.config.GatewayConfig;
import io.github.iconiksdk.core.ingest.IngestSummary;
import io.github.iconiksdk.ffmpeg.FfmpegTranscoder;
import io.github.iconiksdk.testkit.FakeIconik;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code demo}: the gateway end to end on this machine, with nothing to set up. Starts the testkit's fake iconik
 * in-process, fills a folder with generated media, runs the gateway over it until everything is registered (and
 * transcoded, where ffmpeg is installed), and prints what iconik now holds.
 */
@Command(name = "demo", sortOptions = false,
        footer = "  ./iconik-gateway demo --dir /tmp/iconik-demo --keep-running",
        description = {"Run the gateway end to end against an in-process fake iconik, over generated media.",
                "Prints one summary line on stdout, then details; exit 0."})
final class DemoCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "The folder to fill and scan (created if needed; default: a new temporary folder).")
    Path dir;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0",
            description = "Port of the fake iconik on 127.0.0.1 (default: any free port).")
    int port;

    @Option(names = "--keep-running", description = "Keep scanning DIR after the summary, until interrupted.")
    boolean keepRunning;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (port < 0 || port > 65535) {
            err.println("iconik-gateway demo: --port must be between 0 and 65535, not " + port);
            return GatewayMain.EXIT_USAGE;
        }
        Path root;
        try {
            root = (dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("iconik-demo-"))
                    .toAbsolutePath().normalize();
        } catch (IOException e) {
            err.println("iconik-gateway demo: --dir: cannot create " + dir + ": " + e.getMessage());
            return GatewayMain.EXIT_USAGE;
        }
        Path ffmpeg = findFfmpeg(err);
        DemoMedia.Made made;
        try {
            made = new DemoMedia(root, ffmpeg).create();
        } catch (UncheckedIOException e) {
            err.println("iconik-gateway demo: " + e.getMessage());
            return GatewayMain.EXIT_FAILED;
        }
        err.println("demo: made " + made.media().size() + " media files, " + made.sidecars().size()
                + " sidecars and " + made.ignored().size() + " NLE cache files in " + root);
        err.flush();

        // The scan state and journal live outside the scanned folder, and start empty with each new fake.
        Path data = Files.createTempDirectory("iconik-demo-data-");
        FakeIconik.Builder fakeBuilder = FakeIconik.builder().port(port).mountPoint(root.toString())
                .storageSetting("growing_files_threshold", "0")
                .storageSetting("scan_interval_seconds", "2")
                .storageSetting("enable_collection_directory_mapping", "true");
        if (ffmpeg == null) {
            // As an administrator would for a gateway without ffmpeg: iconik makes no local renditions requests.
            fakeBuilder.storageSetting("local_proxy_creation", "false")
                    .storageSetting("local_keyframe_creation", "false");
        }
        FakeIconik fake = fakeBuilder.build();
        try {
            fake.start();
        } catch (RuntimeException e) {
            err.println("iconik-gateway demo: cannot start the fake iconik"
                    + (port != 0 ? " on port " + port : "") + ": " + e.getMessage());
            deleteTree(data);
            return GatewayMain.EXIT_FAILED;
        }
        try {
            GatewayConfig config = GatewayConfig.builder().flag("iconik-url", fake.url())
                    .flag("app-id", fake.appId()).flag("auth-token", fake.authToken())
                    .flag("storage-id", fake.storageId()).flag("data-dir", data.toString())
                    .build().requireCredentials();
            String viewId = createSidecarView(config);
            err.println("demo: fake iconik on " + fake.url() + "; sidecar metadata view " + viewId);
            err.flush();
            try (Gateway gateway = new Gateway(config, err)) {
                IngestSummary result = gateway.ingest(true);
                err.println("demo: gateway pass: " + result.summaryLine());
                // An upload that failed stays wanted in the journal; another pass or two takes it up, as run would.
                for (int pass = 2; pass <= 3 && (result.uploadsFailed() > 0 || !result.failed().isEmpty());
                     pass++) {
                    result = gateway.ingest(true);
                    err.println("demo: gateway pass " + pass + ": " + result.summaryLine());
                }
                err.flush();
                printSummary(fake, made, ffmpeg != null, out);
                out.flush();
                if (!result.failed().isEmpty()) {
                    err.println("iconik-gateway demo: " + result.failed().size() + " files could not be registered: "
                            + result.failed());
                    return GatewayMain.EXIT_FAILED;
                }
                if (keepRunning) {
                    return keepRunning(gateway, root, () -> printSummary(fake, made, ffmpeg != null, out), err);
                }
            }
            return 0;
        } catch (IconikException e) {
            err.println("iconik-gateway demo: " + e.getMessage());
            return GatewayMain.EXIT_FAILED;
        } finally {
            fake.stop();
            deleteTree(data);
        }
    }

    private static Path findFfmpeg(PrintWriter err) {
        try {
            return FfmpegTranscoder.builder().build().ffmpegPath();
        } catch (RuntimeException e) {
            err.println("demo: ffmpeg is not installed (" + e.getMessage() + ").");
            err.println("demo: install it to see video clips, proxies and keyframes:"
                    + " sudo apt-get install ffmpeg (Debian, Ubuntu), sudo dnf install ffmpeg (Fedora),"
                    + " brew install ffmpeg (macOS).");
            err.println("demo: going on without video and without transcoding.");
            err.flush();
            return null;
        }
    }

    /**
     * Creates the sidecar fields and a view holding them through iconik's metadata endpoints, and makes it the
     * storage's {@code metadata_view_id}, as an administrator would in iconik's web app.
     */
    private static String createSidecarView(GatewayConfig config) throws IOException {
        IconikClient client = IconikClient.builder().endpoint(config.iconikUrl().toString())
                .credentials(config.appId().orElseThrow(), config.authToken().orElseThrow()).build();
        ObjectNode view = JSON.createObjectNode().put("name", "Gateway demo sidecars")
                .put("description", "Fields the demo's sidecars carry");
        ArrayNode viewFields = view.putArray("view_fields");
        for (String field : DemoMedia.SIDECAR_FIELDS) {
            ObjectNode f = JSON.createObjectNode().put("name", field)
                    .put("label", Character.toUpperCase(field.charAt(0)) + field.substring(1))
                    .put("field_type", "string");
            client.send("POST", "/API/metadata/v1/fields/", JSON.writeValueAsString(f));
            viewFields.addObject().put("name", field);
        }
        JsonNode created = JSON.readTree(client.send("POST", "/API/metadata/v1/views/",
                JSON.writeValueAsString(view)));
        String viewId = created.path("id").asText();
        ObjectNode patch = JSON.createObjectNode();
        patch.putObject("settings").put("metadata_view_id", viewId);
        client.send("PATCH", "/API/files/v1/storages/" + config.storageId().orElseThrow() + "/",
                JSON.writeValueAsString(patch));
        return viewId;
    }

    /** The machine line, then one line per asset with what iconik holds for it. */
    static void printSummary(FakeIconik fake, DemoMedia.Made made, boolean transcoding, PrintWriter out) {
        out.flush();
        Map<String, String> lines = new TreeMap<>();
        int formats = 0;
        int files = 0;
        int proxies = 0;
        int keyframes = 0;
        int values = 0;
        List<JsonNode> assets = fake.assets();
        for (JsonNode asset : assets) {
            String id = asset.path("id").asText();
            int f = fake.formats(id).size();
            List<JsonNode> fileRecords = fake.files(id);
            int p = fake.proxies(id).size();
            int k = fake.keyframes(id).size();
            List<String> fields = new ArrayList<>();
            int v = 0;
            for (Map.Entry<String, JsonNode> e : fake.metadata(id).entrySet()) {
                int n = e.getValue().path("field_values").size();
                if (n > 0) {
                    v += n;
                    List<String> texts = new ArrayList<>();
                    e.getValue().path("field_values").forEach(x -> texts.add(x.path("value").asText()));
                    fields.add(e.getKey() + "=" + String.join("|", texts));
                }
            }
            formats += f;
            files += fileRecords.size();
            proxies += p;
            keyframes += k;
            values += v;
            String path = fileRecords.isEmpty() ? asset.path("title").asText()
                    : (fileRecords.get(0).path("directory_path").asText() + "/"
                    + fileRecords.get(0).path("original_name").asText()).replaceFirst("^/", "");
            lines.put(path, "  " + path + ": " + f + " formats, " + fileRecords.size() + " files, " + p
                    + " proxies, " + k + " keyframes" + (fields.isEmpty() ? "" : ", metadata " + fields));
        }
        List<JsonNode> collections = fake.collections();
        out.println("iconik now holds: " + assets.size() + " assets, " + formats + " formats, " + files + " files, "
                + proxies + " proxies, " + keyframes + " keyframes, " + values + " metadata values, "
                + collections.size() + " collections");
        out.println("assets:");
        lines.values().forEach(out::println);
        List<String> names = new ArrayList<>();
        collections.forEach(c -> names.add(c.path("title").asText()));
        out.println("collections: " + String.join(", ", names));
        out.println("sidecars read: " + String.join(", ", made.sidecars()));
        out.println("ignored by the default patterns: " + String.join(", ", made.ignored()));
        if (!transcoding) {
            out.println("no proxies or keyframes: ffmpeg is not installed (sudo apt-get install ffmpeg)");
        }
        out.flush();
    }

    private static int keepRunning(Gateway gateway, Path root, Runnable summary, PrintWriter err) {
        GatewayDaemon daemon = new GatewayDaemon(gateway, err);
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> RunCommand.stopOnSignal("demo", daemon, closed, err), "iconik-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        err.println("demo: scanning " + root + " every 2 s; add, change or move files there. Ctrl-C stops.");
        err.flush();
        try {
            int code = daemon.run();
            summary.run(); // what iconik holds now, the files added while it ran included
            return code;
        } finally {
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook ends the process
            }
        }
    }

    private static void deleteTree(Path top) {
        try {
            Files.walkFileTree(top, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
