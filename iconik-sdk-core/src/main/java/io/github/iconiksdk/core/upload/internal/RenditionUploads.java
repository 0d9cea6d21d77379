// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload.internal;

import io.github.iconiksdk.api.IconikClientException;
import io.github.iconiksdk.api.NotFoundException;
import io.github.iconiksdk.api.Progress;
import io.github.iconiksdk.api.ProgressListener;
import io.github.iconiksdk.api.transcode.Rendition;
import io.github.iconiksdk.api.transcode.RenditionKind;
import io.github.iconiksdk.api.transcode.TranscodeResult;
import io.github.iconiksdk.api.upload.Registration;
import io.github.iconiksdk.api.upload.UploadResult;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.OutcomeUnknownException;
import io.github.iconiksdk.core.client.model.AssetFile;
import io.github.iconiksdk.core.client.model.FileCreate;
import io.github.iconiksdk.core.client.model.FileSet;
import io.github.iconiksdk.core.client.model.FileSetCreate;
import io.github.iconiksdk.core.client.model.FileRecordStatus;
import io.github.iconiksdk.core.client.model.FileType;
import io.github.iconiksdk.core.client.model.FileUpdate;
import io.github.iconiksdk.core.client.model.Keyframe;
import io.github.iconiksdk.core.client.model.KeyframeCreate;
import io.github.iconiksdk.core.client.model.KeyframeType;
import io.github.iconiksdk.core.client.model.KeyframeUpdate;
import io.github.iconiksdk.core.client.model.ProxyResource;
import io.github.iconiksdk.core.client.model.ProxyCreate;
import io.github.iconiksdk.core.client.model.ProxyUpdate;
import io.github.iconiksdk.core.client.model.Resolution;
import io.github.iconiksdk.core.client.model.Storage;
import io.github.iconiksdk.core.client.model.StoragePurpose;
import io.github.iconiksdk.core.upload.internal.RenditionRow.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Uploads what belongs to a registered file besides its registration: the renditions a transcoder made (a proxy
 * record, {@code KEYFRAME} / {@code KEYFRAME_MAP} / {@code POSTER} keyframe records, each with its bytes, then
 * CLOSED) and, where the storage says so, a copy of the original on iconik's cloud storage for files (file set and
 * file record on that storage, chunked resumable upload, CLOSED with size and checksum).
 *
 * <p>Exactly once, like registration: each object has a journal row ({@link RenditionRow}) saved before its
 * creation is sent (PENDING), after it (CREATED, with the upload URL), after each confirmed chunk, after the upload
 * (UPLOADED) and after closing (CLOSED). A PENDING row met again means the answer to the creation was lost: the
 * asset's proxies, keyframes or files are looked up first. A found proxy or keyframe comes without an upload URL
 * (iconik gives one only at creation), so it is deleted and made again; a found file record is adopted and its URL
 * refreshed. Rows carry the content of the source they were made from: when a MODIFIED file's renditions are
 * uploaded, the objects made for the old content are deleted in iconik, so they are replaced, not duplicated.
 */
public final class RenditionUploads {

    private static final Logger LOG = LoggerFactory.getLogger(RenditionUploads.class);

    /** Work kind: the file's renditions. */
    public static final String RENDITIONS = "RENDITIONS";
    /** Work kind: the original's copy on cloud storage. */
    public static final String ORIGINAL = "ORIGINAL";
    private static final String ORIGINAL_SET = "ORIGINAL_SET";

    /** Test seam: called before each object step; throwing simulates a crash there. */
    @FunctionalInterface
    public interface UploadHook {
        /** A hook that does nothing. */
        UploadHook NONE = (slot, state, path) -> { };

        /**
         * @param slot  the object's slot
         * @param state the state it is about to leave
         * @param path  the source file
         */
        void before(String slot, State state, String path);
    }

    private final IconikClient client;
    private final RegistrationJournal journal;
    private final UrlUpload urls;
    private final PartRunner parts;
    private final UploadHook hook;
    private final Map<String, Optional<Storage>> storages = new ConcurrentHashMap<>();

    /**
     * @param client  the iconik client
     * @param journal the journal (schema v2)
     * @param urls    the byte transfer to upload URLs
     * @param hook    a hook for tests, or {@link UploadHook#NONE}
     */
    public RenditionUploads(IconikClient client, RegistrationJournal journal, UrlUpload urls, UploadHook hook) {
        this(client, journal, urls, new PartRunner(1, 1), hook);
    }

    /**
     * @param client  the iconik client
     * @param journal the journal (schema v3)
     * @param urls    the byte transfer to upload URLs
     * @param parts   sends the parts of an original in parallel (per file, and across files)
     * @param hook    a hook for tests, or {@link UploadHook#NONE}
     */
    public RenditionUploads(IconikClient client, RegistrationJournal journal, UrlUpload urls, PartRunner parts,
                            UploadHook hook) {
        this.client = Objects.requireNonNull(client, "client");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.urls = Objects.requireNonNull(urls, "urls");
        this.parts = Objects.requireNonNull(parts, "parts");
        this.hook = Objects.requireNonNull(hook, "hook");
    }

    /**
     * The content a file's uploads are for: its MD5 as registered, or its size and time.
     *
     * @param path the file's path
     * @return the tag
     * @throws IllegalStateException if the file's registration is not complete
     */
    public String tag(String path) {
        JournalEntry e = journal.find(path).filter(x -> x.step() == Step.DONE).orElseThrow(() ->
                new IllegalStateException(path + " is not registered (or its registration is unfinished)"));
        return e.checksum() != null ? "md5:" + e.checksum() : "size:" + e.size() + ":" + e.modifiedMs();
    }

    /**
     * Records that a piece of work is wanted for the file's current content.
     *
     * @param path the file
     * @param work {@link #RENDITIONS} or {@link #ORIGINAL}
     * @return false when it is already done (or given up) for this content
     */
    public boolean want(String path, String work) {
        String tag = tag(path);
        Optional<String[]> w = journal.work(path, work);
        if (w.isPresent() && w.get()[0].equals(tag) && !w.get()[1].equals("WANTED")) {
            return false;
        }
        journal.saveWork(path, work, tag, "WANTED");
        return true;
    }

    /**
     * @param work the kind of work
     * @return the files whose work is wanted and not done, in path order
     */
    public List<String> wanted(String work) {
        return journal.pathsWithWork(work, "WANTED");
    }

    /**
     * Records the work as given up for the file's current content (a transcode that failed): not tried again until
     * the file changes.
     *
     * @param path the file
     * @param work the kind of work
     */
    public void giveUp(String path, String work) {
        journal.saveWork(path, work, tag(path), "FAILED");
    }

    // ---- renditions -----------------------------------------------------------------------------------------

    /**
     * Uploads and closes every rendition; see the class comment.
     *
     * @param reg      the file's registration
     * @param result   what the transcoder made
     * @param progress receives bytes sent
     * @return one result per rendition
     */
    public List<UploadResult> uploadRenditions(Registration reg, TranscodeResult result, ProgressListener progress) {
        String path = reg.path();
        String assetId = Objects.requireNonNull(reg.assetId(), "registration has no asset");
        String tag = tag(path);
        Map<String, Rendition> wanted = slots(result);
        for (RenditionRow old : journal.renditions(path)) {
            if (!old.slot().startsWith(ORIGINAL) && (!old.tag().equals(tag) || !wanted.containsKey(old.slot()))) {
                deleteObject(assetId, old);
                journal.deleteRendition(path, old.slot());
            }
        }
        List<UploadResult> out = new ArrayList<>();
        for (Map.Entry<String, Rendition> w : wanted.entrySet()) {
            out.add(uploadRendition(path, assetId, tag, w.getKey(), w.getValue(), progress));
        }
        journal.saveWork(path, RENDITIONS, tag, "DONE");
        return out;
    }

    private UploadResult uploadRendition(String path, String assetId, String tag, String slot, Rendition r,
                                         ProgressListener progress) {
        RenditionRow row = journal.rendition(path, slot).filter(x -> x.tag().equals(tag))
                .orElse(new RenditionRow(path, slot, tag, null, State.PENDING, null, null, 0, null));
        long size = size(r.file());
        if (row.state() == State.CLOSED) {
            return new UploadResult(assetId, r.kind(), row.objectId(), size, false);
        }
        boolean resumed = row.state() != State.PENDING || journal.rendition(path, slot).isPresent();
        for (int round = 1; ; round++) {
            if (row.state() == State.PENDING) {
                row = createRendition(row, assetId, r, size);
            }
            if (row.state() == State.CREATED) {
                hook.before(slot, State.CREATED, path);
                try {
                    row = upload(row, r.file(), md5(r.file()), progress, "upload " + slot.toLowerCase(Locale.ROOT)
                            + " of " + path);
                } catch (UrlGoneException gone) {
                    if (round >= 3) {
                        throw gone;
                    }
                    LOG.debug("upload URL of {} of {} refused ({}); making the record again", slot, path,
                            gone.getMessage());
                    deleteObject(assetId, row);
                    journal.saveRendition(row = new RenditionRow(path, slot, tag, null, State.PENDING, null, null,
                            0, null));
                    continue;
                }
            }
            if (row.state() == State.UPLOADED) {
                hook.before(slot, State.UPLOADED, path);
                if (isProxy(slot)) {
                    client.updateProxy(assetId, row.objectId(), new ProxyUpdate(FileRecordStatus.CLOSED, size, null));
                } else {
                    client.updateKeyframe(assetId, row.objectId(), new KeyframeUpdate(FileRecordStatus.CLOSED, size));
                }
                journal.saveRendition(row = row.with(State.CLOSED));
            }
            return new UploadResult(assetId, r.kind(), row.objectId(), size, resumed);
        }
    }

    private RenditionRow createRendition(RenditionRow row, String assetId, Rendition r, long size) {
        String name = recordName(row.slot());
        boolean seenBefore = journal.rendition(row.path(), row.slot()).isPresent();
        if (seenBefore) {
            // A creation whose answer was lost (or a record whose upload URL expired): none of ours may remain.
            removeLeftovers(assetId, row.slot(), name);
        }
        hook.before(row.slot(), State.PENDING, row.path());
        journal.saveRendition(row);
        for (int attempt = 1; ; attempt++) {
            try {
                String[] made = isProxy(row.slot()) ? createProxy(assetId, name, r, size)
                        : createKeyframe(assetId, name, r, size);
                RenditionRow created = row.created(made[0], made[1]);
                journal.saveRendition(created);
                return created;
            } catch (OutcomeUnknownException lost) {
                LOG.debug("creation of {} for {} has an unknown outcome; looking it up", row.slot(), row.path());
                removeLeftovers(assetId, row.slot(), name);
                if (attempt >= 3) {
                    throw lost;
                }
            }
        }
    }

    private String[] createProxy(String assetId, String name, Rendition r, long size) {
        String[] formatCodec = switch (r.mimeType()) {
            case "video/mp4" -> new String[] {"MP4", "h264"};
            case "audio/mp4" -> new String[] {"M4A", "aac"};
            case "image/jpeg" -> new String[] {"JPEG", "mjpeg"};
            default -> new String[] {r.mimeType(), null};
        };
        ProxyResource p = client.createProxy(assetId, new ProxyCreate(storage(StoragePurpose.PROXIES).orElse(null),
                name, r.file().getFileName().toString(), formatCodec[0], formatCodec[1], null, null, resolution(r),
                size, FileRecordStatus.OPEN, null));
        return new String[] {p.id(), requireUrl(p.uploadUrl(), "proxy " + p.id())};
    }

    private String[] createKeyframe(String assetId, String name, Rendition r, long size) {
        KeyframeType type = switch (r.kind()) {
            case KEYFRAME_MAP -> KeyframeType.KEYFRAME_MAP;
            case POSTER -> KeyframeType.POSTER;
            default -> KeyframeType.KEYFRAME;
        };
        Keyframe k = client.createKeyframe(assetId, new KeyframeCreate(type, storage(StoragePurpose.KEYFRAMES)
                .orElse(null), r.file().getFileName().toString(), name, resolution(r), size, FileRecordStatus.OPEN,
                null, null, null));
        return new String[] {k.id(), requireUrl(k.uploadUrl(), "keyframe " + k.id())};
    }

    /** @return the rendition's picture size, or null when it has none (audio) */
    private static Resolution resolution(Rendition r) {
        return r.width() > 0 && r.height() > 0 ? new Resolution(r.width(), r.height()) : null;
    }

    private static String requireUrl(String url, String what) {
        if (url == null || url.isBlank()) {
            throw new IconikClientException("iconik made " + what + " without an upload URL; is a default cloud"
                    + " storage set for it?", null, false);
        }
        return url;
    }

    /** Deletes every proxy or keyframe of the asset carrying this slot's record name (ours, half made). */
    private void removeLeftovers(String assetId, String slot, String name) {
        if (isProxy(slot)) {
            for (ProxyResource p : client.listProxies(assetId)) {
                if (name.equals(p.name())) {
                    delete("/API/files/v1/assets/" + assetId + "/proxies/" + p.id() + "/");
                }
            }
        } else {
            for (Keyframe k : client.listKeyframes(assetId)) {
                if (name.equals(k.name())) {
                    delete("/API/files/v1/assets/" + assetId + "/keyframes/" + k.id() + "/");
                }
            }
        }
    }

    private void deleteObject(String assetId, RenditionRow row) {
        if (row.objectId() == null) {
            removeLeftovers(assetId, row.slot(), recordName(row.slot()));
            return;
        }
        delete("/API/files/v1/assets/" + assetId + (isProxy(row.slot()) ? "/proxies/" : "/keyframes/")
                + row.objectId() + "/");
    }

    private static boolean isProxy(String slot) {
        return slot.equals(RenditionKind.PROXY.name()) || slot.equals(RenditionKind.IMAGE_PROXY.name());
    }

    /** The name a rendition's record gets: what the lookup after a lost answer searches for. */
    static String recordName(String slot) {
        return "iconik-sdk " + slot.toLowerCase(Locale.ROOT);
    }

    /** Slots in a stable order: kind, then position among renditions of that kind. */
    static Map<String, Rendition> slots(TranscodeResult result) {
        Map<RenditionKind, Integer> counts = new EnumMap<>(RenditionKind.class);
        result.renditions().forEach(r -> counts.merge(r.kind(), 1, Integer::sum));
        Map<RenditionKind, Integer> seen = new EnumMap<>(RenditionKind.class);
        Map<String, Rendition> out = new java.util.LinkedHashMap<>();
        for (Rendition r : result.renditions()) {
            int i = seen.merge(r.kind(), 1, Integer::sum) - 1;
            String slot = counts.get(r.kind()) > 1 || r.kind() == RenditionKind.KEYFRAME
                    ? r.kind().name() + "/" + String.format("%04d", i) : r.kind().name();
            out.put(slot, r);
        }
        return out;
    }

    // ---- originals ------------------------------------------------------------------------------------------

    /**
     * Uploads the original to iconik's cloud storage for files; see the class comment.
     *
     * @param reg      the file's registration
     * @param file     the file on disk
     * @param progress receives bytes sent
     * @return the result
     * @throws IconikClientException if iconik's storage for files has a method originals cannot be sent to (FTP,
     *                               SFTP, HTTP, ...: the message names the storage and its method), or the upload
     *                               fails beyond its retries
     */
    public UploadResult uploadOriginal(Registration reg, Path file, ProgressListener progress) {
        String path = reg.path();
        String assetId = Objects.requireNonNull(reg.assetId(), "registration has no asset");
        JournalEntry entry = journal.find(path).orElseThrow();
        String tag = tag(path);
        String storageId = storage(StoragePurpose.FILES).orElseThrow(() -> new IconikClientException(
                "iconik names no storage for files (no default FILES storage)", null, false));
        String method = filesMethod();
        String name = RegistrationSaga.fileName(path);
        String dir = RegistrationSaga.directory(path);
        long size = size(file);
        String md5 = entry.checksum() != null ? entry.checksum() : md5(file);

        Optional<RenditionRow> existing = journal.rendition(path, ORIGINAL);
        if (existing.isPresent() && existing.get().tag().equals(tag) && existing.get().state() == State.CLOSED) {
            return new UploadResult(assetId, null, existing.get().objectId(), size, false);
        }
        if (existing.isPresent() && !existing.get().tag().equals(tag)) {
            // The file changed since its copy was made: the old copy goes, a new one is made.
            if (existing.get().objectId() != null) {
                delete("/API/files/v1/assets/" + assetId + "/files/" + existing.get().objectId() + "/");
            }
            journal.deleteRendition(path, ORIGINAL);
            existing = Optional.empty();
        }
        // A file of a directory asset is copied into ONE file set of its group on the FILES storage, named and based
        // like the group's own (its title, its card root or folder); each file keeps its own folder and name.
        boolean member = entry.key().startsWith(RegistrationSaga.MEMBER_KEY_PREFIX);
        String setOwner = member ? entry.key().substring(RegistrationSaga.MEMBER_KEY_PREFIX.length()) : path;
        Supplier<String[]> setNameAndDir = member ? () -> groupSetNameAndDir(assetId, entry.fileSetId(), setOwner)
                : () -> new String[] {name, dir};
        String fileSetId = originalFileSet(setOwner, assetId, reg.formatId(), storageId, setNameAndDir);
        RenditionRow row = existing.orElse(new RenditionRow(path, ORIGINAL, tag, null, State.PENDING, null, null, 0,
                null));
        boolean resumed = existing.isPresent();
        AssetFile created = null;
        if (row.state() == State.PENDING) {
            hook.before(ORIGINAL, State.PENDING, path);
            Optional<AssetFile> found = existing.isPresent() ? findCopy(assetId, storageId, fileSetId, dir, name)
                    : Optional.empty();
            if (found.isEmpty()) {
                journal.saveRendition(row);
                try {
                    found = Optional.of(client.createFile(assetId, new FileCreate(name, dir, FileType.FILE, name,
                            size, md5, FileRecordStatus.OPEN, storageId, fileSetId, reg.formatId(), null, null,
                            null)));
                } catch (OutcomeUnknownException lost) {
                    found = Optional.of(findCopy(assetId, storageId, fileSetId, dir, name).orElseThrow(() -> lost));
                }
            }
            AssetFile f = found.get();
            if (f.uploadUrl() == null || f.uploadUrl().isBlank()) {
                f = client.refreshUploadUrl(assetId, f.id());
            }
            created = f;
            String url = f.uploadUrl();
            journal.saveRendition(row = row.created(f.id(), requireUrl(url, "file " + f.id())));
        }
        if (row.state() == State.CREATED) {
            for (int round = 1; ; round++) {
                hook.before(ORIGINAL, State.CREATED, path);
                try {
                    row = uploadOriginalBytes(row, assetId, file, size, md5, progress, "upload original " + path,
                            round > 1 ? null : created, method);
                    break;
                } catch (UrlGoneException gone) {
                    if (round >= 3) {
                        throw gone;
                    }
                    // A fresh record brings fresh URLs; the journalled session and its confirmed parts stay.
                    RenditionRow now = journal.rendition(path, ORIGINAL).orElse(row);
                    String url = client.refreshUploadUrl(assetId, now.objectId()).uploadUrl();
                    journal.saveRendition(row = new RenditionRow(now.path(), now.slot(), now.tag(), now.objectId(),
                            State.CREATED, requireUrl(url, "file " + now.objectId()), now.sessionUrl(),
                            now.confirmed(), now.contentMd5()));
                }
            }
        }
        if (row.state() == State.UPLOADED) {
            hook.before(ORIGINAL, State.UPLOADED, path);
            client.updateFile(assetId, row.objectId(), new FileUpdate(FileRecordStatus.CLOSED, size, md5, null,
                    null, null, null));
            journal.saveRendition(row = row.with(State.CLOSED));
        }
        journal.saveWork(path, ORIGINAL, tag, "DONE");
        return new UploadResult(assetId, null, row.objectId(), size, resumed);
    }

    /**
     * The file set the copies go to on the FILES storage, made once per owner (a file, or a directory asset's group
     * path: its files' uploads share it, so creation is one at a time in this process [I: two gateways of a fleet
     * uploading files of one group at once could each make one]).
     */
    private synchronized String originalFileSet(String owner, String assetId, String formatId, String storageId,
                                                Supplier<String[]> nameAndDir) {
        Optional<RenditionRow> set = journal.rendition(owner, ORIGINAL_SET).filter(r -> r.objectId() != null);
        if (set.isPresent()) {
            return set.get().objectId();
        }
        String[] nd = nameAndDir.get();
        String name = nd[0];
        String dir = nd[1];
        Supplier<Optional<String>> lookup = () -> {
            for (FileSet fs : client.listFileSets(assetId)) {
                if (storageId.equals(fs.storageId()) && Objects.equals(formatId, fs.formatId())
                        && name.equals(fs.name()) && dir.equals(fs.baseDir() == null ? "" : fs.baseDir())) {
                    return Optional.of(fs.id());
                }
            }
            return Optional.empty();
        };
        Optional<String> found = journal.rendition(owner, ORIGINAL_SET).isPresent() ? lookup.get()
                : Optional.empty();
        String id;
        if (found.isPresent()) {
            id = found.get();
        } else {
            journal.saveRendition(new RenditionRow(owner, ORIGINAL_SET, "-", null, State.PENDING, null, null, 0,
                    null));
            try {
                id = client.createFileSet(assetId, new FileSetCreate(name, formatId, dir, List.of(), storageId,
                        null, null, null)).id();
            } catch (OutcomeUnknownException lost) {
                id = lookup.get().orElseThrow(() -> lost);
            }
        }
        journal.saveRendition(new RenditionRow(owner, ORIGINAL_SET, "-", id, State.CLOSED, null, null, 0, null));
        return id;
    }

    /** A directory asset's own file set's name and base folder (on the gateway's storage), by its id. */
    private String[] groupSetNameAndDir(String assetId, String localFileSetId, String groupPath) {
        for (FileSet fs : client.listFileSets(assetId)) {
            if (fs.id().equals(localFileSetId)) {
                return new String[] {fs.name(), fs.baseDir() == null ? "" : fs.baseDir()};
            }
        }
        throw new IllegalStateException("the file set " + localFileSetId + " of directory asset " + groupPath
                + " is gone from asset " + assetId);
    }

    /** The copy of the file at dir/name in the file set (a directory asset's set holds several). */
    private Optional<AssetFile> findCopy(String assetId, String storageId, String fileSetId, String dir, String name) {
        for (AssetFile f : client.listFiles(assetId)) {
            if (storageId.equals(f.storageId()) && fileSetId.equals(f.fileSetId()) && name.equals(f.name())
                    && dir.equals(f.directoryPath() == null ? "" : f.directoryPath())) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * Sends an original's bytes in the protocol of the FILES storage's method (GCS parts and compose, S3
     * multipart, B2 large file, Azure blocks; see each {@link OriginalUploader}), resuming from the journalled
     * session and parts; UPLOADED after.
     */
    private RenditionRow uploadOriginalBytes(RenditionRow row, String assetId, Path file, long size, String md5,
                                             ProgressListener progress, String task, AssetFile known,
                                             String method) {
        AssetFile record = known != null && known.id().equals(row.objectId()) ? known
                : client.refreshUploadUrl(assetId, row.objectId());
        OriginalUploader uploader = switch (method) {
            case "S3" -> new S3MultipartUpload();
            case "B2" -> new B2LargeFileUpload();
            case "AZURE" -> new AzureBlockUpload();
            case "GCS" -> new GcsParallelUpload(urls);
            default -> throw new IllegalStateException("no uploader for storage method " + method);
        };
        long partSize = switch (method) {
            case "S3" -> Math.max(urls.chunkSize(), S3MultipartUpload.MIN_PART);
            case "B2" -> Math.max(urls.chunkSize(), B2LargeFileUpload.MIN_PART);
            default -> urls.chunkSize();
        };
        OriginalJob job = new OriginalJob(client, urls.transfer(), parts, journal, row, assetId, record, file, size,
                md5, partSize, done -> progress.onProgress(new Progress(task, Math.min(done, size), size,
                        Progress.Unit.BYTES)));
        uploader.upload(job);
        RenditionRow uploaded = job.row().with(State.UPLOADED);
        journal.saveRendition(uploaded);
        return uploaded;
    }

    /**
     * The method of iconik's storage for files, checked: see {@link #uploadMethod(String, String, String)}.
     *
     * @throws IconikClientException if originals cannot be sent to that method
     */
    private String filesMethod() {
        Storage s = storageOf(StoragePurpose.FILES).orElseThrow(() -> new IconikClientException(
                "iconik names no storage for files (no default FILES storage)", null, false));
        return uploadMethod(s.id(), s.name(), s.method() == null ? null : s.method().name());
    }

    /** The storage methods whose upload URLs an original can be sent to (each has its {@link OriginalUploader}). */
    static final List<String> UPLOAD_METHODS = List.of("GCS", "S3", "B2", "AZURE");

    /**
     * The method an original or copy is sent with to a cloud storage: GCS, S3, B2 or AZURE (any case). A storage of
     * no method is taken as GCS, which is what iconik's upload URLs of its own cloud storages speak [I]. Any other
     * method (FTP, SFTP, HTTP, FILE, PORTAL, CUSTOM, or one iconik adds later) is refused before anything is
     * created in iconik: this SDK does not speak those protocols, and sending their URLs a GCS upload would leave
     * an OPEN file record that never gets its bytes.
     *
     * @param storageId the storage's id, for the message
     * @param name      its name, for the message, or null
     * @param method    its method as iconik names it, or null
     * @return the method, upper case
     * @throws IconikClientException (not retryable) naming the storage and its method, if it is not one of
     *                               {@link #UPLOAD_METHODS}
     */
    static String uploadMethod(String storageId, String name, String method) {
        if (method == null || method.isBlank()) {
            return "GCS";
        }
        String m = method.toUpperCase(Locale.ROOT);
        if (!UPLOAD_METHODS.contains(m)) {
            throw new IconikClientException("storage " + storageId + (name == null ? "" : " (" + name + ")")
                    + " has method " + method + ": originals and copies can be uploaded only to storages of method "
                    + String.join(", ", UPLOAD_METHODS) + "; nothing was uploaded", null, false);
        }
        return m;
    }

    // ---- copies out of a gateway's storage -------------------------------------------------------------------

    /**
     * Where a copy of a local file goes (a transfer out of a gateway's storage to a cloud storage).
     *
     * @param key           the journal key of this copy (not a file path: {@code transfer:ID}), under which the
     *                      record's creation and the upload's confirmed parts are kept across crashes
     * @param assetId       the asset
     * @param formatId      the format the copy belongs to
     * @param storageId     the cloud storage
     * @param method        its method ({@code GCS}, {@code S3}, {@code B2}, {@code AZURE})
     * @param directory     the copy's directory on that storage ({@code ""} for the top)
     * @param name          its file name
     * @param fileSetName   the name of its file set
     * @param componentIds  the file set's components
     */
    public record CopyTarget(String key, String assetId, String formatId, String storageId, String method,
                             String directory, String name, String fileSetName, List<String> componentIds) {

        /**
         * Checks the fields.
         *
         * @param key          the journal key
         * @param assetId      the asset
         * @param formatId     the format
         * @param storageId    the cloud storage
         * @param method       its method
         * @param directory    the directory
         * @param name         the file name
         * @param fileSetName  the file set's name
         * @param componentIds the components
         * @throws NullPointerException if a field but formatId is null
         */
        public CopyTarget {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(assetId, "assetId");
            Objects.requireNonNull(storageId, "storageId");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(directory, "directory");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(fileSetName, "fileSetName");
            componentIds = componentIds == null ? List.of() : List.copyOf(componentIds);
        }
    }

    private static final String COPY = "COPY";
    private static final String COPY_SET = "COPY_SET";

    /**
     * Copies a local file to a cloud storage as original uploads go: a file set on that storage (found again, or
     * created), a file record in it (created OPEN with size and MD5; after a crash the one found is adopted), the
     * bytes in the protocol of the storage's method (resuming from the parts journalled under the copy's key),
     * then CLOSED. A CLOSED record of the same size already there is taken as the copy. The journal rows go once
     * the copy is CLOSED.
     *
     * @param to       where the copy goes
     * @param file     the local file
     * @param size     its size
     * @param md5      its MD5 (hex)
     * @param progress receives bytes sent
     * @return the copy's file record, CLOSED
     * @throws IconikClientException if the storage's method is not one copies can be sent to (FTP, SFTP, HTTP,
     *                               ...: the message names the storage and its method), or the upload fails beyond
     *                               its retries
     */
    public AssetFile uploadCopy(CopyTarget to, Path file, long size, String md5, ProgressListener progress) {
        String method = uploadMethod(to.storageId(), null, to.method());
        String key = to.key();
        String tag = "md5:" + md5;
        Optional<RenditionRow> existing = journal.rendition(key, COPY).filter(r -> r.tag().equals(tag));
        String fileSetId = copyFileSet(to);
        Optional<AssetFile> there = findCopy(to.assetId(), to.storageId(), fileSetId, to.directory(), to.name());
        if (there.isPresent() && FileRecordStatus.CLOSED.equals(there.get().status())
                && Objects.equals(there.get().size(), size)
                && (there.get().checksum() == null || md5.equalsIgnoreCase(there.get().checksum()))) {
            forgetCopy(key);
            return there.get();
        }
        RenditionRow row = existing.orElse(new RenditionRow(key, COPY, tag, null, State.PENDING, null, null, 0,
                null));
        AssetFile created = null;
        if (row.state() == State.PENDING) {
            AssetFile f;
            if (there.isPresent()) {
                f = there.get();
            } else {
                journal.saveRendition(row);
                try {
                    f = client.createFile(to.assetId(), new FileCreate(to.name(), to.directory(), FileType.FILE,
                            to.name(), size, md5, FileRecordStatus.OPEN, to.storageId(), fileSetId, to.formatId(),
                            null, null, null));
                } catch (OutcomeUnknownException lost) {
                    f = findCopy(to.assetId(), to.storageId(), fileSetId, to.directory(), to.name())
                            .orElseThrow(() -> lost);
                }
            }
            if (f.uploadUrl() == null || f.uploadUrl().isBlank()) {
                f = client.refreshUploadUrl(to.assetId(), f.id());
            }
            created = f;
            journal.saveRendition(row = row.created(f.id(), requireUrl(f.uploadUrl(), "file " + f.id())));
        }
        if (row.state() == State.CREATED) {
            for (int round = 1; ; round++) {
                try {
                    row = uploadOriginalBytes(row, to.assetId(), file, size, md5, progress, "copy " + to.name()
                            + " to storage " + to.storageId(), round > 1 ? null : created,
                            method);
                    break;
                } catch (UrlGoneException gone) {
                    if (round >= 3) {
                        throw gone;
                    }
                    RenditionRow now = journal.rendition(key, COPY).orElse(row);
                    String url = client.refreshUploadUrl(to.assetId(), now.objectId()).uploadUrl();
                    journal.saveRendition(row = new RenditionRow(now.path(), now.slot(), now.tag(), now.objectId(),
                            State.CREATED, requireUrl(url, "file " + now.objectId()), now.sessionUrl(),
                            now.confirmed(), now.contentMd5()));
                }
            }
        }
        AssetFile closed = client.updateFile(to.assetId(), row.objectId(), new FileUpdate(FileRecordStatus.CLOSED,
                size, md5, null, null, null, null));
        forgetCopy(key);
        return closed;
    }

    private void forgetCopy(String key) {
        journal.clearParts(key, COPY);
        journal.deleteRendition(key, COPY);
        journal.deleteRendition(key, COPY_SET);
    }

    private String copyFileSet(CopyTarget to) {
        Optional<RenditionRow> set = journal.rendition(to.key(), COPY_SET).filter(r -> r.objectId() != null);
        if (set.isPresent()) {
            return set.get().objectId();
        }
        for (FileSet fs : client.listFileSets(to.assetId())) {
            if (to.storageId().equals(fs.storageId()) && Objects.equals(to.formatId(), fs.formatId())
                    && to.fileSetName().equals(fs.name()) && to.directory().equals(fs.baseDir() == null ? ""
                    : fs.baseDir()) && !"DELETED".equals(fs.status())) {
                journal.saveRendition(new RenditionRow(to.key(), COPY_SET, "-", fs.id(), State.CLOSED, null, null,
                        0, null));
                return fs.id();
            }
        }
        String id;
        try {
            id = client.createFileSet(to.assetId(), new FileSetCreate(to.fileSetName(), to.formatId(),
                    to.directory(), to.componentIds(), to.storageId(), null, null, null)).id();
        } catch (OutcomeUnknownException lost) {
            return copyFileSet(to);
        }
        journal.saveRendition(new RenditionRow(to.key(), COPY_SET, "-", id, State.CLOSED, null, null, 0, null));
        return id;
    }

    /** Work kind: iconik's cloud transcode of the uploaded original, asked for. */
    public static final String CLOUD_TRANSCODE = "CLOUD_TRANSCODE";

    /**
     * Asks iconik to transcode the file's original as uploaded to its cloud storage, once per content.
     *
     * @param path the file
     * @return the job id, or empty when already asked (or iconik answered 204)
     * @throws IllegalStateException if the original is not uploaded and CLOSED for the current content
     */
    public Optional<String> requestCloudTranscode(String path) {
        if (journal.find(path).filter(e -> e.key().startsWith(RegistrationSaga.MEMBER_KEY_PREFIX)).isPresent()) {
            // [I] A file of a directory asset is not transcoded on its own (48 frames are not 48 clips); iconik is
            // not asked for the group's transcode either: its cloud transcoder reads one file, not a card or frames.
            return Optional.empty();
        }
        String tag = tag(path);
        Optional<String[]> w = journal.work(path, CLOUD_TRANSCODE);
        if (w.isPresent() && w.get()[0].equals(tag) && w.get()[1].equals("DONE")) {
            return Optional.empty();
        }
        RenditionRow copy = journal.rendition(path, ORIGINAL).filter(r -> r.tag().equals(tag)
                && r.state() == State.CLOSED).orElseThrow(() -> new IllegalStateException("the original of " + path
                + " is not uploaded to iconik's storage for files yet"));
        String assetId = journal.find(path).orElseThrow().assetId();
        String answer = client.send("POST", "/API/files/v1/assets/" + assetId + "/files/" + copy.objectId()
                + "/keyframes/", "{}");
        journal.saveWork(path, CLOUD_TRANSCODE, tag, "DONE");
        if (answer == null || answer.isBlank()) {
            return Optional.empty();
        }
        try {
            com.fasterxml.jackson.databind.JsonNode job = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(answer);
            return Optional.ofNullable(job.path("job_id").asText(null));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    // ---- shared ---------------------------------------------------------------------------------------------

    /** Sends the bytes of a CREATED row: one PUT when small, a resumable session otherwise; UPLOADED after. */
    private RenditionRow upload(RenditionRow row, Path file, String md5, ProgressListener progress, String task) {
        long size = size(file);
        if (row.sessionUrl() != null && !md5.equalsIgnoreCase(String.valueOf(row.contentMd5()))) {
            // Not the bytes the session started with (made again after a crash): start afresh.
            journal.saveRendition(row = row.withoutSession());
        }
        if (row.sessionUrl() == null && size <= urls.chunkSize()) {
            urls.putWhole(row.uploadUrl(), file, md5, done -> progress.onProgress(
                    new Progress(task, done, size, Progress.Unit.BYTES)));
        } else {
            String session = row.sessionUrl();
            if (session == null) {
                session = urls.startSession(row.uploadUrl());
                journal.saveRendition(row = row.session(session, 0, md5));
            }
            RenditionRow r0 = row;
            String s0 = session;
            urls.putChunks(session, file, md5, done -> {
                journal.saveRendition(r0.session(s0, done, md5));
                progress.onProgress(new Progress(task, done, size, Progress.Unit.BYTES));
            });
        }
        RenditionRow uploaded = journal.rendition(row.path(), row.slot()).orElse(row).with(State.UPLOADED);
        journal.saveRendition(uploaded);
        return uploaded;
    }

    private Optional<String> storage(StoragePurpose purpose) {
        return storageOf(purpose).map(Storage::id);
    }

    private Optional<Storage> storageOf(StoragePurpose purpose) {
        return storages.computeIfAbsent(purpose.name(), p -> {
            try {
                return client.matchingStorage(purpose);
            } catch (NotFoundException none) {
                return Optional.empty();
            }
        });
    }

    private void delete(String apiPath) {
        try {
            client.send("DELETE", apiPath, null);
        } catch (NotFoundException alreadyGone) {
            LOG.debug("{} was already gone", apiPath);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new IconikClientException("cannot read " + file + ": " + e.getMessage(), e, false);
        }
    }

    static String md5(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("MD5"))) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // reading feeds the digest
            }
            return java.util.HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new IconikClientException("cannot read " + file + ": " + e.getMessage(), e, false);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }
}
