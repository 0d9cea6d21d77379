// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload.internal;

import io.github.iconiksdk.api.IconikClientException;
import io.github.iconiksdk.api.IconikException;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

/**
 * Requests to pre-signed upload URLs (Google Cloud Storage, S3, B2, Azure), retried through a Resilience4j
 * {@link Retry}: a reset connection, a timeout, 408, 429 and 5xx are tried again after an exponential, jittered wait
 * (honouring {@code Retry-After}), up to a number of attempts; 403, 404 and 410 mean the URL is gone
 * ({@link UrlGoneException}); any other answer outside the accepted statuses fails at once. Upload URLs need no iconik
 * headers, so this has its own HTTP client and never sees the Auth-Token; URLs are shown in messages without their
 * path and query, which carry the signature.
 */
final class UrlTransfer {

    private static final Logger LOG = LoggerFactory.getLogger(UrlTransfer.class);

    /** A status worth another attempt, with the wait the server asked for (ms), or -1. */
    static class RetryableStatusException extends IconikClientException {
        private static final long serialVersionUID = 1L;
        final int status;
        final long retryAfterMs;

        RetryableStatusException(String message, int status, long retryAfterMs) {
            super(message, null, false);
            this.status = status;
            this.retryAfterMs = retryAfterMs;
        }
    }

    /**
     * The storage holds other bytes than were sent: the checksum it reports for what it received differs from the
     * one measured while sending, or it refused a checksum the request declared (S3 {@code BadDigest}, Azure
     * {@code Md5Mismatch}, B2's "Checksum did not match"). Retried like a 5xx: the next attempt sends the bytes
     * again, replacing what the storage holds; when the attempts are used up the upload fails with this message.
     */
    static final class BadChecksumException extends RetryableStatusException {
        private static final long serialVersionUID = 1L;

        BadChecksumException(String message) {
            super(message, 0, -1);
        }
    }

    /** Checks an accepted answer; throwing {@link BadChecksumException} sends the request again. */
    @FunctionalInterface
    interface AnswerCheck {
        /**
         * @param answer the accepted answer
         * @throws BadChecksumException when the storage holds other bytes than were sent
         */
        void check(HttpResponse<String> answer);
    }

    /** A checked unit of work that one attempt runs. */
    @FunctionalInterface
    interface Attempt<T> {
        /**
         * @return the result
         * @throws IOException on transport failures (retried)
         * @throws InterruptedException when interrupted
         */
        T run() throws IOException, InterruptedException;
    }

    private final HttpClient http;
    private final Duration timeout;
    private final int attempts;
    private final Retry retry;

    /**
     * @param http     the HTTP client for upload URLs
     * @param attempts how many times one request is tried
     * @param backoff  the first wait between attempts (doubled each time, at most 8 s)
     * @param timeout  the longest one request may take
     */
    UrlTransfer(HttpClient http, int attempts, Duration backoff, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
        this.attempts = attempts;
        long first = Math.max(1, backoff.toMillis());
        IntervalBiFunction<Object> interval = (attempt, outcome) -> {
            long exp = Math.min(8000, first << Math.min(attempt - 1, 10));
            long jittered = exp / 2 + ThreadLocalRandom.current().nextLong(exp / 2 + 1);
            if (outcome.isLeft() && outcome.getLeft() instanceof RetryableStatusException r && r.retryAfterMs >= 0) {
                return Math.min(r.retryAfterMs, 4 * exp);
            }
            return jittered;
        };
        this.retry = Retry.of("upload-url", RetryConfig.custom()
                .maxAttempts(attempts)
                .intervalBiFunction(interval)
                .retryOnException(t -> t instanceof IOException || t instanceof RetryableStatusException)
                .build());
    }

    /** @return the HTTP client */
    HttpClient http() {
        return http;
    }

    /**
     * @param url the URL
     * @return a request builder with the per-request timeout
     */
    HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
    }

    /**
     * Runs a unit of work, again after a retryable failure, within the attempt budget.
     *
     * @param what    what it is, for messages
     * @param attempt the work
     * @param <T>     its result
     * @return the result
     * @throws UrlGoneException      when the URL refuses for good
     * @throws IconikClientException when the attempts are used up or the failure is not retryable
     */
    <T> T retrying(String what, Attempt<T> attempt) {
        try {
            return retry.executeCheckedSupplier(() -> {
                try {
                    return attempt.run();
                } catch (IOException e) {
                    LOG.debug("{} failed ({}); trying again if attempts are left", what, e.toString());
                    throw e;
                }
            });
        } catch (RetryableStatusException e) {
            throw new IconikClientException(what + " failed after " + attempts + " attempt(s): " + e.getMessage(),
                    e, true);
        } catch (IOException e) {
            throw new IconikClientException(what + " failed after " + attempts + " attempt(s): " + e, e, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IconikClientException(what + " interrupted", e, false);
        } catch (IconikException | IllegalArgumentException | IllegalStateException e) {
            throw e;
        } catch (Throwable e) {
            if (e instanceof Error err) {
                throw err;
            }
            throw new IconikClientException(what + " failed: " + e, e, false);
        }
    }

    /**
     * Sends a request (built afresh for each attempt) until it is answered with an accepted status.
     *
     * @param what     what it is, for messages
     * @param request  makes the request
     * @param accepted the statuses that end the exchange
     * @return the accepted answer
     * @throws UrlGoneException      on 403, 404 or 410
     * @throws IconikClientException when the attempts are used up or the answer is not retryable
     */
    HttpResponse<String> send(String what, Supplier<HttpRequest> request, IntPredicate accepted) {
        return retrying(what, () -> once(what, request.get(), accepted));
    }

    /**
     * Sends a request (built afresh for each attempt) until it is answered with an accepted status that passes the
     * check; an answer the check finds wrong ({@link BadChecksumException}) counts as a failed attempt.
     *
     * @param what     what it is, for messages
     * @param request  makes the request
     * @param accepted the statuses that end the exchange
     * @param check    checks an accepted answer (the checksums the storage reports)
     * @return the accepted, checked answer
     * @throws UrlGoneException      on 403, 404 or 410
     * @throws IconikClientException when the attempts are used up (the last failure's message, a checksum mismatch
     *                               naming both checksums) or the answer is not retryable
     */
    HttpResponse<String> send(String what, Supplier<HttpRequest> request, IntPredicate accepted,
                              AnswerCheck check) {
        return retrying(what, () -> {
            HttpResponse<String> r = once(what, request.get(), accepted);
            check.check(r);
            return r;
        });
    }

    /**
     * Sends a request once.
     *
     * @param what     what it is, for messages
     * @param request  the request
     * @param accepted the statuses that end the exchange
     * @return the accepted answer
     * @throws IOException               on transport failures
     * @throws InterruptedException      when interrupted
     * @throws RetryableStatusException  on 408, 429 and 5xx
     * @throws UrlGoneException          on 403, 404 or 410
     * @throws IconikClientException     on any other status
     */
    HttpResponse<String> once(String what, HttpRequest request, IntPredicate accepted)
            throws IOException, InterruptedException {
        HttpResponse<String> resp = http.send(request, HttpResponse.BodyHandlers.ofString());
        int status = resp.statusCode();
        if (accepted.test(status)) {
            return resp;
        }
        throw failure(what, resp);
    }

    /**
     * @param what what was asked, for messages
     * @param resp an answer outside the accepted statuses
     * @return the exception that classifies it
     */
    static IconikClientException failure(String what, HttpResponse<String> resp) {
        int status = resp.statusCode();
        String message = what + " was answered " + status + ": " + abbreviate(resp.body());
        if (status == 403 || status == 404 || status == 410) {
            return new UrlGoneException(message);
        }
        String body = resp.body() == null ? "" : resp.body();
        if (status == 400 && (body.contains("BadDigest") || body.contains("Md5Mismatch")
                || body.contains("Checksum did not match"))) {
            return new BadChecksumException(message);
        }
        if (status == 408 || status == 429 || status >= 500) {
            long wait = resp.headers().firstValue("Retry-After").map(UrlTransfer::seconds).orElse(-1L);
            return new RetryableStatusException(message, status, wait < 0 ? -1 : wait * 1000);
        }
        return new IconikClientException(message, null, false);
    }

    private static long seconds(String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Upload URLs carry their signature in the path or query: only scheme, host and port are shown. */
    static String redact(String url) {
        try {
            URI u = URI.create(url);
            return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort()) + "/…";
        } catch (IllegalArgumentException e) {
            return "(upload URL)";
        }
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
