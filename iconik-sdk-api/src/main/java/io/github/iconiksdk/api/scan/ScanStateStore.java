package io.github.iconiksdk.api.scan;

import java.util.Collection;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * SPI: where a scanner keeps what it has seen, so that a restart neither re-reports nor forgets anything. The SDK
 * ships an embedded default on a database file; a server database lets several gateways share work.
 *
 * <p>Implementations must be crash-safe: after a crash at any point, the store holds either the state before or
 * the state after each {@link #write} call, never a mix.
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
     * Streams every known file to {@code action}, in path order, without loading them all into memory.
     *
     * @param action receives each state
     * @throws io.github.iconiksdk.api.IconikException if the store cannot be read
     */
    void forEach(Consumer<FileState> action);

    /**
     * Applies a batch atomically: every upsert and deletion, or none.
     *
     * @param upserts states to insert or replace (keyed by path)
     * @param deletes paths to forget
     * @throws io.github.iconiksdk.api.IconikException if the store cannot be written; nothing of the batch is
     *                                                  applied then
     */
    void write(Collection<FileState> upserts, Collection<String> deletes);

    /** Releases the store. */
    @Override
    void close();
}
