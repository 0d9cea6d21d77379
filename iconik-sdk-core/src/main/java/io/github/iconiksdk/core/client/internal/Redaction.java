// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.internal;

/** Removes a secret from text that came from outside (an error body may echo a request header). */
public final class Redaction {

    private Redaction() {
    }

    /**
     * @param text   the text, possibly null
     * @param secret the secret, possibly null or blank (then nothing is removed)
     * @return the text with every occurrence of the secret replaced by {@code ****}
     */
    public static String scrub(String text, String secret) {
        if (text == null || secret == null || secret.isBlank()) {
            return text;
        }
        return text.replace(secret, "****");
    }
}
