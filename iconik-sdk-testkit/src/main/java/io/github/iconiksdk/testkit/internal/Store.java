// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Everything the fake holds: named tables of JSON objects in insertion order (what iconik would store, in the
 * shape of its schemas), the uploaded bytes, and the credentials. Not thread-safe: callers hold its monitor.
 * With a state folder, {@link #save()} writes it to {@code state.json} (atomically) and uploads to
 * {@code uploads/}, and {@link #load} reads them back.
 */
public final class Store {

    /** Table names. */
    public static final String STORAGES = "storages";
    /** Gateway reports by storage id. */
    public static final String REPORTS = "gateway_reports";
    /** Gateway status by storage id. */
    public static final String GATEWAY_STATUS = "gateway_status";
    /** Assets by id. */
    public static final String ASSETS = "assets";
    /** Formats by id. */
    public static final String FORMATS = "formats";
    /** File sets by id. */
    public static final String FILE_SETS = "file_sets";
    /** Files by id. */
    public static final String FILES = "files";
    /** Proxies by id. */
    public static final String PROXIES = "proxies";
    /** Keyframes by id. */
    public static final String KEYFRAMES = "keyframes";
    /** Metadata fields by name. */
    public static final String FIELDS = "fields";
    /** Metadata views by id. */
    public static final String VIEWS = "views";
    /** Metadata values by {@code object_type/object_id}. */
    public static final String VALUES = "metadata_values";
    /** Collections by id. */
    public static final String COLLECTIONS = "collections";
    /** Collection contents by {@code collection_id/object_type/object_id}. */
    public static final String CONTENTS = "collection_contents";
    /** Jobs by id. */
    public static final String JOBS = "jobs";
    /** Deletions a gateway must perform on its storage, by id. */
    public static final String DELETIONS = "deletions";
    /** Asset history entries by id. */
    public static final String HISTORY = "asset_history";
    /** Gateway events by id. */
    public static final String EVENTS = "gateway_events";
    /** Pending transfers of file sets into a gateway's storage, by id. */
    public static final String TRANSFERS_TO = "transfers_to";
    /** Pending transfers of file sets out of a gateway's storage, by id. */
    public static final String TRANSFERS_FROM = "transfers_from";
    /** Upload targets by token. */
    public static final String UPLOADS = "upload_urls";
    /** Group ACLs by group, object type and object key. */
    public static final String ACLS = "group_acls";
    /** Work the fake's own jobs still have to do, by job id. */
    public static final String JOB_WORK = "job_work";
    /** Users by id. */
    public static final String USERS = "users";
    /** Groups by id. */
    public static final String GROUPS = "groups";
    /** Extra Auth-Tokens by token: the user each belongs to. */
    public static final String TOKENS = "tokens";
    /** User ACLs by user, object type and object key. */
    public static final String USER_ACLS = "user_acls";
    /** Shares by id. */
    public static final String SHARES = "shares";
    /** Share users by id. */
    public static final String SHARE_USERS = "share_users";
    /** Segments by id. */
    public static final String SEGMENTS = "segments";
    /** Saved searches by id. */
    public static final String SAVED_SEARCHES = "saved_searches";
    /** Metadata categories by {@code object_type/name}. */
    public static final String CATEGORIES = "metadata_categories";
    /** Export locations by id. */
    public static final String EXPORT_LOCATIONS = "export_locations";
    /** Identity and ids of the ready-made storages. */
    public static final String META = "meta";

    private static final List<String> TABLES = List.of(META, STORAGES, REPORTS, GATEWAY_STATUS, ASSETS, FORMATS,
            FILE_SETS, FILES, PROXIES, KEYFRAMES, FIELDS, VIEWS, VALUES, COLLECTIONS, CONTENTS, JOBS, EVENTS, DELETIONS, HISTORY, UPLOADS,
            TRANSFERS_TO, TRANSFERS_FROM,
            ACLS, JOB_WORK, USERS, GROUPS, TOKENS, USER_ACLS, SHARES, SHARE_USERS, SEGMENTS, SAVED_SEARCHES,
            CATEGORIES, EXPORT_LOCATIONS);
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final Map<String, IndexedTable> tables = new LinkedHashMap<>();
    private final Map<String, byte[]> uploaded = new ConcurrentHashMap<>();
    private final Map<String, String> uploadDigests = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, Path> uploadedFiles = new ConcurrentHashMap<>();
    private Path uploadsDir;
    private volatile boolean discardUploads;
    private final Map<String, Long> searchableFrom = new ConcurrentHashMap<>();
    private volatile long searchDelayMillis;
    private final Path stateDir;

    /**
     * Creates an empty store.
     *
     * @param stateDir the folder to persist to, or null to keep everything in memory
     */
    public Store(Path stateDir) {
        this.stateDir = stateDir;
        TABLES.forEach(t -> tables.put(t, new IndexedTable()));
    }

    /**
     * A table.
     *
     * @param name its name (one of the constants)
     * @return the live table
     */
    public LinkedHashMap<String, ObjectNode> table(String name) {
        return indexedTable(name);
    }

    private IndexedTable indexedTable(String name) {
        IndexedTable t = tables.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no table " + name);
        }
        return t;
    }

    /**
     * One object of a table.
     *
     * @param table the table
     * @param id its key
     * @return the live object, if present
     */
    public Optional<ObjectNode> get(String table, String id) {
        return Optional.ofNullable(table(table).get(id));
    }

    /**
     * The objects of a table matching a field value, in insertion order, from an index of that field (kept up to
     * date with changes made in place: see {@code IndexedTable}).
     *
     * @param table the table
     * @param field the field
     * @param value the text value it must have
     * @return the live objects
     */
    public List<ObjectNode> where(String table, String field, String value) {
        return indexedTable(table).where(field, value);
    }

    /**
     * Brings every table's look-up indexes up to date with the changes made so far. Call it at the start of a
     * section under the store's monitor, where no caller holds a row to change any more (the engine does for
     * every request); {@link #where} stays right without it, only slower.
     */
    public void settle() {
        tables.values().forEach(IndexedTable::settle);
    }

    /**
     * A value of the {@code meta} table.
     *
     * @param key its key
     * @return its text, or null
     */
    public String meta(String key) {
        ObjectNode m = table(META).get("identity");
        return m == null ? null : Json.text(m, key);
    }

    /**
     * Sets a value of the {@code meta} table.
     *
     * @param key its key
     * @param value its text
     */
    public void meta(String key, String value) {
        table(META).computeIfAbsent("identity", k -> Json.object()).put(key, value);
    }

    /**
     * Stores the bytes uploaded for an object (proxy, keyframe or file).
     *
     * @param objectId its id
     * @param bytes the bytes
     */
    public void putUpload(String objectId, byte[] bytes) {
        uploadDigests.put(objectId, bytes.length + ":" + md5Hex(bytes));
        if (discardUploads) {
            return;
        }
        uploaded.put(objectId, bytes.clone());
        if (stateDir != null && SAFE_ID.matcher(objectId).matches()) {
            try {
                Path dir = stateDir.resolve("uploads");
                Files.createDirectories(dir);
                writeAtomically(dir.resolve(objectId), bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the upload of " + objectId + " under " + stateDir, e);
            }
        }
    }

    /**
     * Records a completed upload whose bytes were streamed to a file (or, discarding, only measured). Thread-safe:
     * callers need not hold the store's monitor, so uploads complete concurrently with API calls.
     *
     * @param objectId the proxy, keyframe or file the bytes belong to
     * @param size     the bytes of the whole object
     * @param md5Hex   their MD5, lower-case hex
     * @param bytes    the file holding the object's bytes, or null when they were discarded
     */
    public void putUploadedObject(String objectId, long size, String md5Hex, Path bytes) {
        uploadDigests.put(objectId, size + ":" + md5Hex);
        uploaded.remove(objectId);
        if (bytes != null) {
            uploadedFiles.put(objectId, bytes);
        } else {
            uploadedFiles.remove(objectId);
        }
    }

    /**
     * The folder upload bodies stream into: {@code uploads/} of the state folder, else a temporary folder removed
     * when the JVM exits.
     *
     * @return the folder, created
     * @throws UncheckedIOException when it cannot be created
     */
    public synchronized Path uploadsDir() {
        if (uploadsDir == null) {
            try {
                if (stateDir != null) {
                    uploadsDir = Files.createDirectories(stateDir.resolve("uploads"));
                } else {
                    Path tmp = Files.createTempDirectory("fake-iconik-uploads");
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(tmp)));
                    uploadsDir = tmp;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the folder for uploaded bytes", e);
            }
        }
        return uploadsDir;
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort at exit
        }
    }

    /**
     * Records an upload whose bytes were checked and discarded (see {@link #discardUploads(boolean)}).
     *
     * @param objectId its id
     * @param size     the bytes received
     * @param md5Hex   their MD5
     */
    public void putUploadDigest(String objectId, long size, String md5Hex) {
        uploadDigests.put(objectId, size + ":" + md5Hex);
    }

    /**
     * @param objectId an object's id
     * @return {@code size:md5hex} of what was uploaded for it, kept even when the bytes are discarded
     */
    public Optional<String> uploadDigest(String objectId) {
        return Optional.ofNullable(uploadDigests.get(objectId));
    }

    /**
     * What arrived through an upload URL for one object.
     *
     * @param objectId the id of the file, proxy or keyframe record
     * @param size the bytes received
     * @param md5Hex their MD5, lower-case hex
     */
    public record UploadedObject(String objectId, long size, String md5Hex) {
    }

    /**
     * @return every completed upload, in the order each object's first upload completed (a later upload of an
     *     object replaces its size and MD5)
     */
    public List<UploadedObject> uploadedObjects() {
        List<UploadedObject> out = new ArrayList<>();
        synchronized (uploadDigests) {
            uploadDigests.forEach((id, digest) -> {
                int colon = digest.indexOf(':');
                out.add(new UploadedObject(id, Long.parseLong(digest.substring(0, colon)),
                        digest.substring(colon + 1)));
            });
        }
        return out;
    }

    /**
     * @param objectId the id of a file, proxy or keyframe record
     * @return the id of the storage that record is on, or null when unknown
     */
    public String storageOf(String objectId) {
        for (String t : List.of(FILES, PROXIES, KEYFRAMES)) {
            ObjectNode row = table(t).get(objectId);
            if (row != null) {
                return Json.text(row, "storage_id");
            }
        }
        return null;
    }

    /**
     * @param discard whether uploaded bytes are only measured (size and MD5) and then dropped, for uploads of
     *                gigabytes
     */
    public void discardUploads(boolean discard) {
        this.discardUploads = discard;
    }

    /** @return whether uploaded bytes are dropped after measuring */
    public boolean discardsUploads() {
        return discardUploads;
    }

    private static String md5Hex(Path file) throws IOException {
        try (var in = new java.security.DigestInputStream(Files.newInputStream(file),
                java.security.MessageDigest.getInstance("MD5"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return java.util.HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String md5Hex(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The bytes uploaded for an object.
     *
     * @param objectId its id
     * @return a copy of the bytes, if any were uploaded
     */
    public Optional<byte[]> upload(String objectId) {
        byte[] b = uploaded.get(objectId);
        if (b != null) {
            return Optional.of(b.clone());
        }
        Path file = uploadedFiles.get(objectId);
        if (file == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded bytes of " + objectId, e);
        }
    }

    /**
     * @param objectId an object's id
     * @return the file holding its uploaded bytes, if they were streamed to disk
     */
    public Optional<Path> uploadFile(String objectId) {
        return Optional.ofNullable(uploadedFiles.get(objectId));
    }

    /**
     * Sets how long a new asset or collection stays out of search results, as iconik's indexing delay.
     *
     * @param millis the delay in milliseconds (0 for none)
     */
    public void searchDelay(long millis) {
        this.searchDelayMillis = millis;
    }

    /**
     * Records that an object was just created, for the search delay.
     *
     * @param id its id
     */
    public void indexed(String id) {
        if (searchDelayMillis > 0) {
            searchableFrom.put(id, System.currentTimeMillis() + searchDelayMillis);
        }
    }

    /**
     * @param id an object id
     * @return whether search finds it yet
     */
    public boolean searchable(String id) {
        Long from = searchableFrom.get(id);
        if (from == null) {
            return true;
        }
        if (System.currentTimeMillis() >= from) {
            searchableFrom.remove(id);
            return true;
        }
        return false;
    }

    /** @return whether this store persists to a folder */
    public boolean persistent() {
        return stateDir != null;
    }

    /** @return a deep copy of every table, as one JSON object */
    public ObjectNode dump() {
        ObjectNode root = Json.object();
        tables.forEach((name, rows) -> {
            ObjectNode t = root.putObject(name);
            rows.forEachUnchanged((k, v) -> t.set(k, v.deepCopy()));
        });
        return root;
    }

    /**
     * Replaces every table with the content of a dump; uploaded bytes are forgotten.
     *
     * @param root what {@link #dump()} gave
     */
    public void restore(JsonNode root) {
        uploaded.clear();
        uploadDigests.clear();
        uploadedFiles.clear();
        for (String name : TABLES) {
            LinkedHashMap<String, ObjectNode> rows = table(name);
            rows.clear();
            JsonNode t = root.get(name);
            if (t != null) {
                t.properties().forEach(e -> rows.put(e.getKey(), (ObjectNode) e.getValue().deepCopy()));
            }
        }
    }

    /** Writes the state to the state folder (no-op in memory). */
    public void save() {
        if (stateDir == null) {
            return;
        }
        ObjectNode root = dump();
        try {
            Files.createDirectories(stateDir);
            writeAtomically(stateDir.resolve("state.json"), Json.MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the fake's state to " + stateDir, e);
        }
    }

    /**
     * Reads the state back from a state folder, if it holds one.
     *
     * @return whether a saved state was found
     * @throws UncheckedIOException when the saved state cannot be read (naming the file)
     */
    public boolean load() {
        if (stateDir == null) {
            return false;
        }
        Path file = stateDir.resolve("state.json");
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            JsonNode root = Json.MAPPER.readTree(file.toFile());
            restore(root);
            Path dir = stateDir.resolve("uploads");
            if (Files.isDirectory(dir)) {
                try (var files = Files.list(dir)) {
                    for (Path p : (Iterable<Path>) files::iterator) {
                        String id = p.getFileName().toString();
                        if (Files.isRegularFile(p) && SAFE_ID.matcher(id).matches()) {
                            uploadedFiles.put(id, p);
                            uploadDigests.put(id, Files.size(p) + ":" + md5Hex(p));
                        }
                    }
                }
            }
            return true;
        } catch (IOException | ClassCastException e) {
            throw new UncheckedIOException("cannot read the fake's saved state " + file + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
