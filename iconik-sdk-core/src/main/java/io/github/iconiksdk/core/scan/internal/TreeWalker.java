// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.scan.internal;

import io.github.iconiksdk.api.IconikException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Walks the scan directories of a storage root depth first and reports every file in the order of
 * {@link PathOrder} over whole relative paths, so that the walk can be merged with the state store's sorted
 * listing. Children of a folder are sorted with a folder's name compared as {@code name + "/"}, which is exactly
 * the order of the full paths.
 *
 * <p>Pruned folders are never listed. Symbolic links are skipped unless links are followed; then a link to a
 * folder on the current path is reported as a loop instead of being entered. Listings of the next folders may be
 * read ahead on a pool (a bounded number per folder), which is what makes a scan of a network mount fast.
 *
 * <p>Memory: the listings of the folders on the current path plus the read-ahead window; a folder's listing is
 * held whole (it is sorted), so one folder with millions of entries costs memory in proportion.
 */
public final class TreeWalker {

    /** Receives the walk, in path order, in the walking thread. */
    public interface Visitor {
        /**
         * A regular file in scope.
         *
         * @param relativePath  its path
         * @param size          its size in bytes
         * @param modifiedNanos its modification time, nanoseconds since the epoch
         * @param fileKey       its file key as text ({@link Observation#key}), or {@code null} where there is none
         */
        void file(String relativePath, long size, long modifiedNanos, String fileKey);

        /**
         * A node that could not be read: a folder that could not be listed, or an entry that could not be
         * examined. Nothing below it was walked.
         *
         * @param relativePath its path
         * @param reason       why, for people
         */
        void unreadable(String relativePath, String reason);

        /**
         * A node skipped by the filter (a pruned folder counts once).
         *
         * @param relativePath its path
         * @param directory    whether it is a folder
         */
        void ignored(String relativePath, boolean directory);

        /**
         * A folder in scope that a partial walk did not enter.
         *
         * @param relativePath its path
         */
        default void skipped(String relativePath) {
        }

        /**
         * A leaf folder (below the root, holding files and ignored files only) is about to be walked.
         *
         * @param relativePath its path
         * @param digest       the digest of its files in scope: names, sizes, times and file keys
         *                     ({@link LeafDigest}, whatever their order)
         * @param files        how many files in scope it holds
         * @return {@code true} if the visitor knows these files unchanged: the walker then reports none of them
         *         (ignored files are still reported), and does not call {@link #leafEnd}
         */
        default boolean leaf(String relativePath, byte[] digest, int files) {
            return false;
        }

        /**
         * Every file of a leaf folder announced through {@link #leaf} (which returned {@code false}) has been
         * reported.
         *
         * @param relativePath its path
         */
        default void leafEnd(String relativePath) {
        }
    }

    private enum Kind { FILE, DIR, IGNORED, UNREADABLE }

    private static final class Entry {
        final String name;
        /** The entry's path relative to the storage root. */
        final String path;
        final Kind kind;
        final long size;
        final long modifiedNanos;
        /** The file key object of a file or a folder (loop detection); {@code null} where there is none. */
        final Object key;
        /** A file's key as text, once made ({@link #keyText}). */
        String keyText;
        final String reason;
        final boolean directory;
        /** A walked folder sorts as {@code name/}, which puts it where its files' full paths belong. */
        final String sortKey;
        /** No surrogates in the name: plain {@link String#compareTo} orders it. */
        final boolean plain;
        Future<Listing> readAhead;

        Entry(String name, String path, Kind kind, BasicFileAttributes attributes, String reason,
              boolean directory) {
            this.name = name;
            this.path = path;
            this.kind = kind;
            // Read here, in the listing thread, so that the walking thread only compares.
            this.size = kind == Kind.FILE ? attributes.size() : 0;
            this.modifiedNanos = kind == Kind.FILE ? Observation.nanos(attributes) : 0;
            this.key = kind == Kind.FILE || kind == Kind.DIR ? attributes.fileKey() : null;
            this.reason = reason;
            this.directory = directory;
            this.sortKey = kind == Kind.DIR ? name + "/" : name;
            this.plain = PathOrder.withoutSurrogates(name);
        }

        /** @return the file key as text ({@link Observation#key}), made once, or {@code null} where there is none */
        String keyText() {
            if (keyText == null && key != null) {
                keyText = key.toString();
            }
            return keyText;
        }
    }

    private static final class Listing {
        final List<Entry> entries;
        final String failure;
        /** For a leaf folder: the digest of its files in scope; {@code null} otherwise. */
        final byte[] digest;
        /** How many files in scope the folder holds. */
        final int files;
        /** Whether the entries are in walk order already (a leaf folder's may be left as listed). */
        final boolean sorted;

        Listing(List<Entry> entries, String failure) {
            this(entries, failure, null, 0, true);
        }

        Listing(List<Entry> entries, String failure, byte[] digest, int files, boolean sorted) {
            this.entries = entries;
            this.failure = failure;
            this.digest = digest;
            this.files = files;
            this.sorted = sorted;
        }
    }

    /** A name starting with U+10FFFF (a noncharacter) could sort after the end a visitor assumes for a folder. */
    private static final String LAST_CODE_POINT = "\uDBFF\uDFFF";

    private static final Comparator<Entry> ORDER = (a, b) -> a.plain && b.plain
            ? a.sortKey.compareTo(b.sortKey) : PathOrder.compare(a.sortKey, b.sortKey);

    private final Path root;
    private final List<String> scanDirectories;
    private final NodeFilter filter;
    private final boolean followLinks;
    private final ExecutorService listingPool;
    private final int readAhead;
    private final LinkOption[] linkOptions;
    private final Consumer<String> onFolder;
    /**
     * Whether leaf folders are expected unchanged (a full pass over a store with folder digests): their listings
     * are then left unsorted, and their files' keys as objects, until the visitor turns out not to know them.
     */
    private final boolean leavesLikelyKnown;
    /** During a partial walk: which sub-folders to enter; {@code null} (all) otherwise. */
    private volatile Predicate<String> enter;

    /**
     * Creates a walker.
     *
     * @param root            the storage root
     * @param scanDirectories normalised scan directories relative to the root, in path order, none inside another;
     *                        {@code [""]} for the whole root
     * @param filter          which nodes are in scope
     * @param followLinks     whether symbolic links are followed
     * @param listingPool     a pool for reading listings ahead, or {@code null} to list in the walking thread only
     * @param readAhead       how many sub-folders of a folder may be listed ahead of the walk
     * @param onFolder        told of each folder (relative path) just before it is listed, in the listing thread;
     *                        {@code null} for none
     */
    public TreeWalker(Path root, List<String> scanDirectories, NodeFilter filter, boolean followLinks,
                      ExecutorService listingPool, int readAhead, Consumer<String> onFolder) {
        this(root, scanDirectories, filter, followLinks, listingPool, readAhead, onFolder, false);
    }

    /**
     * Creates a walker that may expect the visitor to know most leaf folders unchanged.
     *
     * @param root              the storage root
     * @param scanDirectories   normalised scan directories relative to the root, in path order, none inside
     *                          another; {@code [""]} for the whole root
     * @param filter            which nodes are in scope
     * @param followLinks       whether symbolic links are followed
     * @param listingPool       a pool for reading listings ahead, or {@code null} to list in the walking thread only
     * @param readAhead         how many sub-folders of a folder may be listed ahead of the walk
     * @param onFolder          told of each folder (relative path) just before it is listed, in the listing
     *                          thread; {@code null} for none
     * @param leavesLikelyKnown {@code true} when {@link Visitor#leaf} will mostly return {@code true} (a rescan):
     *                          a leaf folder's listing is then sorted, and its files' keys made text, only in the
     *                          walking thread and only if the visitor does not know it; {@code false} to do both
     *                          in the listing threads (a first scan, where every folder is new)
     */
    public TreeWalker(Path root, List<String> scanDirectories, NodeFilter filter, boolean followLinks,
                      ExecutorService listingPool, int readAhead, Consumer<String> onFolder,
                      boolean leavesLikelyKnown) {
        this.leavesLikelyKnown = leavesLikelyKnown;
        this.onFolder = onFolder;
        this.root = Objects.requireNonNull(root, "root");
        this.scanDirectories = List.copyOf(scanDirectories);
        this.filter = Objects.requireNonNull(filter, "filter");
        this.followLinks = followLinks;
        this.listingPool = listingPool;
        this.readAhead = listingPool == null ? 0 : Math.max(0, readAhead);
        this.linkOptions = followLinks ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
    }

    /**
     * Walks every scan directory.
     *
     * @param visitor receives the walk
     * @throws IconikException if the storage root itself is missing or cannot be listed
     */
    public void walk(Visitor visitor) {
        BasicFileAttributes rootAttributes;
        try {
            rootAttributes = Files.readAttributes(root, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new IconikException("storage root " + root + " cannot be read: " + describe(e), e);
        }
        if (!rootAttributes.isDirectory()) {
            throw new IconikException("storage root " + root + " is not a folder");
        }
        Deque<Object> ancestors = new ArrayDeque<>();
        for (String dir : scanDirectories) {
            if (dir.isEmpty()) {
                Listing listing = list(root, "");
                if (listing.failure != null) {
                    throw new IconikException("storage root " + root + " cannot be listed: " + listing.failure);
                }
                ancestors.push(identity(rootAttributes));
                walkFolder("", listing, ancestors, visitor);
                ancestors.pop();
                continue;
            }
            if (!inScope(dir, visitor)) {
                continue;
            }
            Path folder = root.resolve(dir);
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(folder, BasicFileAttributes.class, linkOptions);
            } catch (IOException e) {
                visitor.unreadable(dir, describe(e));
                continue;
            }
            if (!attributes.isDirectory()) {
                visitor.unreadable(dir, "scan directory is not a folder");
                continue;
            }
            ancestors.push(identity(attributes));
            walkFolder(dir, list(folder, dir), ancestors, visitor);
            ancestors.pop();
        }
    }

    /**
     * Walks one folder below the root for a partial pass, entering only the sub-folders {@code enter} accepts
     * (the others are reported {@link Visitor#skipped}).
     *
     * @param folder  the folder relative to the root, {@code ""} for the root
     * @param enter   which sub-folders to walk
     * @param visitor receives the walk
     * @return {@code false} if the folder was not walked at all because it is out of scope (ignored), gone or no
     *         longer a folder; {@code true} otherwise (an unlistable folder is reported {@code unreadable})
     */
    public boolean walkFolder(String folder, Predicate<String> enter, Visitor visitor) {
        if (!folder.isEmpty() && !inScope(folder, visitor)) {
            return false;
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(root.resolve(folder), BasicFileAttributes.class, linkOptions);
        } catch (IOException e) {
            return false;
        }
        if (!attributes.isDirectory()) {
            return false;
        }
        Deque<Object> ancestors = new ArrayDeque<>();
        ancestors.push(identity(attributes));
        this.enter = enter;
        try {
            walkFolder(folder, list(root.resolve(folder), folder), ancestors, visitor);
        } finally {
            this.enter = null;
        }
        return true;
    }

    /** A scan directory is in scope if neither it nor a folder above it is pruned. */
    private boolean inScope(String dir, Visitor visitor) {
        int from = 0;
        while (true) {
            int slash = dir.indexOf('/', from);
            String prefix = slash < 0 ? dir : dir.substring(0, slash);
            if (!filter.keep(prefix, true)) {
                visitor.ignored(prefix, true);
                return false;
            }
            if (slash < 0) {
                return true;
            }
            from = slash + 1;
        }
    }

    private void walkFolder(String relative, Listing listing, Deque<Object> ancestors, Visitor visitor) {
        if (listing.failure != null) {
            visitor.unreadable(relative, listing.failure);
            return;
        }
        List<Entry> entries = listing.entries;
        boolean leaf = listing.digest != null && !relative.isEmpty();
        boolean knownUnchanged = leaf && visitor.leaf(relative, listing.digest, listing.files);
        if (!listing.sorted && !knownUnchanged) {
            entries.sort(ORDER); // a leaf folder left as listed, which the visitor merges after all
        }
        int nextToSchedule = 0;
        int outstanding = 0;
        for (int i = 0; i < entries.size(); i++) {
            nextToSchedule = Math.max(nextToSchedule, i);
            while (outstanding < readAhead && nextToSchedule < entries.size()) {
                Entry ahead = entries.get(nextToSchedule++);
                if (ahead.kind == Kind.DIR && (enter == null || enter.test(ahead.path))) {
                    String aheadPath = ahead.path;
                    ahead.readAhead = CompletableFuture.supplyAsync(
                            () -> list(root.resolve(aheadPath), aheadPath), listingPool);
                    outstanding++;
                }
            }
            Entry e = entries.get(i);
            String path = e.path;
            switch (e.kind) {
                case FILE:
                    if (!knownUnchanged) {
                        visitor.file(path, e.size, e.modifiedNanos, e.keyText());
                    }
                    break;
                case IGNORED:
                    visitor.ignored(path, e.directory);
                    break;
                case UNREADABLE:
                    visitor.unreadable(path, e.reason);
                    break;
                case DIR:
                    Listing sub;
                    if (e.readAhead != null) {
                        outstanding--;
                    }
                    Object key = e.key;
                    if (followLinks && key != null && ancestors.contains(key)) {
                        cancel(e);
                        visitor.unreadable(path, "symbolic link loop: the folder contains itself");
                        break;
                    }
                    // A folder read ahead was let in when it was scheduled: asking again could say no, since
                    // listing it may have changed the answer (the change hints watch a folder as it is listed).
                    if (enter != null && e.readAhead == null && !enter.test(path)) {
                        visitor.skipped(path);
                        break;
                    }
                    sub = e.readAhead != null ? await(e.readAhead, path) : list(root.resolve(path), path);
                    e.readAhead = null;
                    ancestors.push(key == null ? new Object() : key);
                    walkFolder(path, sub, ancestors, visitor);
                    ancestors.pop();
                    break;
                default:
                    throw new IllegalStateException(String.valueOf(e.kind));
            }
            entries.set(i, null);
        }
        if (leaf && !knownUnchanged) {
            visitor.leafEnd(relative);
        }
    }

    private static Listing await(Future<Listing> f, String path) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IconikException("scan interrupted while listing " + path, e);
        } catch (ExecutionException e) {
            return new Listing(List.of(), "cannot be listed: " + e.getCause());
        }
    }

    private static void cancel(Entry e) {
        if (e.readAhead != null) {
            e.readAhead.cancel(false);
            e.readAhead = null;
        }
    }

    /**
     * Lists and examines one folder; never throws for I/O problems, which become a failure or entries. Where the
     * JDK offers a {@link SecureDirectoryStream} (Linux, macOS), each entry is examined relative to the open
     * folder ({@code fstatat}), so the kernel does not resolve the whole path again for every file.
     */
    private Listing list(Path folder, String relative) {
        if (onFolder != null) {
            onFolder.accept(relative);
        }
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            if (stream instanceof SecureDirectoryStream) {
                SecureDirectoryStream<Path> secure = (SecureDirectoryStream<Path>) stream;
                for (Path child : secure) {
                    Path name = child.getFileName();
                    Entry e = examine(name.toString(), relative, () -> secure.getFileAttributeView(name,
                            BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes(),
                            () -> secure.getFileAttributeView(name, BasicFileAttributeView.class).readAttributes());
                    if (e != null) {
                        entries.add(e);
                    }
                }
            } else {
                for (Path child : stream) {
                    Entry e = examine(child.getFileName().toString(), relative,
                            () -> Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS),
                            () -> Files.readAttributes(child, BasicFileAttributes.class));
                    if (e != null) {
                        entries.add(e);
                    }
                }
            }
        } catch (IOException e) {
            return new Listing(List.of(), describe(e));
        } catch (DirectoryIteratorException e) {
            return new Listing(List.of(), describe(e.getCause()));
        }
        // A leaf folder (files and ignored files only) gets a digest, which does not depend on the order.
        LeafDigest digest = new LeafDigest();
        for (Entry e : entries) {
            if (e.kind == Kind.FILE) {
                digest.add(e.name, e.size, e.modifiedNanos, e.key);
            } else if (e.kind != Kind.IGNORED || e.directory) {
                digest = null; // not a leaf folder
                break;
            }
            if (e.name.startsWith(LAST_CODE_POINT)) {
                digest = null;
                break;
            }
        }
        if (digest != null && leavesLikelyKnown) {
            return new Listing(entries, null, digest.toBytes(), digest.files(), false);
        }
        entries.sort(ORDER);
        for (Entry e : entries) {
            if (e.kind == Kind.FILE) {
                e.keyText(); // here, in the listing thread, rather than in the walking thread
            }
        }
        return digest == null ? new Listing(entries, null)
                : new Listing(entries, null, digest.toBytes(), digest.files(), true);
    }

    /** Reads the attributes of one entry. */
    @FunctionalInterface
    private interface Stat {
        BasicFileAttributes read() throws IOException;
    }

    private Entry examine(String name, String relative, Stat noFollow, Stat follow) {
        String path = relative.isEmpty() ? name : relative + "/" + name;
        BasicFileAttributes a;
        try {
            a = noFollow.read();
            if (a.isSymbolicLink()) {
                if (!followLinks) {
                    return null;
                }
                try {
                    a = follow.read();
                } catch (NoSuchFileException dangling) {
                    return null;
                }
            }
        } catch (IOException e) {
            return new Entry(name, path, Kind.UNREADABLE, null, describe(e), false);
        }
        if (a.isDirectory()) {
            return filter.keep(path, true)
                    ? new Entry(name, path, Kind.DIR, a, null, true)
                    : new Entry(name, path, Kind.IGNORED, null, null, true);
        }
        if (a.isRegularFile()) {
            return filter.keep(path, false)
                    ? new Entry(name, path, Kind.FILE, a, null, false)
                    : new Entry(name, path, Kind.IGNORED, null, null, false);
        }
        return null; // sockets, pipes, devices: not media
    }

    /** The file key, or a fresh object where the file system has none (which then never matches a loop). */
    private static Object identity(BasicFileAttributes a) {
        Object key = keyOf(a);
        return key == null ? new Object() : key;
    }

    private static Object keyOf(BasicFileAttributes a) {
        return a.fileKey();
    }

    /**
     * Says what an I/O failure means, for people.
     *
     * @param e the failure
     * @return a short reason
     */
    public static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "vanished while scanning";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "is no longer a folder";
        }
        if (e instanceof FileSystemException) {
            String reason = ((FileSystemException) e).getReason();
            if (reason != null && reason.contains("Too many levels of symbolic links")) {
                return "symbolic link loop";
            }
            return reason != null ? reason : e.getClass().getSimpleName();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
