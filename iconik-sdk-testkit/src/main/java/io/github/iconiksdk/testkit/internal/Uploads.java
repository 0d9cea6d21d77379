// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.iconiksdk.testkit.FaultKind;
import io.github.iconiksdk.testkit.RecordedRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The object stores behind the fake's upload URLs, on a server of their own (the JDK's HTTP server, not WireMock):
 * bodies stream to a file or a digest as they arrive, never held whole, and uploads run concurrently (the store's
 * lock is taken only to look up a URL's object and never while bytes flow). Upload URLs are pre-signed: the token in
 * the path is the only credential; they carry no iconik headers. Each cloud FILES storage method answers as its
 * service documents:
 * <ul>
 *   <li>GCS: one {@code PUT} (200, the object resource as JSON with {@code size} and base64 {@code md5Hash}); a
 *   resumable session ({@code POST} with {@code x-goog-resumable: start}: 201, {@code Location}; chunks with
 *   {@code Content-Range}: 308 with {@code Range} until the last, 200); part objects from iconik's
 *   {@code multipart_url/part/} (200, the object resource with {@code crc32c}, and {@code x-goog-hash} naming
 *   {@code crc32c} and {@code md5} as GCS's XML API does) joined by the compose URL ({@code PUT} of a {@code ComposeRequest} XML listing the
 *   part keys, at most 32; 200 with {@code ETag} and {@code x-goog-hash: crc32c=}: a composite object has no MD5).</li>
 *   <li>S3: {@code PUT} (200, {@code ETag} the quoted hex MD5); multipart: {@code POST ?uploads} (200,
 *   {@code InitiateMultipartUploadResult} with {@code UploadId}), {@code PUT ?partNumber=&uploadId=} (200, the
 *   part's MD5 as ETag; 400 {@code BadDigest} on a wrong {@code Content-MD5}), {@code POST ?uploadId=} with a
 *   {@code CompleteMultipartUpload} (200, {@code CompleteMultipartUploadResult} whose ETag is the MD5 of the parts'
 *   MD5s, {@code -N}; 400 {@code InvalidPart}, {@code InvalidPartOrder}, {@code EntityTooSmall} under 5 MiB but the
 *   last), {@code DELETE ?uploadId=} (204), {@code GET ?uploadId=} ({@code ListPartsResult}); errors as
 *   {@code <Error><Code>}.</li>
 *   <li>B2: {@code b2_upload_file} and {@code b2_upload_part} ({@code POST} with {@code Authorization},
 *   {@code X-Bz-Content-Sha1} as hex, {@code hex_digits_at_end} or {@code do_not_verify}; 200 JSON with
 *   {@code contentSha1}); the large file is started, finished and cancelled through iconik's
 *   {@code multipart/b2/*}; errors as JSON {@code status, code, message}.</li>
 *   <li>Azure: Put Blob ({@code PUT} with {@code x-ms-blob-type: BlockBlob}: 201), Put Block
 *   ({@code comp=block&blockid=}: 201), Put Block List ({@code comp=blocklist}, a {@code BlockList} XML: 201);
 *   a declared {@code Content-MD5} is checked ({@code 400 Md5Mismatch}) and answered, as Azure does from REST
 *   version 2019-02-02, only when the request declared one (Azure then answers an {@code x-ms-content-crc64}
 *   instead, which the fake leaves out); errors as {@code <Error><Code>}.</li>
 * </ul>
 * Faults of the fault plan apply here too (5xx in the service's shape, 503 slow-down, connections dropped before or
 * after the body is applied), and every request goes to the fake's request journal.
 */
final class Uploads {

    private static final Logger LOG = LoggerFactory.getLogger(Uploads.class);

    static final String PREFIX = "/__fake/upload";
    /** S3's smallest part but the last. */
    static final long S3_MIN_PART = 5L << 20;
    /** B2's smallest part but the last. */
    static final long B2_MIN_PART = 5_000_000L;
    private static final int BUFFER = 1 << 18;
    /**
     * Set while the exchange this thread serves is to have its body damaged ({@link FaultKind#CORRUPT_BODY}); not an
     * exchange attribute: the JDK server keeps those in the context, shared by every exchange.
     */
    private static final ThreadLocal<Boolean> CORRUPT = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private static final int XML_LIMIT = 4 << 20;
    private static final Pattern RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Pattern STATUS_QUERY = Pattern.compile("bytes \\*/(\\d+|\\*)");
    private static final Pattern SHA1_HEX = Pattern.compile("[0-9a-fA-F]{40}");

    /** What one upload URL writes to. */
    private record Target(String token, String table, String objectId, String storageId, String method) {
    }

    /** A body received: its file (null when discarded), size, digests and CRC32C (-1 when not measured). */
    private record Piece(Path file, long size, byte[] md5, byte[] sha1, long crc32c) {
        Piece(Path file, long size, byte[] md5, byte[] sha1) {
            this(file, size, md5, sha1, -1);
        }

        String md5Hex() {
            return HexFormat.of().formatHex(md5);
        }
    }

    /** An answer in the service's own shape. */
    private record Answer(int status, Map<String, String> headers, byte[] body, String contentType) {
        static Answer of(int status) {
            return new Answer(status, new LinkedHashMap<>(), null, null);
        }

        static Answer json(int status, JsonNode body) {
            try {
                return new Answer(status, new LinkedHashMap<>(), Json.MAPPER.writeValueAsBytes(body),
                        "application/json");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Answer xml(int status, String body) {
            return new Answer(status, new LinkedHashMap<>(), ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + body)
                    .getBytes(StandardCharsets.UTF_8), "application/xml");
        }

        Answer header(String name, String value) {
            headers.put(name, value);
            return this;
        }
    }

    /** A failure answered in the service's shape. */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Answer answer;

        Failure(Answer answer) {
            super(null, null, false, false);
            this.answer = answer;
        }
    }

    /** Drops the connection without an answer (the fault plan's resets). */
    private static final class Reset extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Reset() {
            super("connection dropped by the fault plan", null, false, false);
        }
    }

    /** A resumable session (GCS): chunks arrive in order and append to one file. */
    private static final class Session {
        final String token;
        final Path file;
        final MessageDigest md5 = digest("MD5");
        long received;

        Session(String token, Path file) {
            this.token = token;
            this.file = file;
        }
    }

    /** An S3 multipart upload. */
    private record S3Multipart(String objectId, Map<Integer, Piece> parts) {
    }

    /** A B2 large file: its parts, and the upload authorisation tokens handed out for its part URLs. */
    private record B2Large(String objectId, Map<Integer, Piece> parts, Map<String, String> authByUrl) {
    }

    private final Context ctx;
    private final FaultPlan faults;
    private final Consumer<RecordedRequest> journal;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Answer> finishedSessions = new ConcurrentHashMap<>();
    private final Map<String, S3Multipart> s3 = new ConcurrentHashMap<>();
    private final Map<String, Answer> s3Completed = new ConcurrentHashMap<>();
    private final Map<String, B2Large> b2 = new ConcurrentHashMap<>();
    private final Map<String, String> b2Finished = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Piece>> azureBlocks = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Piece>> gcsObjects = new ConcurrentHashMap<>();
    private final Map<String, String> tokenOfObject = new ConcurrentHashMap<>();
    private HttpServer server;
    private ExecutorService pool;

    Uploads(Context ctx, FaultPlan faults, Consumer<RecordedRequest> journal) {
        this.ctx = ctx;
        this.faults = faults;
        this.journal = journal;
    }

    // ---- lifecycle ------------------------------------------------------------------------------------------

    /**
     * Starts the upload server on 127.0.0.1, on a free port.
     *
     * @throws UncheckedIOException when it cannot listen
     */
    synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
            pool = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "fake-iconik-upload");
                t.setDaemon(true);
                return t;
            });
            s.setExecutor(pool);
            s.createContext(PREFIX + "/", this::handle);
            s.start();
            server = s;
        } catch (IOException e) {
            throw new UncheckedIOException("the fake's upload server cannot listen on 127.0.0.1", e);
        }
    }

    /** Stops the upload server. */
    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
            pool.shutdownNow();
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** @return the upload server's URL, or the fake's own while it is not started */
    synchronized String baseUrl() {
        return server == null ? ctx.baseUrl() : "http://127.0.0.1:" + server.getAddress().getPort();
    }

    // ---- iconik's side: URLs for objects, and the multipart endpoints of the files API ------------------------

    void register(Router r) {
        String f = Context.FILES + "/assets/{asset_id}/files/{file_id}";
        r.add("GET", f + "/multipart_url/", this::s3Urls);
        r.add("GET", f + "/multipart_url/part/", this::partUrls);
        r.add("POST", f + "/multipart_url/s3/part/", this::s3PartUrls);
        r.add("POST", f + "/multipart/cleanup/", this::cleanup);
        r.add("POST", f + "/multipart/gcs/compose_url/", this::composeUrl);
        r.add("POST", f + "/multipart/", this::gcsComplete);
        r.add("POST", f + "/multipart/b2/start/", this::b2Start);
        r.add("POST", f + "/multipart/b2/finish/", this::b2Finish);
        r.add("POST", f + "/multipart/b2/cancel/", this::b2Cancel);
    }

    /**
     * Issues an upload URL for an object (the plain PUT/POST URL of its storage's method).
     *
     * @param table    the table the object is in (files, proxies, keyframes)
     * @param objectId its id
     * @return the absolute URL
     */
    String issue(String table, String objectId) {
        String token = newToken(table, objectId);
        String method = method(table, objectId);
        return switch (method) {
            case "B2" -> base(token) + "b2/upload/";
            case "AZURE" -> base(token) + "?sv=2021-08-06&sr=b&sp=cw&sig=" + hex(8);
            default -> base(token);
        };
    }

    /**
     * Adds the upload fields of FileSchema to a file answered to a client: {@code upload_url},
     * {@code upload_method}, {@code upload_filename}, {@code upload_credentials} and, for S3, the
     * {@code multipart_upload_url} that starts a multipart upload.
     *
     * @param out the answer
     * @param f   the file record
     */
    void describe(ObjectNode out, ObjectNode f) {
        String id = Json.text(f, "id");
        String method = Json.text(f, "storage_method");
        String url = issue("files", id);
        out.put("upload_url", url);
        out.put("upload_method", method);
        out.put("upload_filename", Json.text(f, "original_name"));
        ObjectNode credentials = out.putObject("upload_credentials");
        if ("S3".equals(method)) {
            out.put("multipart_upload_url", url + "?uploads");
        } else if ("B2".equals(method)) {
            String auth = "4_" + hex(16);
            b2SingleAuth.put(tokenOfObject.get(id), auth);
            credentials.put("authorization_token", auth);
        }
    }

    private final Map<String, String> b2SingleAuth = new ConcurrentHashMap<>();

    private String newToken(String table, String objectId) {
        String token = hex(16);
        ObjectNode target = Json.object();
        target.put("table", table);
        target.put("object_id", objectId);
        ctx.store.table(Store.UPLOADS).put(token, target);
        tokenOfObject.put(objectId, token);
        return token;
    }

    private String base(String token) {
        return baseUrl() + PREFIX + "/" + token + "/";
    }

    private String method(String table, String objectId) {
        ObjectNode o = ctx.store.get(table, objectId).orElse(null);
        String storageId = o == null ? null : Json.text(o, "storage_id");
        if (storageId == null) {
            return "GCS";
        }
        return Optional.ofNullable(ctx.store.get(Store.STORAGES, storageId).orElse(null))
                .map(s -> Json.text(s, "method")).orElse("GCS");
    }

    /** The file of a multipart call, with the token of its latest upload URL (issuing one if it has none). */
    private String fileToken(Call c) {
        ObjectNode f = ctx.owned(Store.FILES, "File", c.param("asset_id"), c.param("file_id"));
        String id = Json.text(f, "id");
        String token = tokenOfObject.get(id);
        return token != null ? token : newToken("files", id);
    }

    private Reply s3Urls(Call c) {
        String token = fileToken(c);
        String uploadId = c.query("upload_id");
        if (uploadId == null || uploadId.isBlank()) {
            throw ApiError.fields(Map.of("upload_id", "Missing data for required field."));
        }
        String q = "?uploadId=" + enc(uploadId);
        ObjectNode out = Json.object();
        out.put("complete_url", base(token) + q);
        out.put("abort_url", base(token) + q);
        out.putArray("list_parts_url").add(base(token) + q);
        return Reply.json(200, out);
    }

    /** GET multipart_url/part/: S3 part URLs with an upload id, else GCS part objects to compose. */
    private Reply partUrls(Call c) {
        String token = fileToken(c);
        int parts = c.intQuery("parts_num", 0, 1, 10_000);
        if (parts < 1) {
            throw ApiError.fields(Map.of("parts_num", "Missing data for required field."));
        }
        String uploadId = c.query("upload_id");
        int perPage = c.intQuery("per_page", 10_000, 1, 10_000);
        int page = c.intQuery("page", 1, 1, Integer.MAX_VALUE);
        ArrayNode objects = Json.array();
        int from = (page - 1) * perPage + 1;
        for (int n = from; n <= parts && n < from + perPage; n++) {
            ObjectNode p = objects.addObject();
            p.put("number", n);
            if (uploadId != null && !uploadId.isBlank()) {
                p.put("url", base(token) + "?partNumber=" + n + "&uploadId=" + enc(uploadId));
            } else {
                p.put("url", base(token) + "part/" + n + "/");
                p.put("key", partKey(n));
                p.put("delete_url", base(token) + "part/" + n + "/");
            }
        }
        ObjectNode out = Json.object();
        out.set("objects", objects);
        return Reply.json(200, out);
    }

    private Reply s3PartUrls(Call c) {
        String token = fileToken(c);
        JsonNode in = c.json();
        String uploadId = Json.text(in, "upload_id");
        JsonNode parts = in.get("parts");
        if (uploadId == null || parts == null || !parts.isArray() || parts.isEmpty()) {
            throw ApiError.fields(Map.of("parts", "Shorter than minimum length 1.", "upload_id",
                    "Missing data for required field."));
        }
        ObjectNode out = Json.object();
        out.put("upload_id", uploadId);
        ArrayNode list = out.putArray("parts");
        for (JsonNode p : parts) {
            int n = p.path("part_number").asInt(0);
            if (n < 1 || n > 10_000) {
                throw ApiError.fields(Map.of("parts", "part_number must be between 1 and 10000."));
            }
            ObjectNode o = list.addObject();
            o.put("part_number", n);
            String checksum = p.hasNonNull("checksum") ? p.get("checksum").asText() : null;
            o.put("url", base(token) + "?partNumber=" + n + "&uploadId=" + enc(uploadId)
                    + (checksum == null ? "" : "&x-fake-content-md5=" + enc(checksum)));
            if (checksum != null) {
                o.put("checksum", checksum);
            } else {
                o.putNull("checksum");
            }
        }
        return Reply.json(200, out);
    }

    private Reply cleanup(Call c) {
        fileToken(c);
        JsonNode in = c.json();
        String uploadId = Json.text(in, "upload_id");
        if (uploadId != null) {
            S3Multipart m = s3.get(uploadId);
            if (m != null && m.objectId().equals(c.param("file_id")) && in.path("abort_upload").asBoolean(true)) {
                s3.remove(uploadId);
                m.parts().values().forEach(Uploads::delete);
            }
        } else {
            Map<String, Piece> objects = gcsObjects.remove(c.param("file_id"));
            if (objects != null) {
                objects.values().forEach(Uploads::delete);
            }
        }
        return Reply.empty(200);
    }

    private Reply composeUrl(Call c) {
        String token = fileToken(c);
        JsonNode group = c.json().get("parts_group");
        String q = group == null || group.isNull() ? "" : "?group=" + group.asLong();
        ObjectNode out = Json.object();
        out.put("compose_url", base(token) + "compose/" + q);
        out.put("url", base(token) + "compose/" + q);
        out.put("key", group == null || group.isNull() ? Json.text(ctx.store.get(Store.FILES, c.param("file_id"))
                .orElseThrow(), "original_name") : groupKey(group.asLong()));
        out.put("delete_url", base(token) + "compose/" + q);
        return Reply.json(200, out);
    }

    /** POST multipart/ (GCS): iconik joins the part objects in {@code parts_range} ("1-8", or "1", ...) itself. */
    private Reply gcsComplete(Call c) {
        String token = fileToken(c);
        JsonNode range = c.json().get("parts_range");
        if (range == null || !range.isArray() || range.isEmpty()) {
            throw ApiError.fields(Map.of("parts_range", "Missing data for required field."));
        }
        List<String> keys = new ArrayList<>();
        for (JsonNode r : range) {
            String[] ab = r.asText().split("-");
            int a = Integer.parseInt(ab[0].trim());
            int b = ab.length > 1 ? Integer.parseInt(ab[1].trim()) : a;
            for (int n = a; n <= b; n++) {
                keys.add(partKey(n));
            }
        }
        Target t = target(token);
        Map<String, Piece> objects = gcsObjects.getOrDefault(t.objectId(), Map.of());
        List<Piece> pieces = new ArrayList<>();
        for (String k : keys) {
            Piece p = objects.get(k);
            if (p == null) {
                throw ApiError.of(400, "Part object " + k + " was not uploaded");
            }
            pieces.add(p);
        }
        finish(t, pieces);
        keys.forEach(k -> delete(objects.remove(k)));
        return Reply.empty(200);
    }

    private Reply b2Start(Call c) {
        String token = fileToken(c);
        JsonNode in = c.bytes().length == 0 ? Json.object() : c.json();
        String fileId = Json.text(in, "upload_file_id");
        B2Large large;
        if (fileId == null) {
            fileId = "4_z" + hex(12) + "_f2" + hex(10);
            large = new B2Large(c.param("file_id"), new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
            b2.put(fileId, large);
        } else {
            large = b2.get(fileId);
            if (large == null || !large.objectId().equals(c.param("file_id"))) {
                throw ApiError.of(400, "No unfinished large file " + fileId);
            }
        }
        String urlId = hex(8);
        String auth = "4_" + hex(16);
        large.authByUrl().put(urlId, auth);
        ObjectNode out = Json.object();
        out.put("upload_file_id", fileId);
        out.put("upload_url", base(token) + "b2/part/?fileId=" + enc(fileId) + "&u=" + urlId);
        out.put("authorization_token", auth);
        out.put("status", "started");
        return Reply.json(200, out);
    }

    private Reply b2Finish(Call c) {
        String token = fileToken(c);
        JsonNode in = c.json();
        String fileId = Json.text(in, "upload_file_id");
        JsonNode sha1s = in.get("sha1_list");
        if (fileId == null || sha1s == null || !sha1s.isArray()) {
            throw ApiError.fields(Map.of("sha1_list", "Missing data for required field.", "upload_file_id",
                    "Missing data for required field."));
        }
        if (b2Finished.containsKey(fileId)) {
            // The answer to an earlier finish was lost: the file is complete.
            return Reply.empty(200);
        }
        B2Large large = b2.get(fileId);
        if (large == null || !large.objectId().equals(c.param("file_id"))) {
            throw ApiError.of(400, "No unfinished large file " + fileId);
        }
        if (sha1s.size() < 2) {
            throw ApiError.of(400, "A large file needs at least two parts");
        }
        List<Piece> pieces = new ArrayList<>();
        for (int n = 1; n <= sha1s.size(); n++) {
            Piece p = large.parts().get(n);
            if (p == null) {
                throw ApiError.of(400, "Part number " + n + " has not been uploaded");
            }
            if (!HexFormat.of().formatHex(p.sha1()).equalsIgnoreCase(sha1s.get(n - 1).asText())) {
                throw ApiError.of(400, "Part number " + n + " has SHA1 " + HexFormat.of().formatHex(p.sha1())
                        + ", not " + sha1s.get(n - 1).asText());
            }
            if (n < sha1s.size() && p.size() < B2_MIN_PART) {
                throw ApiError.of(400, "Part number " + n + " is smaller than " + B2_MIN_PART + " bytes");
            }
            pieces.add(p);
        }
        if (large.parts().size() != sha1s.size()) {
            throw ApiError.of(400, "The large file has " + large.parts().size() + " parts, sha1_list names "
                    + sha1s.size());
        }
        finish(target(token), pieces);
        b2.remove(fileId);
        b2Finished.put(fileId, token);
        return Reply.empty(200);
    }

    private Reply b2Cancel(Call c) {
        fileToken(c);
        String fileId = Json.text(c.json(), "upload_file_id");
        B2Large large = fileId == null ? null : b2.remove(fileId);
        if (large == null) {
            throw ApiError.of(400, "No unfinished large file " + fileId);
        }
        large.parts().values().forEach(Uploads::delete);
        return Reply.empty(200);
    }

    // ---- the object stores ------------------------------------------------------------------------------------

    private void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = ex.getRequestURI().getRawPath();
        String rawQuery = ex.getRequestURI().getRawQuery();
        Map<String, String> q = query(rawQuery);
        FaultPlan.Decision decision = faults.decide(method, path);
        FaultKind fault = decision.fault();
        Answer answer;
        boolean applied = false;
        Target t = null;
        try {
            if (!decision.latency().isZero()) {
                Thread.sleep(decision.latency().toMillis());
            }
            String rest = path.substring(Math.min(path.length(), PREFIX.length() + 1));
            int slash = rest.indexOf('/');
            String token = slash < 0 ? rest : rest.substring(0, slash);
            String sub = slash < 0 ? "" : rest.substring(slash + 1);
            t = target(token);
            if (fault == FaultKind.RESET_BEFORE_APPLY) {
                throw new Reset();
            } else if (fault == FaultKind.SERVER_ERROR) {
                answer = error(t.method(), faults.serverErrorStatus(), "InternalError",
                        "We encountered an internal error. Please try again.");
            } else if (fault == FaultKind.RATE_LIMITED) {
                answer = "GCS".equals(t.method()) ? error(t.method(), 429, "rateLimitExceeded", "Rate limit")
                        : error(t.method(), 503, "SlowDown", "Please reduce your request rate.")
                        .header("Retry-After", "1");
            } else {
                CORRUPT.set(fault == FaultKind.CORRUPT_BODY);
                try {
                    answer = route(t, method, sub, q, ex);
                } finally {
                    CORRUPT.remove();
                }
                applied = answer.status() < 400;
                if (fault == FaultKind.RESET_AFTER_APPLY) {
                    throw new Reset();
                }
            }
        } catch (Failure f) {
            answer = f.answer;
        } catch (ApiError e) {
            answer = error(t == null ? "GCS" : t.method(), e.status(), e.status() == 404 ? "NoSuchKey"
                    : "AccessDenied", String.valueOf(e.body()));
        } catch (Reset r) {
            record(method, path, rawQuery, 0, fault, fault == FaultKind.RESET_AFTER_APPLY, null);
            throw new IOException("connection dropped by the fault plan");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (RuntimeException e) {
            LOG.error("The fake's upload server failed on {} {}", method, path, e);
            answer = error(t == null ? "GCS" : t.method(), 500, "InternalError", e.toString());
        }
        record(method, path, rawQuery, answer.status(), fault, applied, answer);
        try (InputStream in = ex.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException alreadyRead) {
            // the handler read and closed the body
        }
        answer.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        if (answer.contentType() != null) {
            ex.getResponseHeaders().set("Content-Type", answer.contentType());
        }
        boolean bodyless = answer.body() == null || answer.body().length == 0 || method.equals("HEAD");
        ex.sendResponseHeaders(answer.status(), bodyless ? -1 : answer.body().length);
        if (!bodyless) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(answer.body());
            }
        }
        ex.close();
    }

    private void record(String method, String path, String query, int status, FaultKind fault, boolean applied,
                        Answer answer) {
        String body = answer == null || answer.body() == null || answer.contentType() == null
                ? "" : new String(answer.body(), StandardCharsets.UTF_8);
        journal.accept(new RecordedRequest(Instant.now(), method, path, query == null ? "" : query,
                PREFIX + "/{token}/", status, fault, applied, "", body));
    }

    private Target target(String token) {
        synchronized (ctx.store) {
            ObjectNode t = ctx.store.get(Store.UPLOADS, token).orElse(null);
            if (t == null) {
                throw new Failure(error("GCS", 403, "AccessDenied", "Invalid or expired upload URL"));
            }
            String table = Json.text(t, "table");
            String id = Json.text(t, "object_id");
            ObjectNode o = ctx.store.get(table, id).orElse(null);
            if (o == null) {
                throw new Failure(error("GCS", 404, "NoSuchKey", "The object of this upload URL no longer exists"));
            }
            String storageId = Json.text(o, "storage_id");
            return new Target(token, table, id, storageId, method(table, id));
        }
    }

    private Answer route(Target t, String method, String sub, Map<String, String> q, HttpExchange ex)
            throws IOException {
        if (method.equals("GET") && sub.isEmpty() && !q.containsKey("uploadId")) {
            return download(t);
        }
        return switch (t.method()) {
            case "S3" -> s3(t, method, sub, q, ex);
            case "B2" -> b2(t, method, sub, q, ex);
            case "AZURE" -> azure(t, method, sub, q, ex);
            default -> gcs(t, method, sub, q, ex);
        };
    }

    private Answer download(Target t) {
        byte[] bytes = ctx.store.upload(t.objectId())
                .orElseThrow(() -> new Failure(error(t.method(), 404, "NoSuchKey", "Nothing uploaded yet")));
        return new Answer(200, new LinkedHashMap<>(), bytes, "application/octet-stream");
    }

    // -- GCS

    private Answer gcs(Target t, String method, String sub, Map<String, String> q, HttpExchange ex)
            throws IOException {
        if (sub.startsWith("part/")) {
            String key = partKey(Integer.parseInt(sub.substring(5).replace("/", "")));
            Map<String, Piece> objects = gcsObjects.computeIfAbsent(t.objectId(), k -> new ConcurrentHashMap<>());
            if (method.equals("DELETE")) {
                delete(objects.remove(key));
                return Answer.of(204);
            }
            if (!method.equals("PUT")) {
                throw new Failure(error("GCS", 405, "MethodNotAllowed", method + " on a part object"));
            }
            Piece p = receive(ex, keep(), false, false);
            delete(objects.put(key, p));
            String crc = crc32c(p);
            return gcsObject(key, p.size(), p.md5(), crc).header("x-goog-hash", "crc32c=" + crc + ",md5="
                    + Base64.getEncoder().encodeToString(p.md5()));
        }
        if (sub.startsWith("compose/")) {
            return compose(t, q, ex);
        }
        if (method.equals("POST")) {
            if (!"start".equalsIgnoreCase(ex.getRequestHeaders().getFirst("x-goog-resumable"))) {
                throw new Failure(error("GCS", 400, "invalid", "Start a resumable upload with the header"
                        + " x-goog-resumable: start, or PUT the body"));
            }
            String session = hex(12);
            sessions.put(session, new Session(t.token(), keep() ? newFile() : null));
            return Answer.of(201).header("Location", base(t.token()) + "?upload_id=" + session)
                    .header("X-GUploader-UploadID", session);
        }
        if (!method.equals("PUT")) {
            throw new Failure(error("GCS", 405, "MethodNotAllowed", method + " is not served here"));
        }
        String uploadId = q.get("upload_id");
        if (uploadId == null) {
            Piece p = receive(ex, keep(), false, false);
            finish(t, List.of(p));
            return gcsObject(t.objectId(), p.size(), p.md5(), null);
        }
        Session s = sessions.get(uploadId);
        if (s == null && finishedSessions.containsKey(uploadId)) {
            return finishedSessions.get(uploadId);
        }
        if (s == null || !s.token.equals(t.token())) {
            throw new Failure(error("GCS", 404, "notFound", "No upload session " + uploadId));
        }
        synchronized (s) {
            String range = ex.getRequestHeaders().getFirst("Content-Range");
            if (range == null && s.received == 0 && contentLength(ex) > 0) {
                // a single-chunk upload: the whole object in one PUT with no Content-Range, as GCS takes it
                long whole = contentLength(ex);
                range = "bytes 0-" + (whole - 1) + "/" + whole;
            }
            if (range == null || STATUS_QUERY.matcher(range.trim()).matches()) {
                return incomplete(s);
            }
            Matcher m = RANGE.matcher(range.trim());
            long length = contentLength(ex);
            if (!m.matches() || Long.parseLong(m.group(1)) != s.received
                    || Long.parseLong(m.group(2)) - Long.parseLong(m.group(1)) + 1 != length) {
                throw new Failure(error("GCS", 400, "invalid", "Content-Range " + range + " does not continue the "
                        + s.received + " bytes received"));
            }
            appendTo(s, ex.getRequestBody(), length, CORRUPT.get());
            long last = Long.parseLong(m.group(2));
            if (!m.group(3).equals("*") && last + 1 == Long.parseLong(m.group(3))) {
                sessions.remove(uploadId);
                Piece p = new Piece(s.file, s.received, s.md5.digest(), null);
                finish(t, List.of(p));
                Answer done = gcsObject(t.objectId(), p.size(), p.md5(), null);
                finishedSessions.put(uploadId, done);
                return done;
            }
            return incomplete(s);
        }
    }

    private Answer compose(Target t, Map<String, String> q, HttpExchange ex) throws IOException {
        Document doc = xml(ex);
        NodeList names = doc.getElementsByTagName("Name");
        if (names.getLength() == 0 || names.getLength() > 32) {
            throw new Failure(error("GCS", 400, "InvalidArgument", "A compose request names 1 to 32 source"
                    + " objects, not " + names.getLength()));
        }
        Map<String, Piece> objects = gcsObjects.computeIfAbsent(t.objectId(), k -> new ConcurrentHashMap<>());
        List<Piece> pieces = new ArrayList<>();
        for (int i = 0; i < names.getLength(); i++) {
            String key = names.item(i).getTextContent().trim();
            Piece p = objects.get(key);
            if (p == null) {
                throw new Failure(error("GCS", 404, "NoSuchKey", "The source object " + key + " does not exist"));
            }
            pieces.add(p);
        }
        long size = pieces.stream().mapToLong(Piece::size).sum();
        String crc;
        if (q.containsKey("group")) {
            Piece joined = join(pieces, true);
            delete(objects.put(groupKey(Long.parseLong(q.get("group"))), joined));
            crc = crc32c(joined);
        } else {
            Piece joined = finish(t, pieces);
            crc = crc32c(joined);
        }
        return Answer.of(200).header("ETag", "\"" + hex(8) + "\"")
                .header("x-goog-hash", "crc32c=" + crc).header("x-goog-stored-content-length",
                        String.valueOf(size)).header("x-goog-component-count", String.valueOf(pieces.size()));
    }

    private static Answer incomplete(Session s) {
        Answer a = Answer.of(308);
        if (s.received > 0) {
            a.header("Range", "bytes=0-" + (s.received - 1));
        }
        return a;
    }

    private static Answer gcsObject(String name, long size, byte[] md5, String crc) {
        ObjectNode body = Json.object();
        body.put("kind", "storage#object");
        body.put("name", name);
        body.put("size", String.valueOf(size));
        if (md5 != null) {
            body.put("md5Hash", Base64.getEncoder().encodeToString(md5));
        }
        if (crc != null) {
            body.put("crc32c", crc);
        }
        Answer a = Answer.json(200, body);
        return md5 == null ? a : a.header("ETag", "\"" + HexFormat.of().formatHex(md5) + "\"");
    }

    // -- S3

    private Answer s3(Target t, String method, String sub, Map<String, String> q, HttpExchange ex)
            throws IOException {
        String uploadId = q.get("uploadId");
        if (method.equals("POST") && q.containsKey("uploads")) {
            String id = hex(24);
            s3.put(id, new S3Multipart(t.objectId(), new ConcurrentHashMap<>()));
            return Answer.xml(200, "<InitiateMultipartUploadResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                    + "<Bucket>iconik-fake-files</Bucket><Key>" + t.objectId() + "</Key><UploadId>" + id
                    + "</UploadId></InitiateMultipartUploadResult>");
        }
        if (method.equals("PUT") && uploadId == null) {
            Piece p = receive(ex, keep(), false, false);
            checkContentMd5(ex.getRequestHeaders().getFirst("Content-MD5"), p);
            finish(t, List.of(p));
            return Answer.of(200).header("ETag", "\"" + p.md5Hex() + "\"");
        }
        if (uploadId == null) {
            throw new Failure(error("S3", 405, "MethodNotAllowed", "The specified method is not allowed against"
                    + " this resource."));
        }
        if (method.equals("POST") && s3Completed.containsKey(uploadId)) {
            return s3Completed.get(uploadId);
        }
        S3Multipart m = s3.get(uploadId);
        if (m == null || !m.objectId().equals(t.objectId())) {
            throw new Failure(error("S3", 404, "NoSuchUpload", "The specified upload does not exist. The upload ID"
                    + " may be invalid, or the upload may have been aborted or completed."));
        }
        switch (method) {
            case "PUT" -> {
                int n = Integer.parseInt(q.getOrDefault("partNumber", "0"));
                if (n < 1 || n > 10_000) {
                    throw new Failure(error("S3", 400, "InvalidArgument", "Part number must be an integer between"
                            + " 1 and 10000, inclusive"));
                }
                Piece p = receive(ex, keep(), false, false);
                String md5 = ex.getRequestHeaders().getFirst("Content-MD5");
                checkContentMd5(md5 != null ? md5 : q.get("x-fake-content-md5"), p);
                delete(m.parts().put(n, p));
                return Answer.of(200).header("ETag", "\"" + p.md5Hex() + "\"");
            }
            case "DELETE" -> {
                s3.remove(uploadId);
                m.parts().values().forEach(Uploads::delete);
                return Answer.of(204);
            }
            case "GET" -> {
                StringBuilder sb = new StringBuilder("<ListPartsResult xmlns=\"http://s3.amazonaws.com/doc/"
                        + "2006-03-01/\"><Bucket>iconik-fake-files</Bucket><Key>" + t.objectId() + "</Key><UploadId>"
                        + uploadId + "</UploadId><IsTruncated>false</IsTruncated>");
                new TreeMap<>(m.parts()).forEach((n, p) -> sb.append("<Part><PartNumber>").append(n)
                        .append("</PartNumber><ETag>\"").append(p.md5Hex()).append("\"</ETag><Size>")
                        .append(p.size()).append("</Size></Part>"));
                return Answer.xml(200, sb.append("</ListPartsResult>").toString());
            }
            case "POST" -> {
                return s3Complete(t, uploadId, m, ex);
            }
            default -> throw new Failure(error("S3", 405, "MethodNotAllowed", method + " is not allowed"));
        }
    }

    private Answer s3Complete(Target t, String uploadId, S3Multipart m, HttpExchange ex) throws IOException {
        Document doc = xml(ex);
        NodeList parts = doc.getElementsByTagName("Part");
        if (parts.getLength() == 0) {
            throw new Failure(error("S3", 400, "MalformedXML", "The XML you provided was not well-formed or did not"
                    + " validate against our published schema."));
        }
        List<Piece> pieces = new ArrayList<>();
        MessageDigest etags = digest("MD5");
        int previous = 0;
        for (int i = 0; i < parts.getLength(); i++) {
            Element e = (Element) parts.item(i);
            int n = Integer.parseInt(text(e, "PartNumber"));
            String etag = text(e, "ETag").replace("\"", "").trim();
            if (n <= previous) {
                throw new Failure(error("S3", 400, "InvalidPartOrder", "The list of parts was not in ascending"
                        + " order. The parts list must be specified in order by part number."));
            }
            previous = n;
            Piece p = m.parts().get(n);
            if (p == null || !p.md5Hex().equalsIgnoreCase(etag)) {
                throw new Failure(error("S3", 400, "InvalidPart", "One or more of the specified parts could not be"
                        + " found. The part may not have been uploaded, or the specified entity tag may not match"
                        + " the part's entity tag."));
            }
            if (i < parts.getLength() - 1 && p.size() < S3_MIN_PART) {
                throw new Failure(error("S3", 400, "EntityTooSmall", "Your proposed upload is smaller than the"
                        + " minimum allowed object size."));
            }
            pieces.add(p);
            etags.update(p.md5());
        }
        finish(t, pieces);
        s3.remove(uploadId);
        m.parts().values().stream().filter(p -> !pieces.contains(p)).forEach(Uploads::delete);
        String etag = HexFormat.of().formatHex(etags.digest()) + "-" + pieces.size();
        Answer done = Answer.xml(200, "<CompleteMultipartUploadResult xmlns=\"http://s3.amazonaws.com/doc/"
                + "2006-03-01/\"><Location>" + base(t.token()) + "</Location><Bucket>iconik-fake-files</Bucket><Key>"
                + t.objectId() + "</Key><ETag>\"" + etag + "\"</ETag></CompleteMultipartUploadResult>");
        s3Completed.put(uploadId, done);
        return done;
    }

    private static void checkContentMd5(String contentMd5, Piece p) {
        if (contentMd5 != null && !contentMd5.isBlank()
                && !contentMd5.trim().equals(Base64.getEncoder().encodeToString(p.md5()))) {
            delete(p);
            throw new Failure(error("S3", 400, "BadDigest", "The Content-MD5 you specified did not match what we"
                    + " received."));
        }
    }

    // -- B2

    private Answer b2(Target t, String method, String sub, Map<String, String> q, HttpExchange ex)
            throws IOException {
        if (!method.equals("POST")) {
            throw new Failure(error("B2", 405, "method_not_allowed", "only POST is supported"));
        }
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String sha1Header = ex.getRequestHeaders().getFirst("X-Bz-Content-Sha1");
        if (sha1Header == null) {
            throw new Failure(error("B2", 400, "bad_request", "Missing header: X-Bz-Content-Sha1"));
        }
        boolean atEnd = sha1Header.equals("hex_digits_at_end");
        if (!atEnd && !sha1Header.equals("do_not_verify") && !sha1Header.startsWith("unverified:")
                && !SHA1_HEX.matcher(sha1Header).matches()) {
            throw new Failure(error("B2", 400, "bad_request", "Invalid X-Bz-Content-Sha1: " + sha1Header));
        }
        if (sub.startsWith("b2/upload")) {
            String expected = b2SingleAuth.get(t.token());
            if (auth == null || !auth.equals(expected)) {
                throw new Failure(error("B2", 401, "bad_auth_token", "Invalid authorization token"));
            }
            if (ex.getRequestHeaders().getFirst("X-Bz-File-Name") == null) {
                throw new Failure(error("B2", 400, "bad_request", "Missing header: X-Bz-File-Name"));
            }
            Piece p = receiveB2(ex, keep(), sha1Header, atEnd);
            finish(t, List.of(p));
            ObjectNode body = Json.object();
            body.put("fileId", "4_z" + hex(12));
            body.put("fileName", URLDecoder.decode(ex.getRequestHeaders().getFirst("X-Bz-File-Name"),
                    StandardCharsets.UTF_8));
            body.put("contentLength", p.size());
            body.put("contentSha1", HexFormat.of().formatHex(p.sha1()));
            body.put("contentMd5", p.md5Hex());
            body.put("contentType", "application/octet-stream");
            body.put("action", "upload");
            body.put("uploadTimestamp", System.currentTimeMillis());
            return Answer.json(200, body);
        }
        String fileId = q.get("fileId");
        B2Large large = fileId == null ? null : b2.get(fileId);
        if (large == null || !large.objectId().equals(t.objectId())) {
            throw new Failure(error("B2", 400, "bad_request", "No unfinished large file " + fileId));
        }
        String expected = large.authByUrl().get(q.getOrDefault("u", ""));
        if (auth == null || !auth.equals(expected)) {
            throw new Failure(error("B2", 401, "bad_auth_token", "Invalid authorization token"));
        }
        int n;
        try {
            n = Integer.parseInt(ex.getRequestHeaders().getFirst("X-Bz-Part-Number"));
        } catch (NumberFormatException e) {
            throw new Failure(error("B2", 400, "bad_request", "Missing or invalid header: X-Bz-Part-Number"));
        }
        if (n < 1 || n > 10_000) {
            throw new Failure(error("B2", 400, "bad_request", "X-Bz-Part-Number must be 1 to 10000"));
        }
        Piece p = receiveB2(ex, keep(), sha1Header, atEnd);
        delete(large.parts().put(n, p));
        ObjectNode body = Json.object();
        body.put("fileId", fileId);
        body.put("partNumber", n);
        body.put("contentLength", p.size());
        body.put("contentSha1", HexFormat.of().formatHex(p.sha1()));
        body.put("contentMd5", p.md5Hex());
        body.put("uploadTimestamp", System.currentTimeMillis());
        return Answer.json(200, body);
    }

    private Piece receiveB2(HttpExchange ex, boolean keep, String sha1Header, boolean atEnd) throws IOException {
        Piece p = receive(ex, keep, true, atEnd);
        if (SHA1_HEX.matcher(sha1Header).matches()
                && !sha1Header.equalsIgnoreCase(HexFormat.of().formatHex(p.sha1()))) {
            delete(p);
            throw new Failure(error("B2", 400, "bad_request", "Checksum did not match data received"));
        }
        return p;
    }

    // -- Azure

    private Answer azure(Target t, String method, String sub, Map<String, String> q, HttpExchange ex)
            throws IOException {
        if (!method.equals("PUT")) {
            throw new Failure(error("AZURE", 405, "UnsupportedHttpVerb", "The resource doesn't support the"
                    + " specified HTTP verb."));
        }
        String comp = q.get("comp");
        Map<String, Piece> blocks = azureBlocks.computeIfAbsent(t.objectId(), k -> new ConcurrentHashMap<>());
        if ("block".equals(comp)) {
            String id = q.get("blockid");
            if (id == null || !validBlockId(id, blocks)) {
                throw new Failure(error("AZURE", 400, "InvalidQueryParameterValue", "Value for one of the query"
                        + " parameters specified in the request URI is invalid. (blockid)"));
            }
            Piece p = receive(ex, keep(), false, false);
            String declared = ex.getRequestHeaders().getFirst("Content-MD5");
            checkAzureMd5(declared, p);
            delete(blocks.put(id, p));
            return azureMd5(Answer.of(201), declared, p).header("x-ms-request-server-encrypted", "true")
                    .header("x-ms-request-id", hex(8));
        }
        if ("blocklist".equals(comp)) {
            Document doc = xml(ex);
            NodeList all = doc.getDocumentElement().getChildNodes();
            List<Piece> pieces = new ArrayList<>();
            for (int i = 0; i < all.getLength(); i++) {
                if (all.item(i) instanceof Element e) {
                    Piece p = blocks.get(e.getTextContent().trim());
                    if (p == null) {
                        throw new Failure(error("AZURE", 400, "InvalidBlockList", "The specified block list is"
                                + " invalid."));
                    }
                    pieces.add(p);
                }
            }
            finish(t, pieces);
            azureBlocks.remove(t.objectId());
            blocks.values().stream().filter(p -> !pieces.contains(p)).forEach(Uploads::delete);
            Answer a = Answer.of(201).header("ETag", "\"0x" + hex(8).toUpperCase(Locale.ROOT) + "\"")
                    .header("x-ms-request-id", hex(8));
            return a;
        }
        if (!"BlockBlob".equals(ex.getRequestHeaders().getFirst("x-ms-blob-type"))) {
            throw new Failure(error("AZURE", 400, "MissingRequiredHeader", "An HTTP header that's mandatory for"
                    + " this request is not specified. (x-ms-blob-type)"));
        }
        Piece p = receive(ex, keep(), false, false);
        String declared = ex.getRequestHeaders().getFirst("Content-MD5");
        checkAzureMd5(declared, p);
        finish(t, List.of(p));
        azureBlocks.remove(t.objectId());
        return azureMd5(Answer.of(201), declared, p).header("ETag", "\"0x" + hex(8).toUpperCase(Locale.ROOT) + "\"").header("x-ms-request-id", hex(8));
    }

    /** Azure (REST 2019-02-02 and later) answers its own {@code Content-MD5} only to a request that declared one. */
    private static Answer azureMd5(Answer a, String declared, Piece p) {
        return declared == null || declared.isBlank() ? a
                : a.header("Content-MD5", Base64.getEncoder().encodeToString(p.md5()));
    }

    /** Azure refuses a body whose MD5 is not the {@code Content-MD5} the request declared. */
    private static void checkAzureMd5(String contentMd5, Piece p) {
        if (contentMd5 != null && !contentMd5.isBlank()
                && !contentMd5.trim().equals(Base64.getEncoder().encodeToString(p.md5()))) {
            delete(p);
            throw new Failure(error("AZURE", 400, "Md5Mismatch", "The MD5 value specified in the request did not"
                    + " match the MD5 value calculated by the server."));
        }
    }

    /** Block ids are base64, at most 64 bytes decoded, and all of one blob the same length. */
    private static boolean validBlockId(String id, Map<String, Piece> blocks) {
        try {
            byte[] raw = Base64.getDecoder().decode(id);
            if (raw.length > 64) {
                return false;
            }
        } catch (IllegalArgumentException e) {
            return false;
        }
        return blocks.keySet().stream().allMatch(k -> k.length() == id.length());
    }

    // ---- bodies -----------------------------------------------------------------------------------------------

    private boolean keep() {
        return !ctx.store.discardsUploads();
    }

    private Path newFile() throws IOException {
        return Files.createTempFile(ctx.store.uploadsDir(), "body-", ".part");
    }

    private static long contentLength(HttpExchange ex) {
        String cl = ex.getRequestHeaders().getFirst("Content-Length");
        try {
            return cl == null ? -1 : Long.parseLong(cl.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Streams a request body to a file (or nowhere), measuring MD5 (and SHA-1). With {@code sha1AtEnd} the last 40
     * bytes are the hex SHA-1 of what precedes them (B2's {@code hex_digits_at_end}), checked and not stored.
     */
    private Piece receive(HttpExchange ex, boolean keep, boolean sha1, boolean sha1AtEnd) throws IOException {
        long declared = contentLength(ex);
        long contentLimit = sha1AtEnd ? declared - 40 : Long.MAX_VALUE;
        if (sha1AtEnd && declared < 40) {
            throw new Failure(error("B2", 400, "bad_request", "hex_digits_at_end needs a Content-Length of at least"
                    + " 40"));
        }
        MessageDigest md5 = digest("MD5");
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        MessageDigest sha = sha1 ? digest("SHA-1") : null;
        ByteArrayOutputStream trailer = new ByteArrayOutputStream();
        Path file = keep ? newFile() : null;
        boolean corrupt = CORRUPT.get();
        long n = 0;
        try (InputStream in = ex.getRequestBody();
             FileChannel out = file == null ? null : FileChannel.open(file, StandardOpenOption.WRITE)) {
            byte[] buf = new byte[BUFFER];
            int r;
            while ((r = in.read(buf)) >= 0) {
                int content = (int) Math.max(0, Math.min(r, contentLimit - n));
                if (content > 0 && corrupt) {
                    buf[0] ^= 0x5A; // the storage's damage: one byte, before it is measured and stored
                    corrupt = false;
                }
                if (content > 0) {
                    md5.update(buf, 0, content);
                    crc.update(buf, 0, content);
                    if (sha != null) {
                        sha.update(buf, 0, content);
                    }
                    if (out != null) {
                        ByteBuffer bb = ByteBuffer.wrap(buf, 0, content);
                        while (bb.hasRemaining()) {
                            out.write(bb);
                        }
                    }
                }
                if (content < r) {
                    trailer.write(buf, content, r - content);
                }
                n += r;
            }
        } catch (IOException | RuntimeException e) {
            if (file != null) {
                Files.deleteIfExists(file);
            }
            throw e;
        }
        if (declared >= 0 && n != declared) {
            if (file != null) {
                Files.deleteIfExists(file);
            }
            throw new IOException("the body ended after " + n + " of " + declared + " bytes");
        }
        long size = sha1AtEnd ? n - 40 : n;
        byte[] shaDigest = sha == null ? null : sha.digest();
        if (sha1AtEnd && !trailer.toString(StandardCharsets.US_ASCII).equalsIgnoreCase(
                HexFormat.of().formatHex(shaDigest))) {
            if (file != null) {
                Files.deleteIfExists(file);
            }
            throw new Failure(error("B2", 400, "bad_request", "Checksum did not match data received"));
        }
        return new Piece(file, size, md5.digest(), shaDigest, crc.getValue());
    }

    private static void appendTo(Session s, InputStream in, long length, boolean corrupt) throws IOException {
        try (in; FileChannel out = s.file == null ? null : FileChannel.open(s.file, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            byte[] buf = new byte[BUFFER];
            long n = 0;
            int r;
            while ((r = in.read(buf)) >= 0) {
                if (corrupt && r > 0) {
                    buf[0] ^= 0x5A;
                    corrupt = false;
                }
                s.md5.update(buf, 0, r);
                if (out != null) {
                    ByteBuffer bb = ByteBuffer.wrap(buf, 0, r);
                    while (bb.hasRemaining()) {
                        out.write(bb);
                    }
                }
                n += r;
            }
            if (n != length) {
                throw new IOException("the chunk ended after " + n + " of " + length + " bytes");
            }
            s.received += n;
        }
    }

    /**
     * Joins pieces into one, in order: concatenated into a new file while measuring MD5; discarding, only sizes are
     * known, and the MD5 of a joined object is that of its pieces' MD5s, suffixed {@code -N} (S3's multipart ETag).
     */
    private Piece join(List<Piece> pieces, boolean keepPieces) throws IOException {
        if (pieces.size() == 1) {
            Piece only = pieces.get(0);
            if (!keepPieces || only.file() == null) {
                return only;
            }
        }
        long size = pieces.stream().mapToLong(Piece::size).sum();
        if (pieces.stream().anyMatch(p -> p.file() == null)) {
            MessageDigest md5s = digest("MD5");
            pieces.forEach(p -> md5s.update(p.md5()));
            byte[] composite = (HexFormat.of().formatHex(md5s.digest()) + "-" + pieces.size())
                    .getBytes(StandardCharsets.US_ASCII);
            return new Piece(null, size, composite, null, combinedCrc32c(pieces));
        }
        Path file = newFile();
        MessageDigest md5 = digest("MD5");
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.allocate(BUFFER);
            for (Piece p : pieces) {
                try (FileChannel in = FileChannel.open(p.file(), StandardOpenOption.READ)) {
                    while (in.read(buf.clear()) >= 0) {
                        buf.flip();
                        md5.update(buf.duplicate());
                        while (buf.hasRemaining()) {
                            out.write(buf);
                        }
                    }
                }
            }
        }
        if (!keepPieces) {
            pieces.forEach(Uploads::delete);
        }
        return new Piece(file, size, md5.digest(), null, combinedCrc32c(pieces));
    }

    /** Makes the object of an upload URL from its pieces and records it; returns the joined piece. */
    private Piece finish(Target t, List<Piece> pieces) {
        try {
            Piece whole = join(pieces, false);
            String md5 = whole.md5().length == 16 ? whole.md5Hex()
                    : new String(whole.md5(), StandardCharsets.US_ASCII);
            Path file = null;
            if (whole.file() != null) {
                file = ctx.store.uploadsDir().resolve(t.objectId());
                Files.move(whole.file(), file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            ctx.store.putUploadedObject(t.objectId(), whole.size(), md5, file);
            return new Piece(file, whole.size(), whole.md5(), null);
        } catch (IOException e) {
            throw new UncheckedIOException("the fake cannot store the upload of " + t.objectId(), e);
        }
    }

    /** @return the CRC32C of the pieces joined in order, from theirs, or -1 when one is not known */
    private static long combinedCrc32c(List<Piece> pieces) {
        long crc = -1;
        for (Piece p : pieces) {
            if (p.crc32c() < 0) {
                return -1;
            }
            crc = crc < 0 ? p.crc32c() : Crc32cCombine.combine(crc, p.crc32c(), p.size());
        }
        return crc;
    }

    private String crc32c(Piece p) throws IOException {
        long v = p.crc32c();
        if (v < 0) {
            if (p.file() == null) {
                return "";
            }
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            try (FileChannel in = FileChannel.open(p.file(), StandardOpenOption.READ)) {
                ByteBuffer buf = ByteBuffer.allocate(BUFFER);
                while (in.read(buf.clear()) >= 0) {
                    crc.update(buf.flip());
                }
            }
            v = crc.getValue();
        }
        return Base64.getEncoder().encodeToString(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16),
                (byte) (v >>> 8), (byte) v});
    }

    private static void delete(Piece p) {
        if (p != null && p.file() != null) {
            try {
                Files.deleteIfExists(p.file());
            } catch (IOException e) {
                LOG.debug("cannot delete {}: {}", p.file(), e.toString());
            }
        }
    }

    private static Document xml(HttpExchange ex) throws IOException {
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readNBytes(XML_LIMIT);
        }
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            f.setXIncludeAware(false);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        } catch (Exception e) {
            throw new Failure(error("S3", 400, "MalformedXML", "The XML you provided was not well-formed: "
                    + e.getMessage()));
        }
    }

    private static String text(Element e, String tag) {
        NodeList l = e.getElementsByTagName(tag);
        if (l.getLength() == 0) {
            throw new Failure(error("S3", 400, "MalformedXML", "A Part lacks its " + tag));
        }
        return l.item(0).getTextContent().trim();
    }

    /** An error in the shape of the storage's service. */
    private static Answer error(String method, int status, String code, String message) {
        return switch (method) {
            case "B2" -> {
                ObjectNode body = Json.object();
                body.put("status", status);
                body.put("code", status >= 500 ? "service_unavailable" : code);
                body.put("message", message);
                yield Answer.json(status, body);
            }
            case "S3", "AZURE" -> Answer.xml(status, "<Error><Code>" + code + "</Code><Message>"
                    + message.replace("&", "&amp;").replace("<", "&lt;") + "</Message><RequestId>"
                    + Long.toHexString(System.nanoTime()) + "</RequestId></Error>");
            default -> {
                ObjectNode body = Json.object();
                ObjectNode error = body.putObject("error");
                error.put("code", status);
                error.put("message", message);
                error.putArray("errors").addObject().put("reason", code).put("message", message);
                yield Answer.json(status, body);
            }
        };
    }

    private static String partKey(int n) {
        return String.format(Locale.ROOT, "part-%05d", n);
    }

    private static String groupKey(long g) {
        return String.format(Locale.ROOT, "group-%05d", g);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
