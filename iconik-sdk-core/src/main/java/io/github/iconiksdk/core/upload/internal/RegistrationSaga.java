// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload.internal;

import io.github.iconiksdk.api.NotFoundException;
import io.github.iconiksdk.api.metadata.FieldValue;
import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.scan.ScanEvent;
import io.github.iconiksdk.api.scan.ChangeType;
import io.github.iconiksdk.api.upload.AssetGroup;
import io.github.iconiksdk.api.upload.Registration;
import io.github.iconiksdk.api.upload.RegistrationOutcome;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.MetadataWriteMode;
import io.github.iconiksdk.core.client.OutcomeUnknownException;
import io.github.iconiksdk.core.client.model.Asset;
import io.github.iconiksdk.core.client.model.AssetCreate;
import io.github.iconiksdk.core.client.model.AssetFile;
import io.github.iconiksdk.core.client.model.AssetType;
import io.github.iconiksdk.core.client.model.AssetUpdate;
import io.github.iconiksdk.core.client.model.FileCreate;
import io.github.iconiksdk.core.client.model.FileSet;
import io.github.iconiksdk.core.client.model.FileSetCreate;
import io.github.iconiksdk.core.client.model.FileRecordStatus;
import io.github.iconiksdk.core.client.model.FileType;
import io.github.iconiksdk.core.client.model.FileUpdate;
import io.github.iconiksdk.core.client.model.Format;
import io.github.iconiksdk.core.client.model.FormatCreate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Registers scanned files in iconik exactly once: asset → ORIGINAL format → file set → file record (OPEN, then
 * CLOSED) → external id → sidecar metadata → collection. Each step is journalled before it starts and after it
 * ends, so a crash or a lost answer at any point is resolved on the next call by looking up what iconik holds
 * (the asset by its idempotency key through search; format, file set and file record on the asset) before anything
 * is created again.
 *
 * <p>The idempotency key is a random UUID prefixed {@code iconik-sdk:}, chosen and journalled before the asset is
 * created and sent as its {@code external_id}. When the storage has {@code filename_is_external_id}, the external id
 * is changed to the file name only after the file record exists, when the journal already holds the asset's id, so
 * the key is never needed again for that file.
 */
public final class RegistrationSaga {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationSaga.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Prefix of every idempotency key, so that this gateway's keys are recognisable in iconik. */
    public static final String KEY_PREFIX = "iconik-sdk:";

    /**
     * Prefix of the journal key of a file in a directory asset, followed by the group's journal path: the file's
     * asset, format and file set are the group's, and only its file record is its own. Never sent to iconik.
     */
    static final String MEMBER_KEY_PREFIX = "iconik-sdk-member:";

    /**
     * What the storage's access group may do with the assets this gateway creates: read and write [I] (iconik's
     * documentation says only that setup asks which group gets access).
     */
    static final String ACCESS_GROUP_PERMISSIONS = "{\"permissions\":[\"read\",\"write\"]}";

    /** Test seam: called before each step starts; throwing simulates a crash at that point. */
    @FunctionalInterface
    public interface StepHook {
        /** A hook that does nothing. */
        StepHook NONE = (step, path) -> { };

        /**
         * @param step the step about to start
         * @param path the file concerned
         */
        void beforeStep(Step step, String path);
    }

    private final IconikClient client;
    private final String storageId;
    private final Supplier<StorageRules> rules;
    private final RegistrationJournal journal;
    private final CollectionMapper collections;
    private final StepHook hook;
    private final Retry searchSettle;
    /** Idempotency keys whose asset a full settle-time search found absent after a lost creation, none sent since. */
    private final java.util.Set<String> absentKeys = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * @param client           the iconik client
     * @param storageId        the File storage the files are on
     * @param rules            the storage's current registration rules (polled settings)
     * @param journal          the journal
     * @param hook             a step hook for tests, or {@link StepHook#NONE}
     * @param searchSettleTime how long to keep looking for an asset whose creation answer was lost (iconik's
     *                         search index is refreshed asynchronously [I]; about a second is typical)
     */
    public RegistrationSaga(IconikClient client, String storageId, Supplier<StorageRules> rules,
                            RegistrationJournal journal, StepHook hook, Duration searchSettleTime) {
        this.client = Objects.requireNonNull(client, "client");
        this.storageId = Objects.requireNonNull(storageId, "storageId");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.collections = new CollectionMapper(client, storageId, journal);
        this.hook = Objects.requireNonNull(hook, "hook");
        this.searchSettle = searchSettle(Objects.requireNonNull(searchSettleTime, "searchSettleTime"));
    }

    /**
     * The Resilience4j retry that looks for an asset by its idempotency key again while iconik's search index
     * settles: an empty answer is tried again after a quarter of the settle time (at most 250 ms), then after waits
     * that double, until they add up to the settle time; then the last (empty) answer stands. Doubling waits ask
     * about 5 times in 3 s where even ones asked 13 times: in the faults benchmark (5 % 5xx, 4 % resets) these
     * lookups were 44 % of all requests. Exceptions are never retried here: the client's own retry has dealt with
     * them.
     *
     * @param settle how long to keep looking
     * @return the retry
     */
    static Retry searchSettle(Duration settle) {
        long first = Math.min(250, Math.max(1, settle.toMillis() / 4));
        int attempts = 1;
        for (long waited = 0, next = first; waited < settle.toMillis() && attempts < 64; next *= 2) {
            waited += next;
            attempts++;
        }
        RetryConfig config = RetryConfig.<String>custom().maxAttempts(attempts)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(first, 2)).retryOnResult(Objects::isNull)
                .retryOnException(e -> false).failAfterMaxAttempts(false).build();
        return Retry.of("iconik-search-settle", config);
    }

    /**
     * Applies one change event; see {@link io.github.iconiksdk.api.upload.AssetUploader#register}.
     *
     * @param event    a change event
     * @param metadata sidecar values, possibly empty
     * @return what iconik now holds for the file
     */
    public Registration apply(ScanEvent.Change event, MetadataValues metadata) {
        Objects.requireNonNull(event, "event");
        StorageRules r = rules.get();
        return switch (event.type()) {
            case NEW, MODIFIED -> newOrModified(event, metadata, r);
            case MOVED -> moved(event, metadata, r);
            case REMOVED -> removed(event.path(), r);
        };
    }

    /** @return the paths whose registration was started and not finished (to resume after a restart) */
    public List<String> unfinishedPaths() {
        return journal.unfinished().stream().map(JournalEntry::path).toList();
    }

    /**
     * Finishes an unfinished registration with the size, time and checksum the journal recorded for it.
     *
     * @param path     the file's path
     * @param metadata sidecar values, possibly empty
     * @return the registration, or empty when the journal has no unfinished entry for the path
     */
    public Optional<Registration> resume(String path, MetadataValues metadata) {
        if (AssetGroup.isGroupPath(path)) {
            return Optional.empty(); // a directory asset is finished by registering its group again
        }
        Optional<JournalEntry> entry = journal.find(path).filter(e -> e.step() != Step.DONE);
        return entry.map(e -> runSaga(e, null, metadata, rules.get()));
    }

    /**
     * Registers a directory asset; see {@link io.github.iconiksdk.api.upload.AssetUploader#registerGroup}. The group
     * is journalled under its path with a content tag (every file's path, size and time) in place of a checksum, so
     * its renditions are wanted again when a file is added or changed.
     *
     * @param group    the group
     * @param metadata values for the metadata view, possibly empty
     * @return the group's registration
     */
    public Registration applyGroup(AssetGroup group, MetadataValues metadata) {
        StorageRules r = rules.get();
        String path = group.path();
        long size = 0;
        long mtime = 0;
        for (ScanEvent.Change f : group.files()) {
            size += f.size();
            mtime = Math.max(mtime, f.modified().toEpochMilli());
        }
        String tag = contentTag(group);
        Optional<JournalEntry> existing = journal.find(path);
        boolean wasDone = existing.filter(e -> e.step() == Step.DONE).isPresent();
        JournalEntry entry = existing.orElseGet(() -> new JournalEntry(path, KEY_PREFIX + UUID.randomUUID(), null,
                null, null, null, Step.KEY_CHOSEN, false, false, 0, 0, null, null));
        boolean changed = existing.isPresent() && !tag.equals(entry.checksum());
        boolean newVersion = wasDone && changed && r.autoVersioning() && entry.createdAsset()
                && !r.autoVersionIgnore().matches(group.key(), false);
        if (newVersion) {
            // Auto-versioning: the changed clip or sequence becomes a new version of its asset, with its own
            // ORIGINAL format and a file set holding every file again (member() re-points each file to it).
            hook.beforeStep(Step.VERSION, path);
            String previous = currentVersion(entry.assetId());
            JournalEntry reset = new JournalEntry(path, entry.key(), entry.assetId(), null, null, null, Step.ASSET,
                    false, true, size, mtime, tag, entry.metadataHash());
            journal.startVersion(reset, new VersionRow(path, previous, null, false, false));
            entry = reset;
            wasDone = false;
        } else if (existing.isEmpty() || changed) {
            journal.save(entry = entry.withContent(size, mtime, tag));
        }
        boolean versioned = newVersion || journal.version(path).filter(v -> !v.done()).isPresent();
        if (!wasDone) {
            runSaga(entry, group, metadata, r);
            if (versioned && entry.assetId() != null) {
                client.updateAsset(entry.assetId(), new AssetUpdate(group.title(), null, null, null, null));
            }
        } else {
            if (changed) {
                client.updateAsset(entry.assetId(), new AssetUpdate(group.title(), null, null, null, null));
            }
            changed |= applyMetadata(entry, metadata, r);
        }
        entry = journal.find(path).orElseThrow();
        for (ScanEvent.Change f : group.files()) {
            changed |= member(entry, f);
        }
        RegistrationOutcome outcome = !wasDone && !versioned ? RegistrationOutcome.CREATED
                : changed || !wasDone ? RegistrationOutcome.UPDATED : RegistrationOutcome.ALREADY_REGISTERED;
        return new Registration(path, outcome, entry.assetId(), entry.formatId(), entry.fileSetId(), null);
    }

    /** Every file's path, size and time, and the title: what the group's renditions are made of. */
    private static String contentTag(AssetGroup group) {
        StringBuilder b = new StringBuilder(group.title()).append('\u0000');
        for (ScanEvent.Change f : group.files()) {
            b.append(f.path()).append('\u0000').append(f.size()).append('\u0000')
                    .append(f.modified().toEpochMilli()).append('\u0000');
        }
        try {
            return "group:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(b.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * One file of a registered group: its record in the group's file set, made once; updated in place when its
     * content changed. A file registered as an asset of its own (before the group existed) stays so [I].
     *
     * @return whether anything was written
     */
    private boolean member(JournalEntry group, ScanEvent.Change f) {
        String memberKey = MEMBER_KEY_PREFIX + group.path();
        long mtime = f.modified().toEpochMilli();
        String md5 = f.md5().orElse(null);
        Optional<JournalEntry> found = journal.find(f.path());
        if (found.isPresent() && !found.get().key().equals(memberKey)) {
            LOG.debug("{} is registered as an asset of its own; it stays out of directory asset {}", f.path(),
                    group.path());
            return false;
        }
        if (found.isEmpty()) {
            JournalEntry m = new JournalEntry(f.path(), memberKey, group.assetId(), group.formatId(),
                    group.fileSetId(), null, Step.FILE_SET, false, false, f.size(), mtime, md5, null);
            journal.save(m);
            memberSaga(m, false);
            return true;
        }
        JournalEntry m = found.get();
        if (!Objects.equals(m.fileSetId(), group.fileSetId())) {
            // The group's file set is a new one (a new version of its asset): the file gets a record in it; the
            // old version keeps the old record. Looked up first, so a crash after the record was made finds it.
            JournalEntry repointed = new JournalEntry(f.path(), memberKey, group.assetId(), group.formatId(),
                    group.fileSetId(), null, Step.FILE_SET, false, false, f.size(), mtime,
                    md5 != null ? md5 : m.checksum(), null);
            journal.save(repointed);
            memberSaga(repointed, true);
            return true;
        }
        boolean same = m.size() == f.size() && m.modifiedMs() == mtime && (md5 == null || md5.equals(m.checksum()));
        String checksum = md5 != null ? md5 : m.checksum();
        if (m.step() == Step.DONE) {
            if (same) {
                return false;
            }
            client.updateFile(m.assetId(), m.fileId(), new FileUpdate(FileRecordStatus.CLOSED, f.size(),
                    checksum, null, null, null, f.modified()));
            journal.save(m.withContent(f.size(), mtime, checksum));
            return true;
        }
        if (!same) {
            journal.save(m = m.withContent(f.size(), mtime, checksum));
        }
        memberSaga(m, true);
        return true;
    }

    /**
     * A group member's own steps: its file record (created CLOSED in the group's file set; looked up first after a
     * crash), then done. The group's asset-level steps (metadata, collection, access) are the group's.
     */
    private void memberSaga(JournalEntry start, boolean lookFirst) {
        JournalEntry entry = start;
        String path = entry.path();
        String name = fileName(path);
        String dir = directory(path);
        boolean closedOnCreate = false;
        if (entry.step() == Step.FILE_SET) {
            hook.beforeStep(Step.FILE, path);
            JournalEntry e0 = entry;
            boolean[] made = new boolean[1];
            String fileId = lookupOrCreate(lookFirst, entry,
                    () -> findFile(e0.assetId(), dir, name, e0.fileSetId()),
                    () -> {
                        made[0] = true;
                        return client.createFile(e0.assetId(), new FileCreate(name, dir, FileType.FILE, name,
                                e0.size(), e0.checksum(), FileRecordStatus.CLOSED, storageId, e0.fileSetId(),
                                e0.formatId(), null, null, Instant.ofEpochMilli(e0.modifiedMs()))).id();
                    });
            journal.save(entry = entry.withFile(fileId).completed(Step.FILE));
            closedOnCreate = made[0];
        }
        if (entry.step() == Step.FILE) {
            hook.beforeStep(Step.CLOSED, path);
            if (!closedOnCreate) {
                client.updateFile(entry.assetId(), entry.fileId(), new FileUpdate(FileRecordStatus.CLOSED,
                        entry.size(), entry.checksum(), null, null, null, null));
            }
            journal.save(entry = entry.completed(Step.CLOSED));
        }
        if (entry.step() != Step.DONE) {
            hook.beforeStep(Step.DONE, path);
            journal.save(entry.completed(Step.DONE));
        }
    }

    /**
     * Writes a registered file's sidecar values again (its sidecar changed while the file did not).
     *
     * @param path     the media file's path
     * @param metadata the sidecar values now
     * @return the registration ({@code UPDATED} when values were written), or empty when the file is not (fully)
     *         registered, in which case its registration will apply the values
     */
    public Optional<Registration> reapplyMetadata(String path, MetadataValues metadata) {
        Optional<JournalEntry> done = journal.find(path).filter(e -> e.step() == Step.DONE);
        return done.map(e -> registration(journal.find(path).orElse(e), applyMetadata(e, metadata, rules.get())
                ? RegistrationOutcome.UPDATED : RegistrationOutcome.ALREADY_REGISTERED));
    }

    private Registration newOrModified(ScanEvent.Change e, MetadataValues md, StorageRules r) {
        long mtime = e.modified().toEpochMilli();
        String md5 = e.md5().orElse(null);
        Optional<JournalEntry> existing = journal.find(e.path());
        if (existing.isEmpty()) {
            Optional<JournalEntry> older = r.autoVersioning() && !r.autoVersionIgnore().matches(e.path(), false)
                    ? olderVersion(e.path(), r) : Optional.empty();
            if (older.isPresent()) {
                return nextVersionOf(older.get(), e.path(), e.size(), mtime, md5, md, r);
            }
            JournalEntry entry = new JournalEntry(e.path(), KEY_PREFIX + UUID.randomUUID(), null, null, null, null,
                    Step.KEY_CHOSEN, false, false, e.size(), mtime, md5, null);
            journal.save(entry);
            return runSaga(entry, null, md, r);
        }
        JournalEntry entry = existing.get();
        boolean sameContent = entry.size() == e.size() && entry.modifiedMs() == mtime
                && Objects.equals(entry.checksum(), md5);
        if (entry.step() != Step.DONE) {
            if (!sameContent) {
                entry = entry.withContent(e.size(), mtime, md5);
                journal.save(entry);
            }
            return runSaga(entry, null, md, r);
        }
        if (!sameContent && r.autoVersioning() && entry.createdAsset()
                && !r.autoVersionIgnore().matches(e.path(), false)) {
            return newVersion(entry, e.size(), mtime, md5, md, r);
        }
        RegistrationOutcome outcome = RegistrationOutcome.ALREADY_REGISTERED;
        if (!sameContent) {
            client.updateFile(entry.assetId(), entry.fileId(), new FileUpdate(FileRecordStatus.CLOSED, e.size(),
                    md5, null, null, null, e.modified()));
            entry = entry.withContent(e.size(), mtime, md5);
            journal.save(entry);
            outcome = RegistrationOutcome.UPDATED;
        }
        if (applyMetadata(entry, md, r)) {
            outcome = RegistrationOutcome.UPDATED;
        }
        return registration(journal.find(e.path()).orElse(entry), outcome);
    }

    /**
     * Auto-versioning: the registered file's new content becomes a new version of its asset, with its own ORIGINAL
     * format, file set and file record; the old version keeps its own. The journal entry goes back to
     * {@link Step#ASSET} (with the versioning row, in one transaction) and the saga runs on from there.
     */
    private Registration newVersion(JournalEntry done, long size, long mtime, String md5, MetadataValues md,
                                    StorageRules r) {
        hook.beforeStep(Step.VERSION, done.path());
        String previous = currentVersion(done.assetId());
        JournalEntry reset = new JournalEntry(done.path(), done.key(), done.assetId(), null, null, null, Step.ASSET,
                false, true, size, mtime, md5, done.metadataHash());
        journal.startVersion(reset, new VersionRow(done.path(), previous, null, false, false));
        Registration reg = runSaga(reset, null, md, r);
        return new Registration(reg.path(), RegistrationOutcome.UPDATED, reg.assetId(), reg.formatId(),
                reg.fileSetId(), reg.fileId());
    }

    /**
     * {@code asset_versions_suffix}: the registered file a NEW file's name makes it the next version of
     * ({@link VersionSuffix#predecessors}), nearest first: one registered completely, as an asset this gateway made
     * (not aggregated, not a file of a directory asset), like a MODIFIED file must be to be versioned.
     */
    private Optional<JournalEntry> olderVersion(String path, StorageRules r) {
        for (String candidate : r.versionSuffix().predecessors(path)) {
            Optional<JournalEntry> found = journal.find(candidate).filter(o -> o.step() == Step.DONE
                    && o.createdAsset() && o.assetId() != null && o.key().startsWith(KEY_PREFIX));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * A NEW file named as the next version of a registered one ({@code clip_v2.mov} after {@code clip.mov}) becomes
     * a new version of that file's asset, with its own ORIGINAL format, file set and file record; the older file
     * keeps its entry and its version. The new file's journal entry (its own key: the asset is known, so the key is
     * never searched for) starts at {@link Step#ASSET} with the versioning row, in one transaction.
     */
    private Registration nextVersionOf(JournalEntry older, String path, long size, long mtime, String md5,
                                       MetadataValues md, StorageRules r) {
        hook.beforeStep(Step.VERSION, path);
        String previous = currentVersion(older.assetId());
        JournalEntry start = new JournalEntry(path, KEY_PREFIX + UUID.randomUUID(), older.assetId(), null, null, null,
                Step.ASSET, false, true, size, mtime, md5, older.metadataHash());
        journal.startVersion(start, new VersionRow(path, previous, null, false, false));
        LOG.debug("{} is the next version of {} (asset {})", path, older.path(), older.assetId());
        Registration reg = runSaga(start, null, md, r);
        return new Registration(reg.path(), RegistrationOutcome.UPDATED, reg.assetId(), reg.formatId(),
                reg.fileSetId(), reg.fileId());
    }

    /**
     * The asset's current version: the one with the highest {@code version_number}, else the last listed (iconik
     * lists versions oldest first [I]), or {@code null} when the asset lists none.
     */
    private String currentVersion(String assetId) {
        JsonNode asset = readJson(client.send("GET", "/API/assets/v1/assets/" + assetId + "/", null));
        return newest(asset.path("versions"));
    }

    private static String newest(JsonNode versions) {
        String id = null;
        long best = Long.MIN_VALUE;
        for (JsonNode v : versions) {
            long n = v.path("version_number").asLong(Long.MIN_VALUE + 1);
            if (n >= best && v.hasNonNull("id")) {
                best = n;
                id = v.path("id").asText();
            }
        }
        return id;
    }

    private static JsonNode readJson(String text) {
        try {
            return text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("iconik answered with invalid JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Makes the new asset version exactly once: a lookup first when it may have been asked for already (a version
     * newer than the previous one is ours: only this gateway versions this file's asset [I]), else journalled as
     * started and asked for ({@code copy_metadata}: the asset's metadata carries over [I]); a lost answer is resolved
     * by the same lookup.
     */
    private String makeVersion(String assetId, VersionRow v) {
        if (v.started()) {
            String now = currentVersion(assetId);
            if (now != null && !now.equals(v.previousVersionId())) {
                return now;
            }
        }
        journal.saveVersion(v.asStarted());
        try {
            JsonNode out = readJson(client.send("POST", "/API/assets/v1/assets/" + assetId + "/versions/",
                    "{\"copy_metadata\":true}"));
            String made = newest(out.path("versions"));
            if (made == null || made.equals(v.previousVersionId())) {
                made = currentVersion(assetId);
            }
            if (made == null || made.equals(v.previousVersionId())) {
                throw new IllegalStateException("iconik made no new version of asset " + assetId);
            }
            return made;
        } catch (OutcomeUnknownException lost) {
            String now = currentVersion(assetId);
            if (now != null && !now.equals(v.previousVersionId())) {
                return now;
            }
            throw lost;
        }
    }

    private Registration runSaga(JournalEntry start, AssetGroup group, MetadataValues md, StorageRules r) {
        JournalEntry entry = start;
        String path = entry.path();
        if (entry.key().startsWith(MEMBER_KEY_PREFIX)) {
            // A file of a directory asset: only its record is its own; it makes no renditions of its own.
            memberSaga(entry, true);
            return registration(journal.find(path).orElse(entry), RegistrationOutcome.AGGREGATED);
        }
        if (AssetGroup.isGroupPath(path) && group == null) {
            throw new IllegalStateException("directory asset " + path + " is finished by registering its group");
        }
        String name = group != null ? group.title() : fileName(path);
        String dir = group != null ? group.baseDir() : directory(path);
        boolean aggregated = false;
        boolean fresh = false; // the asset was created by this call, so nothing can exist on it yet
        VersionRow version = journal.version(path).filter(v -> !v.done()).orElse(null);
        if (version != null && entry.assetId() != null && version.versionId() == null) {
            hook.beforeStep(Step.VERSION, path);
            journal.saveVersion(version = version.withVersion(makeVersion(entry.assetId(), version)));
        }
        String versionId = version == null ? null : version.versionId();
        if (entry.step() == Step.KEY_CHOSEN) {
            hook.beforeStep(Step.ASSET, path);
            // A key found absent after a lost creation, with no creation sent since, needs no second lookup.
            String assetId = entry.pending() && !absentKeys.contains(entry.key()) ? findByKey(entry.key()) : null;
            boolean created = assetId != null;
            if (assetId == null && group == null && r.aggregateIdenticalFiles() && entry.checksum() != null
                    && !r.aggregateIgnore().matches(path, false)) {
                assetId = identicalContentAsset(entry.checksum()).orElse(null);
                aggregated = assetId != null;
            }
            if (assetId == null) {
                absentKeys.remove(entry.key()); // a creation goes out: absence is no longer known
                journal.save(entry = entry.started());
                String title = group != null || r.titleIncludesExtension() ? name : stripExtension(name);
                AssetCreate create = new AssetCreate(title, entry.key(), AssetType.ASSET, null, null, null, null);
                try {
                    assetId = client.createAsset(create).id();
                    fresh = true;
                } catch (OutcomeUnknownException lost) {
                    LOG.debug("asset creation for {} has an unknown outcome; looking it up by its key", path);
                    assetId = findByKey(entry.key());
                    if (assetId == null) {
                        // Searched for the whole settle time: iconik did not apply it. The next attempt creates
                        // at once instead of searching again (in this process; after a restart it looks first).
                        absentKeys.add(entry.key());
                        throw lost;
                    }
                }
                created = true;
            }
            journal.save(entry = entry.withAsset(assetId, created).completed(Step.ASSET));
        }
        String assetId = entry.assetId();
        boolean lookFirst = !fresh;
        if (entry.step() == Step.ASSET) {
            hook.beforeStep(Step.FORMAT, path);
            String formatId = lookupOrCreate(lookFirst, entry,
                    () -> versionId == null ? client.findFormat(assetId, "ORIGINAL").map(Format::id)
                            : findVersionFormat(assetId, versionId),
                    () -> {
                        FormatCreate f = new FormatCreate("ORIGINAL", List.of("FILE"), null, null, versionId, null);
                        return client.createFormat(assetId, f).id();
                    });
            journal.save(entry = entry.withFormat(formatId).completed(Step.FORMAT));
        }
        String formatId = entry.formatId();
        if (entry.step() == Step.FORMAT) {
            hook.beforeStep(Step.FILE_SET, path);
            String fileSetId = lookupOrCreate(lookFirst, entry,
                    () -> findFileSet(assetId, formatId, dir, name),
                    () -> {
                        FileSetCreate fs = new FileSetCreate(name, formatId, dir, List.of(), storageId, versionId,
                                null, null);
                        return client.createFileSet(assetId, fs).id();
                    });
            journal.save(entry = entry.withFileSet(fileSetId).completed(Step.FILE_SET));
        }
        if (group != null && entry.step() == Step.FILE_SET) {
            journal.save(entry = entry.completed(Step.CLOSED)); // the group's files have their own entries
        }
        boolean closedOnCreate = false;
        if (entry.step() == Step.FILE_SET) {
            hook.beforeStep(Step.FILE, path);
            JournalEntry e0 = entry;
            // A record made here is made CLOSED at once, with its size and checksum: a new file costs four
            // requests (asset, format, file set, file), not five. One found by the lookup (a lost answer, an
            // older gateway) may still be OPEN, so the next step closes it as before. [I]: iconik accepts status
            // CLOSED on creation (its file model allows every status there; the ISG's own order is not documented).
            boolean[] made = new boolean[1];
            String fileId = lookupOrCreate(lookFirst, entry,
                    () -> findFile(assetId, dir, name, versionId == null ? null : e0.fileSetId()),
                    () -> {
                        made[0] = true;
                        return client.createFile(assetId, new FileCreate(name, dir, FileType.FILE, name, e0.size(),
                                e0.checksum(), FileRecordStatus.CLOSED, storageId, e0.fileSetId(), formatId, null,
                                null, Instant.ofEpochMilli(e0.modifiedMs()))).id();
                    });
            journal.save(entry = entry.withFile(fileId).completed(Step.FILE));
            closedOnCreate = made[0];
        }
        if (entry.step() == Step.FILE) {
            hook.beforeStep(Step.CLOSED, path);
            if (!closedOnCreate) { // after a restart the record's state is not known: closing again is harmless
                client.updateFile(assetId, entry.fileId(), new FileUpdate(FileRecordStatus.CLOSED, entry.size(),
                        entry.checksum(), null, null, null, null));
            }
            journal.save(entry = entry.completed(Step.CLOSED));
        }
        if (entry.step() == Step.CLOSED) {
            hook.beforeStep(Step.EXTERNAL_ID, path);
            // A new version keeps the asset's external id (a version's file may be named clip_v2.mov).
            if (r.filenameIsExternalId() && entry.createdAsset() && version == null) {
                client.updateAsset(assetId, new AssetUpdate(null, name, null, null, null));
            }
            journal.save(entry = entry.completed(Step.EXTERNAL_ID));
        }
        if (entry.step() == Step.EXTERNAL_ID) {
            hook.beforeStep(Step.METADATA, path);
            applyMetadata(entry, md, r);
            entry = journal.find(path).orElse(entry);
            journal.save(entry = entry.completed(Step.METADATA));
        }
        if (entry.step() == Step.METADATA) {
            hook.beforeStep(Step.COLLECTION, path);
            if (r.collectionMapping() && version == null) {
                client.addToCollection(collections.collectionFor(dir), assetId, "assets");
            }
            journal.save(entry = entry.completed(Step.COLLECTION));
        }
        if (entry.step() == Step.COLLECTION) {
            hook.beforeStep(Step.ACCESS, path);
            if (r.accessGroupId() != null && entry.createdAsset() && version == null) {
                // PUT is idempotent: a repeat after a lost answer sets the same ACL again.
                client.send("PUT", "/API/acls/v1/groups/" + r.accessGroupId() + "/acl/assets/" + assetId + "/",
                        ACCESS_GROUP_PERMISSIONS);
            }
            journal.save(entry = entry.completed(Step.ACCESS));
        }
        if (entry.step() == Step.ACCESS) {
            hook.beforeStep(Step.DONE, path);
            journal.save(entry = entry.completed(Step.DONE));
            if (version != null) {
                journal.saveVersion(version.asDone());
            }
        }
        RegistrationOutcome outcome = aggregated || !entry.createdAsset() ? RegistrationOutcome.AGGREGATED
                : RegistrationOutcome.CREATED;
        return registration(entry, outcome);
    }

    /**
     * Looks up first unless the parent was just created; otherwise creates, marking the step started in the journal
     * first. A lost answer is resolved by the lookup; if that finds nothing the error propagates and the journal
     * keeps the step started, so the next attempt looks up again.
     */
    private String lookupOrCreate(boolean lookFirst, JournalEntry entry, Supplier<Optional<String>> lookup,
                                  Supplier<String> create) {
        if (lookFirst || entry.pending()) {
            Optional<String> found = lookup.get();
            if (found.isPresent()) {
                return found.get();
            }
        }
        journal.save(entry.started());
        try {
            return create.get();
        } catch (OutcomeUnknownException lost) {
            return lookup.get().orElseThrow(() -> lost);
        }
    }

    /**
     * Finds the asset made with an idempotency key, waiting up to the search settle time for iconik's index
     * ({@link #searchSettle(Duration)}). When
     * several assets carry the key (a creation retried while search lagged), the oldest is kept and the others,
     * which only this gateway can have made, are deleted.
     */
    private String findByKey(String key) {
        return searchSettle.executeSupplier(() -> {
            List<Asset> found = client.findAssetsByExternalId(key).stream()
                    .filter(a -> key.equals(a.externalId())).sorted(Comparator.comparing(Asset::dateCreated,
                            Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(Asset::id)).toList();
            if (found.isEmpty()) {
                return null;
            }
            found.stream().skip(1).forEach(dup -> {
                LOG.warn("asset {} duplicates asset {} (same idempotency key); deleting the duplicate",
                        dup.id(), found.get(0).id());
                delete("/API/assets/v1/assets/" + dup.id() + "/");
            });
            return found.get(0).id();
        });
    }

    private Optional<String> identicalContentAsset(String checksum) {
        for (AssetFile f : client.filesByChecksum(checksum)) {
            if (storageId.equals(f.storageId()) && f.assetId() != null) {
                return Optional.of(f.assetId());
            }
        }
        return Optional.empty();
    }

    private Optional<String> findFileSet(String assetId, String formatId, String dir, String name) {
        for (FileSet fs : client.listFileSets(assetId)) {
            if (storageId.equals(fs.storageId()) && formatId.equals(fs.formatId()) && dir.equals(nullToEmpty(fs.baseDir()))
                    && name.equals(fs.name())) {
                return Optional.of(fs.id());
            }
        }
        return Optional.empty();
    }

    /** The ORIGINAL format of one asset version. */
    private Optional<String> findVersionFormat(String assetId, String versionId) {
        for (Format f : client.listFormats(assetId)) {
            if ("ORIGINAL".equals(f.name()) && versionId.equals(f.versionId())) {
                return Optional.of(f.id());
            }
        }
        return Optional.empty();
    }

    /** The file record at dir/name on this storage; in the given file set only when one is given (a version's). */
    private Optional<String> findFile(String assetId, String dir, String name, String fileSetId) {
        for (AssetFile f : client.listFiles(assetId)) {
            if (storageId.equals(f.storageId()) && dir.equals(nullToEmpty(f.directoryPath()))
                    && name.equals(f.originalName()) && (fileSetId == null || fileSetId.equals(f.fileSetId()))) {
                return Optional.of(f.id());
            }
        }
        return Optional.empty();
    }

    /** Writes sidecar values when the storage has a view and they differ from what was applied; true if written. */
    private boolean applyMetadata(JournalEntry entry, MetadataValues md, StorageRules r) {
        if (r.metadataViewId() == null || md.isEmpty()) {
            return false;
        }
        String hash = hash(md);
        if (hash.equals(entry.metadataHash())) {
            return false;
        }
        client.putMetadataValues(entry.assetId(), r.metadataViewId(), md, MetadataWriteMode.OVERWRITE);
        journal.save(entry.withMetadataHash(hash));
        return true;
    }

    private Registration moved(ScanEvent.Change e, MetadataValues md, StorageRules r) {
        Optional<JournalEntry> source = journal.find(e.movedFrom().orElseThrow());
        if (source.isEmpty()) {
            return newOrModified(ScanEvent.Change.of(ChangeType.NEW, e.path(), e.size(), e.modified(),
                    e.md5().orElse(null)), md, r);
        }
        JournalEntry entry = source.get();
        String name = fileName(e.path());
        String from = e.movedFrom().get();
        String oldDir = directory(from);
        String newDir = directory(e.path());
        // Every request below sets an end state or tolerates a repeat: a crash before the journal moves the entry
        // makes the scanner deliver the MOVED again, and the same requests are made again.
        if (entry.fileId() != null) {
            client.updateFile(entry.assetId(), entry.fileId(), new FileUpdate(null, null, null, name, name, newDir,
                    null));
        }
        if (entry.fileSetId() != null) {
            // The file set follows its one file: base_dir is writable through PATCH (iconik's FileSetSchema) [I]:
            // the ISG's own handling of a move is not documented.
            client.send("PATCH", "/API/files/v1/assets/" + entry.assetId() + "/file_sets/" + entry.fileSetId()
                    + "/", fileSetPlace(newDir, name));
        }
        if (r.collectionMapping() && !oldDir.equals(newDir) && entry.step().compareTo(Step.METADATA) > 0) {
            // The asset went into its old folder's collection (Step.COLLECTION done): now it belongs to the new one.
            client.addToCollection(collections.collectionFor(newDir), entry.assetId(), "assets");
            leaveCollection(entry, oldDir);
        }
        entry = journal.move(entry, e.path());
        if (entry.step() != Step.DONE) {
            return runSaga(entry, null, md, r);
        }
        applyMetadata(entry, md, r);
        return registration(journal.find(e.path()).orElse(entry), RegistrationOutcome.MOVED);
    }

    private static String fileSetPlace(String dir, String name) {
        com.fasterxml.jackson.databind.node.ObjectNode body = JSON.createObjectNode();
        body.put("base_dir", dir);
        body.put("name", name);
        return body.toString();
    }

    /**
     * Takes a moved file's asset out of its old folder's collection, unless another of the asset's files on this
     * storage is still in that folder (an aggregated asset has one file per identical copy). Already out is fine.
     */
    private void leaveCollection(JournalEntry entry, String oldDir) {
        Optional<String> oldCollection = journal.collection(oldDir);
        if (oldCollection.isEmpty()) {
            return; // never mapped by this gateway: nothing of ours to take it out of
        }
        for (AssetFile f : client.listFiles(entry.assetId())) {
            if (storageId.equals(f.storageId()) && !f.id().equals(entry.fileId())
                    && oldDir.equals(nullToEmpty(f.directoryPath())) && !FileRecordStatus.DELETED.equals(f.status())) {
                return;
            }
        }
        delete("/API/assets/v1/collections/" + oldCollection.get() + "/contents/assets/" + entry.assetId() + "/");
    }

    private Registration removed(String path, StorageRules r) {
        Optional<JournalEntry> found = journal.find(path);
        if (found.isEmpty()) {
            return new Registration(path, RegistrationOutcome.REMOVED, null, null, null, null);
        }
        JournalEntry entry = found.get();
        boolean versioning = journal.version(path).filter(v -> !v.done()).isPresent();
        if (entry.step() != Step.DONE && entry.createdAsset() && entry.assetId() != null && !versioning) {
            // Never finished: remove what this gateway made, so nothing half-made is left behind. (A new version
            // never finished is not the whole asset: only its file record goes, below; the asset's older versions
            // stay.)
            delete("/API/assets/v1/assets/" + entry.assetId() + "/");
        } else if (entry.step() == Step.KEY_CHOSEN && entry.pending()) {
            Optional.ofNullable(findByKey(entry.key())).ifPresent(id -> delete("/API/assets/v1/assets/" + id + "/"));
        } else if (entry.fileId() != null) {
            if (r.deleteAllowed()) {
                delete("/API/files/v1/assets/" + entry.assetId() + "/files/" + entry.fileId() + "/");
            } else {
                client.updateFile(entry.assetId(), entry.fileId(),
                        new FileUpdate(FileRecordStatus.MISSING, null, null, null, null, null, null));
            }
        }
        journal.delete(path);
        journal.forgetUploads(path);
        return registration(entry, RegistrationOutcome.REMOVED);
    }

    private void delete(String path) {
        try {
            client.send("DELETE", path, null);
        } catch (NotFoundException alreadyGone) {
            LOG.debug("{} was already gone", path);
        }
    }

    private static Registration registration(JournalEntry e, RegistrationOutcome outcome) {
        return new Registration(e.path(), outcome, e.assetId(), e.formatId(), e.fileSetId(), e.fileId());
    }

    static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    static String directory(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** A stable hash of a metadata tree (field order and values), to skip writing unchanged values again. */
    static String hash(MetadataValues md) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, List<FieldValue>> f : md.fields().entrySet()) {
                sha.update(f.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                for (FieldValue v : f.getValue()) {
                    sha.update(v.value().getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) 1);
                    sha.update(String.valueOf(v.score()).getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) 2);
                }
                sha.update((byte) 3);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
