// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.scan.internal;

/** Decides, while walking, whether a node is in scope. Implementations are thread-safe. */
@FunctionalInterface
public interface NodeFilter {

    /** Every node is kept. */
    NodeFilter KEEP_ALL = (path, directory) -> true;

    /**
     * Decides one node on its own (the walk never asks about nodes below a pruned folder).
     *
     * @param relativePath the node's path relative to the storage root
     * @param directory    whether it is a folder
     * @return {@code true} to keep (list a folder, report a file), {@code false} to skip it
     */
    boolean keep(String relativePath, boolean directory);
}
