package io.github.iconiksdk.core.client.internal;

import io.github.iconiksdk.api.IconikClientException;
import io.github.iconiksdk.api.IconikServiceException;
import io.github.iconiksdk.core.client.Credentials;
import io.github.iconiksdk.core.client.Endpoint;
import io.github.iconiksdk.core.client.OutcomeUnknownException;
import io.github.iconiksdk.core.client.RetryOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * Sends requests with the client's headers, rate limit and retry rules, and turns failures into the SDK's
 * exceptions.
 *
 * <p>Retry rules. iconik did not process a request it answered 429, nor one whose connection was refused (or
 * timed out while connecting), so those are retried for every method. 502, 503, 504, a read timeout and a broken
 * connection leave the outcome open: they are retried only for idempotent requests; for the others the caller
 * gets an {@link OutcomeUnknownException}. Every other status is final and is re-checked on each attempt, so a
 * 404 that follows a 503 is thrown as a 404. A wait is iconik's {@code Retry-After} when it sent one, else
 * exponential backoff with jitter; no wait may end past the request's total time budget.
 */
public final class Transport {

    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);
    private static final String USER_AGENT = "iconik-sdk-java/0.1";

    private final HttpClient http;
    private final Endpoint endpoint;
    private final Credentials credentials;
    private final Duration requestTimeout;
    private final RetryOptions retry;
    private final TokenBucket limiter;
    private final Sleeper sleeper;
    private final Clock clock;
    private final LongSupplier nanoClock;

    /**
     * @param http           the HTTP client
     * @param endpoint       where iconik is
     * @param credentials    the credentials sent with every request
     * @param requestTimeout the time one attempt may wait for its answer
     * @param retry          the retry options
     * @param limiter        the shared rate limiter, or {@code null} for none
     * @param sleeper        how to wait
     * @param clock          the wall clock (for {@code Retry-After} dates)
     * @param nanoClock      the monotonic clock (for the total time budget)
     */
    public Transport(HttpClient http, Endpoint endpoint, Credentials credentials, Duration requestTimeout,
                     RetryOptions retry, TokenBucket limiter, Sleeper sleeper, Clock clock, LongSupplier nanoClock) {
        this.http = http;
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.requestTimeout = requestTimeout;
        this.retry = retry;
        this.limiter = limiter;
        this.sleeper = sleeper;
        this.clock = clock;
        this.nanoClock = nanoClock;
    }

    /** @return the endpoint requests go to */
    public Endpoint endpoint() {
        return endpoint;
    }

    /**
     * Sends the request, retrying as the class describes.
     *
     * @param request the request
     * @return the 2xx answer
     * @throws IconikServiceException   for an error status (subtype by status)
     * @throws OutcomeUnknownException  for a non-idempotent request whose outcome is unknown
     * @throws IconikClientException    when no answer came, after the retries allowed
     */
    public ApiResponse execute(ApiRequest request) {
        HttpRequest httpRequest = build(request);
        long start = nanoClock.getAsLong();
        long deadline = start + retry.maxTotalTime().toNanos();
        for (int attempt = 1; ; attempt++) {
            acquirePermit(request, attempt);
            HttpResponse<byte[]> answer;
            try {
                answer = http.send(httpRequest, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                boolean neverSent = neverSent(e);
                String what = describe(e);
                if (!neverSent && !request.idempotent()) {
                    throw new OutcomeUnknownException(request + " failed (" + what + ") after it was sent: iconik"
                            + " may have applied it; look it up before sending it again", scrubbed(e));
                }
                Duration wait = backoff(attempt);
                if (!mayRetry(attempt, wait, deadline)) {
                    throw new IconikClientException(request + " failed: " + what + attemptsNote(attempt),
                            scrubbed(e), !neverSent);
                }
                LOG.debug("{} attempt {} failed ({}); retrying in {} ms", request, attempt, what, wait.toMillis());
                pause(request, wait);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IconikClientException(request + " was interrupted while waiting for iconik", e, true);
            }

            int status = answer.statusCode();
            if (limiter != null && status != 429 && status < 500) {
                limiter.onSuccess();
            }
            if (status >= 200 && status < 300) {
                LOG.debug("{} -> {} (attempt {})", request, status, attempt);
                return new ApiResponse(status, answer.headers(), answer.body() == null ? new byte[0] : answer.body());
            }
            Duration retryAfter = RetryAfter.parse(answer.headers().firstValue("retry-after"), clock).orElse(null);
            if (status == 429 && limiter != null) {
                limiter.onRateLimited(retryAfter);
            }
            boolean transientStatus = status == 429
                    || (request.idempotent() && (status == 502 || status == 503 || status == 504));
            Duration wait = retryAfter != null ? retryAfter : backoff(attempt);
            if (transientStatus && mayRetry(attempt, wait, deadline)) {
                LOG.debug("{} attempt {} -> {}; retrying in {} ms", request, attempt, status, wait.toMillis());
                pause(request, wait);
                continue;
            }
            IconikServiceException error = ErrorMapper.map(request.method(), request.path(), status,
                    answer.headers(), answer.body(), attempt, retryAfter, credentials.authToken());
            if (!request.idempotent() && status >= 500) {
                throw new OutcomeUnknownException(request + " -> " + status + ": iconik may have applied it; look"
                        + " it up before sending it again (" + error.getMessage() + ")", error);
            }
            throw error;
        }
    }

    private boolean mayRetry(int attempt, Duration wait, long deadline) {
        if (attempt >= retry.maxAttempts()) {
            return false;
        }
        return deadline - nanoClock.getAsLong() - wait.toNanos() > 0;
    }

    private void acquirePermit(ApiRequest request, int attempt) {
        if (limiter == null) {
            return;
        }
        Duration wait = limiter.reserve();
        if (!wait.isZero()) {
            LOG.trace("{} attempt {} waits {} ms for the rate limit", request, attempt, wait.toMillis());
            pause(request, wait);
        }
    }

    private void pause(ApiRequest request, Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IconikClientException(request + " was interrupted while waiting to retry", e,
                    !request.idempotent());
        }
    }

    /** Exponential backoff with jitter: initial × multiplier^(attempt-1), capped, spread by ±jitter. */
    Duration backoff(int attempt) {
        double base = retry.initialBackoff().toNanos() * Math.pow(retry.multiplier(), attempt - 1);
        double capped = Math.min(base, retry.maxBackoff().toNanos());
        double spread = retry.jitter() == 0 ? 1.0
                : 1.0 + retry.jitter() * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return Duration.ofNanos((long) (capped * spread));
    }

    private HttpRequest build(ApiRequest request) {
        String path = request.pathAndQuery();
        if (!path.startsWith("/") || path.startsWith("//")) {
            throw new IllegalArgumentException("path must start with a single /: " + path);
        }
        URI uri;
        try {
            uri = URI.create(endpoint.uri() + path);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid request path: " + path, e);
        }
        HttpRequest.BodyPublisher publisher = request.body() == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(request.body());
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .method(request.method(), publisher)
                .timeout(requestTimeout)
                .header("App-ID", credentials.appId())
                .header("Auth-Token", credentials.authToken())
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT);
        if (request.body() != null) {
            b.header("Content-Type", "application/json");
        }
        return b.build();
    }

    private String attemptsNote(int attempt) {
        return attempt > 1 ? " (after " + attempt + " attempts)" : "";
    }

    /** Whether the failure happened before any byte of the request could reach iconik. */
    static boolean neverSent(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException || t instanceof ConnectException
                    || t instanceof UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "connect timed out";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + requestTimeout.toMillis() + " ms";
        }
        if (neverSent(e)) {
            return "could not connect to " + endpoint + Optional.ofNullable(e.getMessage()).map(m -> ": " + m)
                    .orElse("");
        }
        String m = e.getMessage();
        return "connection lost (" + e.getClass().getSimpleName() + (m == null ? "" : ": " + m) + ")";
    }

    private IOException scrubbed(IOException e) {
        String m = e.getMessage();
        String clean = Redaction.scrub(m, credentials.authToken());
        if (m == null || m.equals(clean)) {
            return e;
        }
        IOException copy = new IOException(clean);
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }
}
