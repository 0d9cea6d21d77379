// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.internal.pattern;

/** One compiled pattern of a list, tested against a node given as an NFC path and the start of its name. */
interface NodePattern {

    /**
     * @param path      the node's relative path, in NFC
     * @param nameStart index in {@code path} where the node's name (its last element) starts
     * @param directory whether the node is a directory
     * @return whether the pattern matches the name or the whole path
     */
    boolean matches(String path, int nameStart, boolean directory);

    /** @return the pattern as written in its list (trimmed) */
    String source();
}
