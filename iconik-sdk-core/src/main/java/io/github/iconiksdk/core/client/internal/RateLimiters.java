package io.github.iconiksdk.core.client.internal;

import io.github.iconiksdk.core.client.Credentials;
import io.github.iconiksdk.core.client.Endpoint;
import io.github.iconiksdk.core.client.RateLimitOptions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One token bucket per credential pair and endpoint in this JVM, since iconik counts requests per credential,
 * not per client object. The key holds a SHA-256 digest of the token, never the token.
 */
public final class RateLimiters {

    private static final ConcurrentMap<String, TokenBucket> BUCKETS = new ConcurrentHashMap<>();

    private RateLimiters() {
    }

    /**
     * The bucket shared by every client with these credentials; created with {@code options} by the first caller.
     *
     * @param endpoint    the endpoint
     * @param credentials the credentials
     * @param options     enabled options
     * @return the shared bucket
     */
    public static TokenBucket shared(Endpoint endpoint, Credentials credentials, RateLimitOptions options) {
        String key = endpoint + "|" + credentials.appId() + "|" + digest(credentials.authToken()) + "|" + options;
        return BUCKETS.computeIfAbsent(key, k -> new TokenBucket(options, System::nanoTime));
    }

    private static String digest(String secret) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
