// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.config;

import io.github.iconiksdk.api.IconikException;

/**
 * The gateway's configuration is unusable: a value of the wrong type or out of range, a malformed line, or a
 * required setting missing. The message names the key, the value (never the Auth-Token's), where it came from, and
 * what is allowed.
 */
public class ConfigurationException extends IconikException {
    private static final long serialVersionUID = 1L;

    /** The configuration key concerned. */
    private final String key;

    /**
     * Creates the error.
     *
     * @param key     the configuration key concerned ({@code proxy-bitrate})
     * @param message the full message, naming the key, the value, its source and the allowed range
     */
    public ConfigurationException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** @return the configuration key concerned */
    public String key() {
        return key;
    }
}
