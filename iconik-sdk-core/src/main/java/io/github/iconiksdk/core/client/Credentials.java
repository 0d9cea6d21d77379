// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client;

import java.util.Objects;

/**
 * An iconik application token: the {@code App-ID} and its {@code Auth-Token}. The token is a secret:
 * {@link #toString()} masks it, and the SDK never logs it or puts it in an exception message.
 *
 * @param appId     the application id, sent as {@code App-ID}
 * @param authToken the token, sent as {@code Auth-Token}
 */
public record Credentials(String appId, String authToken) {

    /**
     * Validates both parts.
     *
     * @param appId the application id, sent as {@code App-ID}
     * @param authToken the token, sent as {@code Auth-Token}
     * @throws NullPointerException     if either part is null
     * @throws IllegalArgumentException if either part is blank
     */
    public Credentials {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(authToken, "authToken");
        if (appId.isBlank()) {
            throw new IllegalArgumentException("appId is blank");
        }
        if (authToken.isBlank()) {
            throw new IllegalArgumentException("authToken is blank");
        }
    }

    /**
     * Same as the canonical constructor, for readability at call sites.
     *
     * @param appId     the application id
     * @param authToken the token
     * @return the credentials
     * @throws NullPointerException     if either part is null
     * @throws IllegalArgumentException if either part is blank
     */
    public static Credentials of(String appId, String authToken) {
        return new Credentials(appId, authToken);
    }

    /** @return the App-ID and a masked token, never the token itself */
    @Override
    public String toString() {
        return "Credentials[appId=" + appId + ", authToken=****]";
    }
}
