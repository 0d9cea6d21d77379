// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.scan;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * SPI: where a scanner keeps what it has seen, so that a restart neither re-reports nor forgets anything. The SDK
 * ships an embedded default on a database file; a server database lets several gateways share work.
 *
 * <p>Paths are ordered by Unicode code point (which is the byte order of their UTF-8 form, SQL's binary or
 * {@code "C"} collation); every listing method returns states in that order, so a scanner can merge a listing
 * with a sorted walk of the tree without holding either in memory.
 *
 * <p>Implementations must be crash-safe: after a crash at any point, the store holds either the state before or
 * the state after each {@link #write} call, never a mix. They need not be thread-safe: a scanner uses its store
 * from one thread at a time.
 *
 * <p>Every method throws {@link io.github.iconiksdk.api.IconikException} if the store cannot be read or written.
 */
public interface ScanStateStore extends AutoCloseable {

    /**
     * Looks one file up.
     *
     * @param path the path relative to the storage root
     * @return its state, if the store has one
     * @throws io.github.iconiksdk.api.IconikException if the store cannot be read
     */
    Optional<FileState> find(String path);

    /**
     * Lists known files after a path, in path order, one page at a time.
     *
     * @param afterPath only paths greater than this one, or {@code null} to start at the first
     * @param limit     at most this many states, positive
     * @return the page; shorter than {@code limit} (possibly empty) at the end
     * @throws io.github.iconiksdk.api.IconikException if the store cannot be read
     */
    List<FileState> list(String afterPath, int limit);

    /**
     * Lists the files of one status after a path, in path order, one page at a time.
     *
     * @param status    the status wanted
     * @param afterPath only paths greater than this one, or {@code null} to start at the first
     * @param limit     at most this many states, positive
     * @return the page; shorter than {@code limit} (possibly empty) at the end
     * @throws io.github.iconiksdk.api.IconikException if the store cannot be read
     */
    List<FileState> listByStatus(FileStatus status, String afterPath, int limit);

    /**
     * Finds the {@link FileStatus#PENDING_NEW} files with a file key: where move detection looks for a file that
     * disappeared from another path.
     *
     * @param fileKey the file system's identity of a file
     * @return every such state with that key, in path order
     * @throws io.github.iconiksdk.api.IconikException if the store cannot be read
     */
    List<FileState> findNewByFileKey(String fileKey);

    /**
     * Finds the {@link FileStatus#PENDING_NEW} files with a size and modification time: move detection where the
     * file system has no file keys.
     *
     * @param size          size in bytes
     * @param modifiedNanos last-modified time, nanoseconds since the epoch
     * @return every such state with that size and time, in path order
     * @throws io.github.iconiksdk.api.IconikException if the store cannot be read
     */
    List<FileState> findNewBySizeAndModified(long size, long modifiedNanos);

    /**
     * Applies a batch atomically and durably: every upsert and deletion, or none.
     *
     * @param upserts states to insert or replace (keyed by path)
     * @param deletes paths to forget
     * @throws io.github.iconiksdk.api.IconikException if the store cannot be written; nothing of the batch is
     *                                                  applied then
     */
    void write(Collection<FileState> upserts, Collection<String> deletes);

    /**
     * Counts the known files.
     *
     * @return how many states the store holds
     * @throws io.github.iconiksdk.api.IconikException if the store cannot be read
     */
    long count();

    /** Releases the store; further calls fail with {@link IllegalStateException}. */
    @Override
    void close();
}
