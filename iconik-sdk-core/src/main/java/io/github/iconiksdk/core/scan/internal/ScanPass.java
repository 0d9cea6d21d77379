// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.scan.internal;

import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.api.Progress;
import io.github.iconiksdk.api.ProgressListener;
import io.github.iconiksdk.api.scan.FileState;
import io.github.iconiksdk.api.scan.FileStatus;
import io.github.iconiksdk.api.scan.ChangeType;
import io.github.iconiksdk.api.scan.ScanListener;
import io.github.iconiksdk.api.scan.ScanStateStore;
import io.github.iconiksdk.api.scan.ScanSummary;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One scan pass: a sorted walk of the tree merged with the store's sorted listing, then the owed events.
 *
 * <ol>
 *   <li>Walk. Each file is compared with its stored state. A new or changed observation is written. A stable
 *   file whose current content is owed to the listener is delivered at once when it cannot be the end of a move
 *   (a known file that changed in place, or any file while the store knows no file at all); a new file is
 *   otherwise kept as {@link FileStatus#PENDING_NEW} until the walk is over. A known file the walk did not find
 *   becomes {@link FileStatus#MISSING}. Files below a folder that could not be read are left as they are.</li>
 *   <li>Moves and removals: each missing file is matched with a pending new one that has its file key, size and
 *   time (or, with no file keys, size, time and checksum): one {@code MOVED}; otherwise {@code REMOVED}.</li>
 *   <li>New files: every stable pending new file is delivered as {@code NEW}.</li>
 * </ol>
 *
 * <p>Nothing is held in memory in proportion to the tree: the store is read a page at a time, and state changes
 * go to the store in batches. Every batch is written only after the listener has had (and flushed) the events it
 * records, so a pass killed at any point reports again, on the next pass, whatever it may not have delivered.
 */
public final class ScanPass implements TreeWalker.Visitor {

    /** Settings of a pass. */
    public static final class Settings {
        final Path root;
        final List<String> scanDirectories;
        final NodeFilter filter;
        final boolean followLinks;
        final long thresholdMillis;
        final boolean checksums;
        final int checksumWindow;
        final int readAhead;
        final int batchSize;
        final ProgressListener progress;
        final Consumer<String> onFolder;

        @Override
        public String toString() {
            return "root " + root + ", scan directories " + scanDirectories + ", growing threshold "
                    + thresholdMillis + " ms, checksums " + checksums + ", follow links " + followLinks;
        }

        /**
         * Creates the settings.
         *
         * @param root            the storage root
         * @param scanDirectories normalised scan directories ({@link ScanDirectories#normalise})
         * @param filter          which nodes are in scope
         * @param followLinks     whether to follow symbolic links
         * @param growingThreshold how long a file must stay unchanged to be stable
         * @param checksums       whether to compute MD5 checksums
         * @param checksumWindow  how many checksums may be computed ahead of delivery
         * @param readAhead       how many folders may be listed ahead of the walk
         * @param batchSize       state changes per transaction
         * @param progress        receives the count of files scanned, a few times a second
         * @param onFolder        told of each folder (relative path) just before it is listed, or {@code null}
         */
        public Settings(Path root, List<String> scanDirectories, NodeFilter filter, boolean followLinks,
                        Duration growingThreshold, boolean checksums, int checksumWindow, int readAhead,
                        int batchSize, ProgressListener progress, Consumer<String> onFolder) {
            this.root = root;
            this.scanDirectories = List.copyOf(scanDirectories);
            this.filter = filter;
            this.followLinks = followLinks;
            this.thresholdMillis = growingThreshold.toMillis();
            this.checksums = checksums;
            this.checksumWindow = checksumWindow;
            this.readAhead = readAhead;
            this.batchSize = batchSize;
            this.progress = progress;
            this.onFolder = onFolder;
        }
    }

    private static final int PAGE = 2000;
    private static final long PROGRESS_EVERY_NANOS = 250_000_000L;

    private final Settings settings;
    private final ScanStateStore store;
    private final ScanListener listener;
    private final ExecutorService listingPool;
    private final long now;
    private final PassCounts counts = new PassCounts();
    private final WriteBatch batch;
    private final Deliverer deliverer;
    /** Paths that could not be read this pass: their stored states, and those below them, are left alone. */
    private final Set<String> unreadable = new HashSet<>();
    /** Partial pass: the folders asked for (true) and the sub-folders their walks left out (false). */
    private final Map<String, Boolean> partialScopes;
    /** Sub-folders the walk of the current scope did not enter: the store's rows below them are left alone. */
    private final Set<String> skipped = new HashSet<>();
    /** The folder whose subtree the merge is in ({@code ""}: the whole store). */
    private String scopePrefix = "";
    /** Whether some new file may turn out to be the end of a move, so that NEW must wait for the walk's end. */
    private final boolean movesPossible;
    /** The store's folder digests, in a full pass over a store that keeps them; {@code null} otherwise. */
    private final FolderDigests digests;
    /** The leaf folder being merged, whose digest may be recorded at its end; {@code null} outside one. */
    private Deliverer.Leaf leaf;

    private List<FileState> page = List.of();
    private int pageIndex;
    private boolean storeExhausted;
    /** The greatest path the merge has dealt with; the next store page starts after it. */
    private String position;
    private long lastProgressNanos = System.nanoTime();

    private ScanPass(Settings settings, ScanStateStore store, ScanListener listener, ExecutorService hashPool,
                     ExecutorService listingPool, Clock clock, boolean partial) {
        this.settings = settings;
        this.partialScopes = partial ? new HashMap<>() : null;
        this.store = store;
        this.listener = listener;
        this.listingPool = listingPool;
        this.now = clock.millis();
        this.batch = new WriteBatch(store, listener, settings.batchSize);
        this.deliverer = new Deliverer(settings.root, listener, batch, hashPool, settings.checksumWindow,
                settings.checksums, settings.followLinks, counts, now);
        this.movesPossible = knowsAnyFile(store);
        this.digests = !partial && store instanceof FolderDigests ? (FolderDigests) store : null;
    }

    /**
     * Runs one pass.
     *
     * @param settings    the pass's settings
     * @param store       the state store
     * @param listener    receives the events
     * @param hashPool    the checksum workers
     * @param listingPool the listing workers, or {@code null} to list in the calling thread
     * @param clock       the clock for the growing-files threshold
     * @return the pass's counts
     * @throws io.github.iconiksdk.api.IconikException if the root cannot be read or the store fails
     */
    public static ScanSummary run(Settings settings, ScanStateStore store, ScanListener listener,
                                  ExecutorService hashPool, ExecutorService listingPool, Clock clock) {
        long started = System.nanoTime();
        ScanPass pass = new ScanPass(settings, store, listener, hashPool, listingPool, clock, false);
        pass.walk();
        pass.movesAndRemovals();
        pass.newFiles();
        pass.reportProgress();
        return pass.counts.toSummary(Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * Runs a partial pass over some folders: each is walked and compared with what the store knows below it, and
     * nothing outside them is looked at or reported (a file elsewhere is never {@code REMOVED} by such a pass).
     * Moves are found between the folders of the pass. A folder that no longer exists is left alone (its parent,
     * when asked for, reports what went).
     *
     * @param settings    the pass's settings (its scan directories and filter still decide what is in scope)
     * @param folders     folders relative to the root, {@code ""} for the root itself
     * @param descend     which sub-folders of a walked folder to enter; the store's rows below the others are left
     *                    alone (a sub-folder that is itself among {@code folders} is walked on its own either way)
     * @param store       the state store
     * @param listener    receives the events
     * @param hashPool    the checksum workers
     * @param listingPool the listing workers, or {@code null} to list in the calling thread
     * @param clock       the clock for the growing-files threshold
     * @return the pass's counts
     * @throws io.github.iconiksdk.api.IconikException if the store fails
     */
    public static ScanSummary runPartial(Settings settings, Collection<String> folders, Predicate<String> descend,
                                         ScanStateStore store, ScanListener listener, ExecutorService hashPool,
                                         ExecutorService listingPool, Clock clock) {
        long started = System.nanoTime();
        ScanPass pass = new ScanPass(settings, store, listener, hashPool, listingPool, clock, true);
        pass.walkPartial(folders, descend);
        pass.movesAndRemovals();
        pass.newFiles();
        pass.reportProgress();
        return pass.counts.toSummary(Duration.ofNanos(System.nanoTime() - started));
    }

    private void walkPartial(Collection<String> folders, Predicate<String> descend) {
        refuseEmptyRoot();
        List<String> inScanDirectories = new ArrayList<>();
        for (String folder : folders) {
            // Within the scan directories only: a folder above them is narrowed to the scan directories it holds.
            for (String dir : settings.scanDirectories) {
                if (PathOrder.inSubtree(folder, dir)) {
                    inScanDirectories.add(folder);
                } else if (PathOrder.inSubtree(dir, folder)) {
                    inScanDirectories.add(dir);
                }
            }
        }
        List<String> scopes = inScanDirectories.stream().distinct().sorted(PathOrder.CODE_POINT).toList();
        Set<String> walked = new HashSet<>(scopes);
        for (String folder : scopes) {
            partialScopes.put(folder, Boolean.TRUE);
        }
        // A sub-folder that is itself one of the pass's folders is walked on its own, not twice.
        Predicate<String> enter = sub -> !walked.contains(sub) && descend.test(sub);
        TreeWalker walker = new TreeWalker(settings.root, settings.scanDirectories, settings.filter,
                settings.followLinks, listingPool, settings.readAhead, settings.onFolder);
        for (String folder : scopes) {
            scopePrefix = folder;
            page = List.of();
            pageIndex = 0;
            storeExhausted = false;
            position = folder.isEmpty() ? null : folder + "/";
            skipped.clear();
            if (walker.walkFolder(folder, enter, this)) {
                while (true) {
                    FileState row = head();
                    if (row == null) {
                        break;
                    }
                    gone(row);
                    pageIndex++;
                }
            }
            for (String sub : skipped) {
                partialScopes.putIfAbsent(sub, Boolean.FALSE);
            }
        }
        skipped.clear();
        scopePrefix = "";
        deliverer.drain();
        batch.commit();
    }

    private boolean rootIsEmpty() {
        try (java.nio.file.DirectoryStream<Path> entries = java.nio.file.Files.newDirectoryStream(settings.root)) {
            return !entries.iterator().hasNext();
        } catch (java.io.IOException | java.nio.file.DirectoryIteratorException e) {
            return false; // the walk reports what is wrong with the root
        }
    }

    private static boolean knowsAnyFile(ScanStateStore store) {
        return !store.listByStatus(FileStatus.DELIVERED, null, 1).isEmpty()
                || !store.listByStatus(FileStatus.PENDING_MODIFIED, null, 1).isEmpty()
                || !store.listByStatus(FileStatus.MISSING, null, 1).isEmpty();
    }

    private void walk() {
        refuseEmptyRoot();
        // A rescan of a store with folder digests expects most leaf folders unchanged: their listings are sorted
        // only if they turn out changed.
        new TreeWalker(settings.root, settings.scanDirectories, settings.filter, settings.followLinks,
                listingPool, settings.readAhead, settings.onFolder, digests != null && movesPossible).walk(this);
        // Everything the store holds after the last walked path was not found.
        while (true) {
            FileState row = head();
            if (row == null) {
                break;
            }
            gone(row);
            pageIndex++;
        }
        deliverer.drain();
        batch.commit();
    }

    private void refuseEmptyRoot() {
        if (movesPossible && rootIsEmpty()) {
            // An unmounted network share usually leaves an empty mount point behind: reporting every known file
            // as removed would make the gateway mark a whole storage missing.
            throw new IconikException("storage root " + settings.root + " is empty but the scan state knows files"
                    + " there: is the storage mounted? (If the files were really all deleted, empty the root's"
                    + " scan state file to start over.)");
        }
    }

    @Override
    public void file(String path, long size, long mtime, String key) {
        counts.files++;
        if ((counts.files & 1023) == 0 && System.nanoTime() - lastProgressNanos > PROGRESS_EVERY_NANOS) {
            reportProgress();
        }
        FileState stored = advanceTo(path);
        FileState state;
        boolean changed;
        if (stored != null && stored.size() == size && stored.modifiedNanos() == mtime
                && java.util.Objects.equals(stored.fileKey(), key)) {
            changed = stored.status() == FileStatus.MISSING;
            state = changed ? stored.withStatus(FileStatus.PENDING_NEW) : stored;
        } else {
            long mtimeMillis = Math.floorDiv(mtime, TimeUnit.MILLISECONDS.toNanos(1));
            // A new time says when the change happened (unless it lies in the future); a change of size alone
            // dates from this observation.
            long unchangedSince = stored == null || stored.modifiedNanos() != mtime ? Math.min(mtimeMillis, now) : now;
            FileStatus status = stored == null || stored.status() == FileStatus.PENDING_NEW
                    || stored.status() == FileStatus.MISSING ? FileStatus.PENDING_NEW : FileStatus.PENDING_MODIFIED;
            state = new FileState(path, size, mtime, key, null, unchangedSince, status);
            changed = true;
        }
        if (state.status() == FileStatus.DELIVERED) {
            return;
        }
        boolean stable = now - state.unchangedSinceMillis() >= settings.thresholdMillis;
        if (!stable) {
            spoilLeaf();
            if (changed) {
                batch.put(state);
            }
            deliverer.growing(path, size, mtime);
            return;
        }
        if (state.status() == FileStatus.PENDING_MODIFIED) {
            // Recorded as delivered once the listener has it; if the pass dies first, the next one sees the
            // same change again.
            deliverer.change(ChangeType.MODIFIED, state, leaf);
        } else if (!movesPossible) {
            deliverer.change(ChangeType.NEW, state, leaf);
        } else {
            spoilLeaf(); // NEW waits for the end of the walk
            if (changed) {
                batch.put(state);
            }
        }
    }

    /**
     * A leaf folder: passed over without reading its rows when the store's digest for it is the listing's (its
     * files are exactly the stored ones, unchanged and delivered); otherwise merged as usual, and its digest is
     * recorded at its end if every file turned out delivered.
     */
    @Override
    public boolean leaf(String folder, byte[] digest, int files) {
        leaf = null;
        if (digests == null) {
            return false;
        }
        String start = folder + "/";
        // The stored rows before the folder, as usual, without reading the folder's own rows.
        while (true) {
            if (pageIndex < page.size()) {
                FileState row = page.get(pageIndex);
                if (PathOrder.compare(row.path(), start) >= 0) {
                    break;
                }
                pageIndex++;
                gone(row);
                continue;
            }
            if (storeExhausted) {
                break;
            }
            List<FileState> before = digests.listBetween(page.isEmpty() ? position
                    : max(position, page.get(page.size() - 1).path()), start, PAGE);
            if (before.isEmpty()) {
                break;
            }
            page = before;
            pageIndex = 0;
        }
        position = max(position, start);
        if (!java.util.Arrays.equals(digest, digests.folderDigest(folder))) {
            leaf = new Deliverer.Leaf(folder, digest);
            return false;
        }
        counts.files += files;
        // Every stored row below the folder is one of its files (the digest says so), and none of its names
        // starts with U+10FFFF (the walker does not offer such folders): the merge goes on after the folder.
        while (pageIndex < page.size() && PathOrder.inSubtree(page.get(pageIndex).path(), folder)) {
            pageIndex++;
        }
        if (pageIndex == page.size()) {
            page = List.of();
            pageIndex = 0;
        }
        position = folder + "/\uDBFF\uDFFF\uDBFF\uDFFF";
        if (System.nanoTime() - lastProgressNanos > PROGRESS_EVERY_NANOS) {
            reportProgress();
        }
        return true;
    }

    @Override
    public void leafEnd(String folder) {
        Deliverer.Leaf done = leaf;
        leaf = null;
        if (done == null || !done.clean) {
            return;
        }
        FileState next = head();
        if (next != null && PathOrder.inSubtree(next.path(), folder)) {
            return; // a stored file below the folder that the walk did not meet: gone, dealt with later
        }
        deliverer.leafDone(done);
    }

    private void spoilLeaf() {
        if (leaf != null) {
            leaf.clean = false;
        }
    }


    @Override
    public void unreadable(String path, String reason) {
        spoilLeaf();
        unreadable.add(path);
        advanceTo(path);
        deliverer.unreadable(path, reason);
    }

    @Override
    public void ignored(String path, boolean directory) {
        counts.ignored++;
    }

    @Override
    public void skipped(String folder) {
        // Rows before the folder are dealt with as usual; those below it are passed over without being read.
        FileState row = advanceTo(folder);
        if (row != null) {
            gone(row); // a file of that name was replaced by the folder
        }
        skipped.add(folder);
        page = List.of();
        pageIndex = 0;
        storeExhausted = false;
        // Greater than every path below the folder except those starting with U+10FFFF U+10FFFF (noncharacters),
        // which the merge still meets and leaves alone.
        position = folder + "/\uDBFF\uDFFF\uDBFF\uDFFF";
    }

    private void reportProgress() {
        lastProgressNanos = System.nanoTime();
        settings.progress.onProgress(new Progress("scan " + settings.root, counts.files, -1, Progress.Unit.FILES));
    }

    /** Deals with every stored path before {@code path} (not found: gone) and returns the state of {@code path}. */
    private FileState advanceTo(String path) {
        FileState found = null;
        while (true) {
            FileState row = head();
            if (row == null) {
                break;
            }
            if (row.path().equals(path)) { // the common case, and a much faster test than the ordering
                pageIndex++;
                found = row;
                break;
            }
            if (PathOrder.compare(row.path(), path) > 0) {
                break;
            }
            pageIndex++;
            gone(row);
        }
        position = path;
        return found;
    }

    private FileState head() {
        if (pageIndex < page.size()) {
            return page.get(pageIndex);
        }
        if (storeExhausted) {
            return null;
        }
        String after = page.isEmpty() ? position : max(position, page.get(page.size() - 1).path());
        page = store.list(after, PAGE);
        pageIndex = 0;
        if (page.size() < PAGE) {
            storeExhausted = true;
        }
        if (page.isEmpty()) {
            return null;
        }
        if (!scopePrefix.isEmpty()) {
            // A partial pass: the rows of the scope end where the subtree ends.
            int end = 0;
            while (end < page.size() && PathOrder.inSubtree(page.get(end).path(), scopePrefix)) {
                end++;
            }
            if (end < page.size()) {
                page = page.subList(0, end);
                storeExhausted = true;
            }
            if (page.isEmpty()) {
                return null;
            }
        }
        return page.get(0);
    }

    private static String max(String a, String b) {
        if (a == null) {
            return b;
        }
        return PathOrder.compare(a, b) >= 0 ? a : b;
    }

    private void gone(FileState row) {
        spoilLeaf();
        if (isUnreadable(row.path()) || (!skipped.isEmpty() && under(row.path(), skipped))) {
            return;
        }
        if (row.status() == FileStatus.PENDING_NEW) {
            batch.delete(row.path()); // never reported: forgotten without an event
        } else if (row.status() != FileStatus.MISSING) {
            batch.put(row.withStatus(FileStatus.MISSING));
        }
    }

    private boolean isUnreadable(String path) {
        return !unreadable.isEmpty() && under(path, unreadable);
    }

    /** Whether the path, or a folder above it, is in the set. */
    private static boolean under(String path, Set<String> folders) {
        if (folders.contains(path)) {
            return true;
        }
        for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
            if (folders.contains(path.substring(0, slash))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the after-walk phases may report on this path: not unreadable, and inside a partial pass's scope. */
    private boolean reportable(String path) {
        if (isUnreadable(path)) {
            return false;
        }
        if (partialScopes == null) {
            return true;
        }
        // The deepest folder of the pass's scopes above the path decides: asked for, or left out of the walk.
        Boolean scope = partialScopes.get(path);
        for (int slash = path.lastIndexOf('/'); scope == null && slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
            scope = partialScopes.get(path.substring(0, slash));
        }
        if (scope == null) {
            scope = partialScopes.get("");
        }
        return scope != null && scope;
    }

    private boolean stable(FileState s) {
        return now - s.unchangedSinceMillis() >= settings.thresholdMillis;
    }

    private void movesAndRemovals() {
        String after = null;
        while (true) {
            List<FileState> missing = store.listByStatus(FileStatus.MISSING, after, PAGE / 4);
            for (FileState gone : missing) {
                after = gone.path();
                if (!reportable(gone.path())) {
                    continue;
                }
                FileState target = moveTarget(gone);
                if (target != null) {
                    deliverer.moved(target, gone);
                } else {
                    deliverer.removed(gone);
                }
            }
            // Written before the next page is read, so that a target taken here is not offered again.
            batch.commit();
            if (missing.size() < PAGE / 4) {
                break;
            }
        }
    }

    private FileState moveTarget(FileState gone) {
        List<FileState> candidates = gone.fileKey() != null
                ? store.findNewByFileKey(gone.fileKey())
                : store.findNewBySizeAndModified(gone.size(), gone.modifiedNanos());
        for (FileState c : candidates) {
            if (c.size() != gone.size() || c.modifiedNanos() != gone.modifiedNanos()
                    || !java.util.Objects.equals(c.fileKey(), gone.fileKey())
                    || !stable(c) || !reportable(c.path()) || batch.touches(c.path())) {
                continue;
            }
            if (gone.fileKey() == null) {
                // Without file keys, equal content is the only evidence.
                if (gone.checksum() == null) {
                    continue;
                }
                String sum = c.checksum() != null ? c.checksum() : deliverer.checksumNow(c);
                if (!gone.checksum().equals(sum)) {
                    continue;
                }
                c = c.withChecksum(sum);
            }
            return c;
        }
        return null;
    }

    private void newFiles() {
        if (!movesPossible) {
            return; // delivered during the walk
        }
        String after = null;
        while (true) {
            List<FileState> pending = store.listByStatus(FileStatus.PENDING_NEW, after, PAGE / 4);
            for (FileState s : pending) {
                after = s.path();
                if (stable(s) && reportable(s.path())) {
                    deliverer.change(ChangeType.NEW, s);
                }
            }
            if (pending.size() < PAGE / 4) {
                break;
            }
        }
        deliverer.drain();
        batch.commit();
    }
}
