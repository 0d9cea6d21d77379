package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Upload URLs the fake serves itself, pre-signed (the token in the path is the only credential; no iconik headers).
 * Two shapes, as iconik's Google Cloud storages use them: a single {@code PUT} of the whole body, or a resumable
 * session ({@code POST} with {@code x-goog-resumable: start} answers 201 with {@code Location} and
 * {@code X-GUploader-UploadID}; each {@code PUT} with {@code Content-Range: bytes a-b/total} answers 308 with
 * {@code Range} until the last one, which answers 200).
 */
final class Uploads {

    static final String PREFIX = "/__fake/upload";
    private static final Pattern RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Pattern STATUS_QUERY = Pattern.compile("bytes \\*/(\\d+|\\*)");

    /** A resumable session: the bytes so far (unless the fake discards uploads) and their running MD5. */
    private static final class Session {
        final String token;
        final ByteArrayOutputStream kept;
        final MessageDigest md5 = newMd5();
        long received;

        Session(String token, boolean keep) {
            this.token = token;
            this.kept = keep ? new ByteArrayOutputStream() : null;
        }

        void write(byte[] b) {
            md5.update(b);
            received += b.length;
            if (kept != null) {
                kept.writeBytes(b);
            }
        }
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private final Context ctx;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Reply> finished = new ConcurrentHashMap<>();

    Uploads(Context ctx) {
        this.ctx = ctx;
    }

    void register(Router r) {
        r.add("PUT", PREFIX + "/{token}/", this::put);
        r.add("POST", PREFIX + "/{token}/", this::start);
        r.add("GET", PREFIX + "/{token}/", this::download);
    }

    /**
     * Issues an upload URL for an object.
     *
     * @param table the table the object is in (files, proxies, keyframes)
     * @param objectId its id
     * @return the absolute URL
     */
    String issue(String table, String objectId) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        String token = HexFormat.of().formatHex(b);
        ObjectNode target = Json.object();
        target.put("table", table);
        target.put("object_id", objectId);
        ctx.store.table(Store.UPLOADS).put(token, target);
        return ctx.baseUrl() + PREFIX + "/" + token + "/";
    }

    private ObjectNode target(String token) {
        ObjectNode t = ctx.store.get(Store.UPLOADS, token)
                .orElseThrow(() -> ApiError.of(403, "Invalid or expired upload URL"));
        if (ctx.store.get(Json.text(t, "table"), Json.text(t, "object_id")).isEmpty()) {
            throw ApiError.of(404, "The object of this upload URL no longer exists");
        }
        return t;
    }

    private Reply start(Call c) {
        target(c.param("token"));
        if (!"start".equalsIgnoreCase(c.header("x-goog-resumable"))) {
            throw ApiError.of(400, "Start a resumable upload with the header x-goog-resumable: start, or PUT the body");
        }
        byte[] b = new byte[12];
        random.nextBytes(b);
        String session = HexFormat.of().formatHex(b);
        sessions.put(session, new Session(c.param("token"), !ctx.store.discardsUploads()));
        String location = ctx.baseUrl() + PREFIX + "/" + c.param("token") + "/?upload_id=" + session;
        return Reply.empty(201).header("Location", location).header("X-GUploader-UploadID", session);
    }

    private Reply put(Call c) {
        ObjectNode t = target(c.param("token"));
        String uploadId = c.query("upload_id");
        if (uploadId == null) {
            Session whole = new Session(c.param("token"), !ctx.store.discardsUploads());
            whole.write(c.bytes());
            return complete(t, whole);
        }
        Session s = sessions.get(uploadId);
        if (s == null && finished.containsKey(uploadId)) {
            // A finished session asked again (its last answer was lost): the object, as Google Cloud Storage does.
            return finished.get(uploadId);
        }
        if (s == null || !s.token.equals(c.param("token"))) {
            throw ApiError.of(404, "No upload session " + uploadId);
        }
        String range = c.header("Content-Range");
        if (range == null) {
            sessions.remove(uploadId);
            s.write(c.bytes());
            return complete(t, s);
        }
        Matcher q = STATUS_QUERY.matcher(range.trim());
        if (q.matches()) {
            return incomplete(s);
        }
        Matcher m = RANGE.matcher(range.trim());
        if (!m.matches()) {
            throw ApiError.of(400, "Bad Content-Range: " + range);
        }
        long first = Long.parseLong(m.group(1));
        long last = Long.parseLong(m.group(2));
        if (first != s.received || last - first + 1 != c.bodyLength()) {
            throw ApiError.of(400, "Content-Range " + range + " does not continue the " + s.received
                    + " bytes received");
        }
        s.write(c.bytes());
        if (!m.group(3).equals("*") && last + 1 == Long.parseLong(m.group(3))) {
            sessions.remove(uploadId);
            finished.put(uploadId, complete(t, s));
            return finished.get(uploadId);
        }
        return incomplete(s);
    }

    private static Reply incomplete(Session s) {
        Reply r = Reply.empty(308);
        if (s.received > 0) {
            r.header("Range", "bytes=0-" + (s.received - 1));
        }
        return r;
    }

    /** Stores (or, discarding, only measures) what arrived; answers the object as Google Cloud Storage does. */
    private Reply complete(ObjectNode target, Session s) {
        String id = Json.text(target, "object_id");
        byte[] digest = s.md5.digest();
        if (s.kept != null) {
            ctx.store.putUpload(id, s.kept.toByteArray());
        } else {
            ctx.store.putUploadDigest(id, s.received, HexFormat.of().formatHex(digest));
        }
        ObjectNode body = Json.object();
        body.put("name", id);
        body.put("size", String.valueOf(s.received));
        body.put("md5Hash", Base64.getEncoder().encodeToString(digest));
        return Reply.json(200, body).header("ETag", "\"" + HexFormat.of().formatHex(digest) + "\"");
    }

    private Reply download(Call c) {
        ObjectNode t = target(c.param("token"));
        byte[] bytes = ctx.store.upload(Json.text(t, "object_id"))
                .orElseThrow(() -> ApiError.of(404, "Nothing uploaded yet"));
        return Reply.raw(200, "application/octet-stream", bytes);
    }
}
