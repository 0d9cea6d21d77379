// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.benchmarks;

import io.github.iconiksdk.api.ProgressListener;
import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.scan.ScanEvent;
import io.github.iconiksdk.api.scan.ChangeType;
import io.github.iconiksdk.api.upload.Registration;
import io.github.iconiksdk.api.upload.UploadResult;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.RateLimitOptions;
import io.github.iconiksdk.core.client.model.AssetCreate;
import io.github.iconiksdk.core.client.model.AssetFile;
import io.github.iconiksdk.core.client.model.FileCreate;
import io.github.iconiksdk.core.client.model.FileSetCreate;
import io.github.iconiksdk.core.client.model.FileRecordStatus;
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
import java.nio.charset.StandardCharsets;
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
 * Original upload throughput to the testkit fake: the SDK's {@code uploadOriginal} (parts in parallel, in the
 * protocol of the fake's default FILES storage method) against {@code curl} uploading the same files to the same
 * fake in the same run, and the fake's own ceiling measured alone. The fake streams upload bodies into a digest and
 * drops them ({@code discardUploads}); what arrived is checked for every file: size, and MD5 (for an object joined
 * from parts, the MD5 of the parts' MD5s with {@code -N}, as the fake measures it when it keeps no bytes).
 *
 * <ul>
 *   <li>ceiling: the fake alone, fed from memory by an in-process HTTP client (files × threads streams, one
 *   {@code PUT} each, to single-PUT URLs): no file is read, no protocol work is done;</li>
 *   <li>SDK: register, then {@code uploadOriginal}, the files in parallel, each in parts of PART_MIB sent THREADS at
 *   a time (the part bulkhead is files × threads), in a JVM of its own, timed inside it from the first registration
 *   to the last close;</li>
 *   <li>curl: one {@code curl -T -} per file (the file on stdin, chunked transfer encoding), all files at once, each
 *   to a single-PUT URL of a Google Cloud FILES storage of the same fake.</li>
 * </ul>
 *
 * <p>After each of the three, a CPU line: the CPU seconds (and per GiB sent) of this JVM, which is the fake during the
 * SDK and curl parts (and the fake with its in-process client for the ceiling), and of the SDK's JVM or the curl
 * processes (Linux counts an ended child's CPU to its parent: read from {@code /proc/self/stat}). On a machine
 * whose cores the fake shares with the client, these say which side the time goes to. The environment variable
 * {@code UPLOAD_BENCH_CLIENT_JAVA_OPTS} adds JVM options to the SDK's JVM (a flight recording, a perf map).
 *
 * <p>Run: {@code java -Xmx2g -cp benchmarks/target/benchmarks.jar
 * io.github.iconiksdk.benchmarks.OriginalUploadThroughput DIR [PART_MIB] [ROUNDS] [METHOD] [THREADS]} with the
 * files to upload directly in DIR (defaults: 64 MiB parts, 1 round, GCS, 4 parts of a file at once: the SDK's and
 * the gateway's defaults, {@code upload-chunk-size} and {@code file-upload-parallel-uploads-threads-num}).
 */
public final class OriginalUploadThroughput {

    private OriginalUploadThroughput() {
    }

    /**
     * @param args the folder of files, the part size in MiB, the rounds, the storage method, parts per file at once
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        if (args[0].equals("--client")) {
            client(args);
            return;
        }
        Path dir = Path.of(args[0]);
        long chunk = (args.length > 1 ? Long.parseLong(args[1]) : 64) << 20;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        String method = args.length > 3 ? args[3].toUpperCase(Locale.ROOT) : "GCS";
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : 4;
        List<Path> files = new ArrayList<>();
        try (var list = Files.list(dir)) {
            list.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        List<String> md5s = new ArrayList<>();
        List<String> partDigests = new ArrayList<>();
        long total = 0;
        for (Path f : files) {
            md5s.add(md5(f));
            partDigests.add(partsDigest(f, partSize(method, chunk), method.equals("GCS")));
            total += Files.size(f);
        }
        Path work = Files.createTempDirectory("upload-bench");
        List<String> ids = new ArrayList<>();
        try (FakeIconik fake = FakeIconik.builder().mountPoint(dir.toString()).discardUploads()
                .filesStorageMethod(method).build().start()) {
            IconikClient client = IconikClient.builder().endpoint(fake.url())
                    .credentials(fake.appId(), fake.authToken()).rateLimit(RateLimitOptions.disabled()).build();
            String gcsFiles = fake.storages().stream().filter(s -> "FILES".equals(s.path("purpose").asText())
                    && "GCS".equals(s.path("method").asText())).findFirst().orElseThrow().path("id").asText();
            System.out.printf(Locale.ROOT, "%d files, %d MiB in all, method %s, parts of %d MiB, %d per file%n",
                    files.size(), total >> 20, method, chunk >> 20, threads);
            double[] c0 = cpu();
            report("fake ceiling (" + files.size() * threads + " streams)", total,
                    ceiling(client, gcsFiles, files.size() * threads, total));
            cpuReport("fake ceiling", c0, cpu(), total, "fake + its in-process client", null);
            for (int round = 1; round <= rounds; round++) {
                // SDK, in its own JVM as curl is in its own processes (timed from the child's start)
                List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Xmx512m"));
                String clientOpts = System.getenv("UPLOAD_BENCH_CLIENT_JAVA_OPTS"); // e.g. a flight recording
                if (clientOpts != null && !clientOpts.isBlank()) {
                    cmd.addAll(List.of(clientOpts.trim().split("\\s+")));
                }
                cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
                        OriginalUploadThroughput.class.getName(), "--client", fake.url(), fake.appId(),
                        fake.authToken(), fake.storageId(), dir.toString(), String.valueOf(chunk),
                        work.resolve("journal-" + round + ".db").toString(), "r" + round, String.valueOf(threads)));
                cmd.addAll(md5s);
                Path link = dir.resolve("r" + round);
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, dir);
                }
                double[] sdkCpu0 = cpu();
                long t0 = System.nanoTime();
                Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                List<String> lines = new String(child.getInputStream().readAllBytes()).lines().toList();
                if (child.waitFor() != 0 || lines.size() != files.size() + 1) {
                    throw new IllegalStateException("the SDK upload failed: " + lines);
                }
                double wall = (System.nanoTime() - t0) / 1e9;
                double[] sdkCpu1 = cpu();
                double sdk = Long.parseLong(lines.get(files.size()).substring("elapsed ".length())) / 1e9;
                ids.clear();
                ids.addAll(lines.subList(0, files.size()));
                Files.delete(link);
                for (int i = 0; i < files.size(); i++) {
                    check(fake, ids.get(i), files.get(i), partDigests.get(i));
                }
                report("round " + round + " SDK uploadOriginal", total, sdk);
                report("round " + round + " SDK incl. JVM start", total, wall);
                cpuReport("round " + round + " SDK", sdkCpu0, sdkCpu1, total, "fake", "SDK JVM");
                // curl: the same files, one PUT each, all at once
                List<String> urls = new ArrayList<>();
                ids.clear();
                for (Path f : files) {
                    AssetFile record = curlTarget(client, gcsFiles, "curl-" + round + "-" + f.getFileName());
                    ids.add(record.id());
                    urls.add(record.uploadUrl());
                }
                List<Process> curls = new ArrayList<>();
                double[] curlCpu0 = cpu();
                t0 = System.nanoTime();
                for (int i = 0; i < files.size(); i++) {
                    curls.add(new ProcessBuilder("curl", "-sS", "--fail", "-o", "/dev/null", "-T", "-", urls.get(i))
                            .redirectInput(files.get(i).toFile()).redirectError(ProcessBuilder.Redirect.INHERIT)
                            .start());
                }
                for (Process p : curls) {
                    if (p.waitFor() != 0) {
                        throw new IllegalStateException("curl failed");
                    }
                }
                double curl = (System.nanoTime() - t0) / 1e9;
                double[] curlCpu1 = cpu();
                for (int i = 0; i < files.size(); i++) {
                    check(fake, ids.get(i), files.get(i), md5s.get(i));
                }
                report("round " + round + " curl -T - (one PUT a file)", total, curl);
                cpuReport("round " + round + " curl", curlCpu0, curlCpu1, total, "fake", "curl");
                System.out.printf(Locale.ROOT, "round %d ratio SDK / curl: %.2f%n", round, curl / sdk);
            }
        } finally {
            exec(List.of("rm", "-rf", work.toString()));
        }
    }

    /** The part size the SDK uses for a method (S3 and B2 have a 5 MiB / 5 MB floor). */
    private static long partSize(String method, long chunk) {
        return method.equals("S3") || method.equals("B2") ? Math.max(chunk, 5L << 20) : chunk;
    }

    /**
     * What the discarding fake records for a file sent in parts of that size: the MD5 of the parts' MD5s, {@code -N};
     * for GCS above 32 parts (composed in groups of 32, then the groups), the MD5 of the groups' records.
     */
    private static String partsDigest(Path f, long part, boolean gcs) throws Exception {
        long size = Files.size(f);
        if (size <= part) {
            return size + ":" + md5(f);
        }
        List<byte[]> partMd5s = new ArrayList<>();
        int n = 0;
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(f)) {
            for (long off = 0; off < size; off += part, n++) {
                MessageDigest one = MessageDigest.getInstance("MD5");
                long left = Math.min(part, size - off);
                while (left > 0) {
                    int r = in.read(buf, 0, (int) Math.min(buf.length, left));
                    one.update(buf, 0, r);
                    left -= r;
                }
                partMd5s.add(one.digest());
            }
        }
        if (!gcs || n <= 32) {
            return size + ":" + joined(partMd5s);
        }
        List<byte[]> groups = new ArrayList<>();
        for (int g = 0; g < n; g += 32) {
            groups.add(joined(partMd5s.subList(g, Math.min(n, g + 32))).getBytes(StandardCharsets.US_ASCII));
        }
        return size + ":" + joined(groups);
    }

    /** The fake's record of pieces joined without their bytes: the MD5 of their records, {@code -N}. */
    private static String joined(List<byte[]> records) throws Exception {
        MessageDigest all = MessageDigest.getInstance("MD5");
        records.forEach(all::update);
        return HexFormat.of().formatHex(all.digest()) + "-" + records.size();
    }

    /** The fake alone: streams PUT bytes from memory to single-PUT URLs, all at once; returns seconds. */
    private static double ceiling(IconikClient client, String storageId, int streams, long total) throws Exception {
        long each = total / streams;
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            urls.add(curlTarget(client, storageId, "ceiling-" + i).uploadUrl());
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService pool = Executors.newFixedThreadPool(streams);
        byte[] block = new byte[1 << 20];
        List<Future<Integer>> sent = new ArrayList<>();
        long t0 = System.nanoTime();
        for (String url : urls) {
            sent.add(pool.submit(() -> http.send(HttpRequest.newBuilder(URI.create(url)).PUT(
                    HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArrays(() ->
                            new java.util.Iterator<byte[]>() {
                                private long left = each;

                                @Override
                                public boolean hasNext() {
                                    return left > 0;
                                }

                                @Override
                                public byte[] next() {
                                    int n = (int) Math.min(block.length, left);
                                    left -= n;
                                    return n == block.length ? block : java.util.Arrays.copyOf(block, n);
                                }
                            }), each)).build(), HttpResponse.BodyHandlers.discarding()).statusCode()));
        }
        for (Future<Integer> f : sent) {
            if (f.get() != 200) {
                throw new IllegalStateException("the fake refused a ceiling upload: " + f.get());
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        return seconds * total / ((double) each * streams);
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
                .parallelParts(Integer.parseInt(a[9]), Integer.parseInt(a[9]) * files.size()).build()) {
            ExecutorService pool = Executors.newFixedThreadPool(files.size());
            List<Future<UploadResult>> done = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < files.size(); i++) {
                Path f = files.get(i);
                Registration r = up.register(ScanEvent.Change.of(ChangeType.NEW, a[8] + "/" + f.getFileName(),
                        Files.size(f), Instant.now(), a[10 + i]), MetadataValues.empty());
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

    private static AssetFile curlTarget(IconikClient client, String storageId, String name) {
        String asset = client.createAsset(AssetCreate.of(name)).id();
        String format = client.createFormat(asset, FormatCreate.of("ORIGINAL")).id();
        String set = client.createFileSet(asset, new FileSetCreate(name, format, "", List.of(), storageId, null,
                null, null)).id();
        return client.createFile(asset, new FileCreate(name, "", FileType.FILE, null, null, null,
                FileRecordStatus.OPEN, storageId, set, format, null, null, null));
    }

    private static void check(FakeIconik fake, String objectId, Path file, String digest) throws IOException {
        String want = digest.contains(":") ? digest : Files.size(file) + ":" + digest;
        String got = fake.uploadedDigest(objectId).orElse("nothing");
        if (!want.equals(got)) {
            throw new IllegalStateException("upload of " + file + " arrived as " + got + ", expected " + want);
        }
    }

    private static void report(String what, long bytes, double seconds) {
        System.out.printf(Locale.ROOT, "%-32s %6.1f s  %7.1f MiB/s%n", what, seconds, bytes / seconds / (1 << 20));
    }

    /**
     * CPU seconds used so far: this JVM's (the fake's, during the SDK and curl parts), and its ended children's (the
     * SDK's JVM, the curl processes: Linux counts a child's CPU to its parent once it is waited for), or NaN where
     * {@code /proc} is missing.
     */
    private static double[] cpu() {
        double own = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
        double children = Double.NaN;
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            children = (Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0; // cutime + cstime, at USER_HZ 100
        } catch (IOException | RuntimeException e) {
            // not Linux: children unknown
        }
        return new double[] {own, children};
    }

    private static void cpuReport(String what, double[] before, double[] after, long bytes, String ownName,
                                  String childName) {
        double gib = bytes / (double) (1L << 30);
        double own = after[0] - before[0];
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-32s CPU %s %.1f s (%.2f s/GiB)", what,
                ownName, own, own / gib));
        if (childName != null) {
            double child = after[1] - before[1];
            line.append(String.format(Locale.ROOT, ", %s %.1f s (%.2f s/GiB)", childName, child, child / gib));
        }
        System.out.println(line);
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
