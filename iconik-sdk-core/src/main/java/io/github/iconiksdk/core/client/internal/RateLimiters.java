// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.internal;

import io.github.iconiksdk.core.client.Credentials;
import io.github.iconiksdk.core.client.Endpoint;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * One rate limiter per credential pair and endpoint in this JVM, since iconik counts requests per credential, not
 * per client object. Its name ({@link #name}) holds the App-ID and the first hex digits of a SHA-256 digest of the
 * token, never the token.
 */
public final class RateLimiters {

    private static final ConcurrentMap<String, CredentialLimiter> OWN = new ConcurrentHashMap<>();
    private static final Map<RateLimiter, CredentialLimiter> FROM_REGISTRIES = new WeakHashMap<>();

    private RateLimiters() {
    }

    /**
     * The limiter's name for a credential: {@code iconik-<App-ID>@<host[:port]>-<digest>}.
     *
     * @param endpoint    the endpoint
     * @param credentials the credentials
     * @return the name
     */
    public static String name(Endpoint endpoint, Credentials credentials) {
        return "iconik-" + credentials.appId() + "@" + endpoint.uri().getAuthority() + "-"
                + digest(credentials.authToken()).substring(0, 12);
    }

    /**
     * The limiter shared by every client with these credentials and configuration in this JVM; created by the first
     * caller, on its clock.
     *
     * @param endpoint    the endpoint
     * @param credentials the credentials
     * @param config      the configuration
     * @param floor       the fewest permits per period after 429s
     * @param nanoClock   the monotonic clock
     * @return the shared limiter
     */
    public static CredentialLimiter shared(Endpoint endpoint, Credentials credentials, RateLimiterConfig config,
                                           double floor, LongSupplier nanoClock) {
        String name = name(endpoint, credentials);
        return OWN.computeIfAbsent(name + "|" + config + "|" + floor, k -> new CredentialLimiter(
                new AtomicRateLimiter(name, config, nanoClock::getAsLong), floor, nanoClock));
    }

    /**
     * The limiter a user's registry holds for these credentials (created there with {@code config} when absent),
     * with the SDK's 429 handling around it.
     *
     * @param registry    the user's registry
     * @param endpoint    the endpoint
     * @param credentials the credentials
     * @param config      the configuration for a new limiter
     * @param floor       the fewest permits per period after 429s
     * @return the shared limiter
     */
    public static CredentialLimiter inRegistry(RateLimiterRegistry registry, Endpoint endpoint,
                                               Credentials credentials, RateLimiterConfig config, double floor) {
        RateLimiter limiter = registry.rateLimiter(name(endpoint, credentials), config);
        synchronized (FROM_REGISTRIES) {
            return FROM_REGISTRIES.computeIfAbsent(limiter, l -> new CredentialLimiter(l, floor, System::nanoTime));
        }
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
