// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.command;

import io.github.iconiksdk.api.IconikException;

/** A path from iconik would reach outside the gateway's mount point (absolute, {@code ..}, or through a symlink). */
public class UnsafePathException extends IconikException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message names the path and why it is refused
     */
    public UnsafePathException(String message) {
        super(message);
    }
}
