// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.scan.internal;

import io.github.iconiksdk.api.scan.FileState;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * An optional capability of a scan state store: one digest per leaf folder (a folder that holds files only),
 * recorded when the store knows exactly that folder's files, all delivered. A full pass that lists a leaf folder
 * with the same digest knows that none of its files changed and passes over their rows without reading them.
 *
 * <p>The store keeps the promise that makes this safe: every write of a file's state (upsert or deletion) forgets
 * the digests of all the folders above that file, in the same transaction, so a digest that is present still
 * describes the rows below its folder exactly.
 */
public interface FolderDigests {

    /**
     * Looks up a folder's digest.
     *
     * @param folder the folder's path relative to the root ({@code ""} for the root)
     * @return the digest recorded for it, or {@code null} if none is
     * @throws io.github.iconiksdk.api.IconikException if the store cannot be read
     */
    byte[] folderDigest(String folder);

    /**
     * Lists known files between two paths, in path order, one page at a time: what lies before a folder that a
     * pass is about to pass over.
     *
     * @param afterPath  only paths greater than this one, or {@code null} to start at the first
     * @param beforePath only paths less than this one
     * @param limit      at most this many states, positive
     * @return the page; shorter than {@code limit} (possibly empty) at the end of the range
     * @throws io.github.iconiksdk.api.IconikException if the store cannot be read
     */
    List<FileState> listBetween(String afterPath, String beforePath, int limit);

    /**
     * Applies a batch atomically, as {@link io.github.iconiksdk.api.scan.ScanStateStore#write}, then records the
     * folder digests, in the same transaction (after the state writes have forgotten the digests above them).
     *
     * @param upserts states to insert or replace
     * @param deletes paths to forget
     * @param digests folder path to digest, to record
     * @throws io.github.iconiksdk.api.IconikException if the store cannot be written; nothing of the batch is
     *                                                  applied then
     */
    void write(Collection<FileState> upserts, Collection<String> deletes, Map<String, byte[]> digests);
}
