package io.github.iconiksdk.benchmarks;

import io.github.iconiksdk.api.ProgressListener;
import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.scan.ScanEvent;
import io.github.iconiksdk.api.scan.ScanEventType;
import io.github.iconiksdk.api.upload.Registration;
import io.github.iconiksdk.api.upload.UploadResult;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.RateLimitOptions;
import io.github.iconiksdk.core.client.model.AssetCreate;
import io.github.iconiksdk.core.client.model.AssetFile;
import io.github.iconiksdk.core.client.model.FileCreate;
import io.github.iconiksdk.core.client.model.FileSetCreate;
import io.github.iconiksdk.core.client.model.FileStatus;
import io.github.iconiksdk.core.client.model.FileType;
import io.github.iconiksdk.core.client.model.FormatCreate;
import io.github.iconiksdk.core.client.model.FileSettings;
import io.github.iconiksdk.core.upload.IconikAssetUploader;
import io.github.iconiksdk.testkit.FakeIconik;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Original upload throughput to the testkit fake's upload URL (resumable sessions, the fake measuring size and MD5
 * and discarding the bytes), the SDK's {@code uploadOriginal} against {@code curl -T} of the same files in the same
 * chunks to the same kind of session, files in parallel. The chunks for curl are cut with {@code split} beforehand
 * (not timed): curl cannot send a byte range of a file, and one PUT of a whole GiB would make the fake (WireMock)
 * hold it in memory. curl reads each chunk from stdin ({@code -T -}, chunked transfer encoding), because with a file
 * name it appends that name to a URL whose path ends in {@code /}, as the upload URLs' do.
 *
 * <p>Run: {@code java -Xmx2g -cp benchmarks/target/benchmarks.jar
 * io.github.iconiksdk.benchmarks.OriginalUploadThroughput DIR [CHUNK_MIB] [ROUNDS]} with the files to upload directly
 * in DIR. Each round runs the SDK, then curl; the SDK runs in the fake's JVM, curl in its own processes.
 */
public final class OriginalUploadThroughput {

    private OriginalUploadThroughput() {
    }

    /**
     * @param args the folder of files, the chunk size in MiB (default 16), and the rounds (default 2)
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        if (args[0].equals("--client")) {
            client(args);
            return;
        }
        Path dir = Path.of(args[0]);
        long chunk = (args.length > 1 ? Long.parseLong(args[1]) : 16) << 20;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        List<Path> files = new ArrayList<>();
        try (var list = Files.list(dir)) {
            list.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        List<String> md5s = new ArrayList<>();
        long total = 0;
        for (Path f : files) {
            md5s.add(md5(f));
            total += Files.size(f);
        }
        Path work = Files.createTempDirectory("upload-bench");
        List<String> ids = new ArrayList<>();
        try (FakeIconik fake = FakeIconik.builder().mountPoint(dir.toString()).discardUploads().build().start()) {
            IconikClient client = IconikClient.builder().endpoint(fake.url())
                    .credentials(fake.appId(), fake.authToken()).rateLimit(RateLimitOptions.disabled()).build();
            for (int round = 1; round <= rounds; round++) {
                // SDK, in its own JVM as curl is in its own processes (timed from the child's start)
                List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                        OriginalUploadThroughput.class.getName(), "--client", fake.url(), fake.appId(),
                        fake.authToken(), fake.storageId(), dir.toString(), String.valueOf(chunk),
                        work.resolve("journal-" + round + ".db").toString(), "r" + round));
                cmd.addAll(md5s);
                Path link = dir.resolve("r" + round);
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, dir);
                }
                long t0 = System.nanoTime();
                Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                List<String> lines = new String(child.getInputStream().readAllBytes()).lines().toList();
                if (child.waitFor() != 0 || lines.size() != files.size() + 1) {
                    throw new IllegalStateException("the SDK upload failed: " + lines);
                }
                double wall = (System.nanoTime() - t0) / 1e9;
                double sdk = Long.parseLong(lines.get(files.size()).substring("elapsed ".length())) / 1e9;
                ids.clear();
                ids.addAll(lines.subList(0, files.size()));
                Files.delete(link);
                for (int i = 0; i < files.size(); i++) {
                    check(fake, ids.get(i), files.get(i), md5s.get(i));
                }
                report("round " + round + " SDK uploadOriginal", total, sdk);
                report("round " + round + " SDK incl. JVM start", total, wall);
                // curl, same chunks, same kind of session
                List<String> sessions = new ArrayList<>();
                ids.clear();
                for (Path f : files) {
                    AssetFile record = curlTarget(client, fake, "curl-" + round + "-" + f.getFileName());
                    ids.add(record.id());
                    sessions.add(startSession(record.uploadUrl()));
                }
                List<Path> chunkDirs = new ArrayList<>();
                for (int i = 0; i < files.size(); i++) {
                    Path cd = work.resolve("chunks-" + i);
                    if (!Files.exists(cd)) {
                        Files.createDirectories(cd);
                        exec(List.of("split", "-b", String.valueOf(chunk), "-d", "-a", "4",
                                files.get(i).toString(), cd.resolve("c").toString()));
                    }
                    chunkDirs.add(cd);
                }
                List<Process> curls = new ArrayList<>();
                t0 = System.nanoTime();
                for (int i = 0; i < files.size(); i++) {
                    String script = "size=" + Files.size(files.get(i)) + "; off=0; for c in \"$1\"/c*; do"
                            + " n=$(stat -c %s \"$c\"); end=$((off+n-1));"
                            + " curl -sS --fail -o /dev/null -H \"Content-Range: bytes $off-$end/$size\" -T - \"$2\" < \"$c\""
                            + " || exit 1; off=$((off+n)); done";
                    curls.add(new ProcessBuilder("bash", "-c", script, "curl-upload", chunkDirs.get(i).toString(),
                            sessions.get(i)).inheritIO().start());
                }
                for (Process p : curls) {
                    if (p.waitFor() != 0) {
                        throw new IllegalStateException("curl failed");
                    }
                }
                double curl = (System.nanoTime() - t0) / 1e9;
                for (int i = 0; i < files.size(); i++) {
                    check(fake, ids.get(i), files.get(i), md5s.get(i));
                }
                report("round " + round + " curl -T (chunks)", total, curl);
            }
        } finally {
            exec(List.of("rm", "-rf", work.toString()));
        }
    }

    /** The SDK side: registers the files under a prefix and uploads their originals in parallel; prints ids. */
    private static void client(String[] a) throws Exception {
        IconikClient client = IconikClient.builder().endpoint(a[1]).credentials(a[2], a[3])
                .rateLimit(RateLimitOptions.disabled()).build();
        String storageId = a[4];
        Path dir = Path.of(a[5]);
        FileSettings settings = client.getStorage(storageId).fileSettings();
        List<Path> files = new ArrayList<>();
        try (var list = Files.list(dir)) {
            list.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        try (IconikAssetUploader up = IconikAssetUploader.builder().client(client).storageId(storageId)
                .settings(() -> settings).journal(Path.of(a[7])).storageRoot(dir).chunkSize(Long.parseLong(a[6]))
                .build()) {
            ExecutorService pool = Executors.newFixedThreadPool(files.size());
            List<Future<UploadResult>> done = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < files.size(); i++) {
                Path f = files.get(i);
                Registration r = up.register(new ScanEvent(ScanEventType.NEW, a[8] + "/" + f.getFileName(), null,
                        Files.size(f), Instant.now(), a[9 + i], null), MetadataValues.empty());
                done.add(pool.submit(() -> up.uploadOriginal(r, ProgressListener.NONE)));
            }
            for (Future<UploadResult> d : done) {
                System.out.println(d.get().objectId());
            }
            System.out.println("elapsed " + (System.nanoTime() - t0));
            pool.shutdown();
        }
        System.out.flush();
        System.exit(0); // idle HTTP connections must not keep the JVM (and the timing) waiting
    }

    private static AssetFile curlTarget(IconikClient client, FakeIconik fake, String name) {
        String asset = client.createAsset(AssetCreate.builder(name).build()).id();
        String format = client.createFormat(asset, FormatCreate.builder("ORIGINAL").build()).id();
        String files = fake.defaultStorageId("FILES");
        String set = client.createFileSet(asset, FileSetCreate.builder(name, format, "", List.of()).storageId(files)
                .build()).id();
        return client.createFile(asset, FileCreate.builder(name, "", FileType.FILE).storageId(files)
                .fileSetId(set).formatId(format).status(FileStatus.OPEN).build());
    }

    private static String startSession(String url) throws Exception {
        HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("x-goog-resumable", "start").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        return r.headers().firstValue("Location").orElseThrow();
    }

    private static void check(FakeIconik fake, String objectId, Path file, String md5) throws IOException {
        String want = Files.size(file) + ":" + md5;
        String got = fake.uploadedDigest(objectId).orElse("nothing");
        if (!want.equals(got)) {
            throw new IllegalStateException("upload of " + file + " arrived as " + got + ", expected " + want);
        }
    }

    private static void report(String what, long bytes, double seconds) {
        System.out.printf(Locale.ROOT, "%-32s %6.1f s  %7.1f MiB/s%n", what, seconds, bytes / seconds / (1 << 20));
    }

    private static String md5(Path f) throws Exception {
        MessageDigest md = MessageDigest.getInstance("MD5");
        try (InputStream in = new DigestInputStream(Files.newInputStream(f), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void exec(List<String> cmd) throws Exception {
        if (new ProcessBuilder(cmd).inheritIO().start().waitFor() != 0) {
            throw new IllegalStateException("failed: " + cmd);
        }
    }
}
