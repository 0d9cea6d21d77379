// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.internal;

import io.github.iconiksdk.api.IconikClientException;
import io.github.iconiksdk.api.IconikServiceException;
import io.github.iconiksdk.core.client.Credentials;
import io.github.iconiksdk.core.client.Endpoint;
import io.github.iconiksdk.core.client.IconikUnavailableException;
import io.github.iconiksdk.core.client.OutcomeUnknownException;
import io.github.iconiksdk.core.resilience.ClientResilience;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
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
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Sends requests with the client's headers through its Resilience4j policies, and turns failures into the SDK's
 * exceptions. Each attempt goes {@code Retry → CircuitBreaker (of the path's endpoint family) → RateLimiter (of
 * the credential) → HttpClient}; the rules of what is retried, what the breaker records and how long to wait are
 * {@link RetryRules}. Waits run on the client's scheduler and each attempt's exchange on a pooled sender thread
 * ({@link Schedulers#senders()}); the caller's thread only waits for the outcome, so that a test scheduler can
 * stand in for real time.
 */
public final class Transport {

    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);
    private static final String USER_AGENT = "iconik-sdk-java/0.1";

    private final HttpClient http;
    private final Endpoint endpoint;
    private final Credentials credentials;
    private final Duration requestTimeout;
    private final ClientPolicies policies;
    private final Clock clock;
    private final LongSupplier nanoClock;

    /**
     * @param http           the HTTP client
     * @param endpoint       where iconik is
     * @param credentials    the credentials sent with every request
     * @param requestTimeout the time one attempt may wait for its answer
     * @param policies       the client's retry, rate limiter, circuit breakers and scheduler
     * @param clock          the wall clock (for {@code Retry-After} dates)
     * @param nanoClock      the monotonic clock (for the total time budget)
     */
    public Transport(HttpClient http, Endpoint endpoint, Credentials credentials, Duration requestTimeout,
                     ClientPolicies policies, Clock clock, LongSupplier nanoClock) {
        this.http = http;
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.requestTimeout = requestTimeout;
        this.policies = policies;
        this.clock = clock;
        this.nanoClock = nanoClock;
    }

    /** @return the endpoint requests go to */
    public Endpoint endpoint() {
        return endpoint;
    }

    /** @return the client's policies */
    public ClientPolicies policies() {
        return policies;
    }

    /**
     * Sends the request, retrying as {@link RetryRules} says.
     *
     * @param request the request
     * @return the 2xx answer
     * @throws IconikServiceException      for an error status (subtype by status)
     * @throws IconikUnavailableException  when the family's circuit breaker is open (nothing was sent)
     * @throws OutcomeUnknownException     for a non-idempotent request whose outcome is unknown
     * @throws IconikClientException       when no answer came, after the retries allowed
     */
    public ApiResponse execute(ApiRequest request) {
        HttpRequest httpRequest = build(request);
        Call call = new Call(request, httpRequest, nanoClock.getAsLong() + policies.timeBudget().toNanos(),
                policies.circuitBreaker(ClientResilience.family(request.path())));
        CompletableFuture<ApiResponse> outcome = policies.retry()
                .executeCompletionStage(policies.scheduler(), () -> attempt(call))
                .toCompletableFuture();
        try {
            return outcome.get();
        } catch (ExecutionException e) {
            throw finalError(call, unwrap(e.getCause()));
        } catch (InterruptedException e) {
            call.cancelled = true;
            outcome.cancel(true);
            Thread.currentThread().interrupt();
            throw new IconikClientException(request + " was interrupted while waiting for iconik", e,
                    call.anySent);
        }
    }

    /** One attempt: breaker permission, rate-limit permit (waited on the scheduler), then the request. */
    private CompletionStage<ApiResponse> attempt(Call call) {
        CompletableFuture<ApiResponse> result = new CompletableFuture<>();
        int attempt = ++call.attempts;
        if (call.cancelled) {
            result.completeExceptionally(new CancellationException(call.request + " was cancelled"));
            return result;
        }
        CircuitBreaker breaker = call.breaker;
        try {
            breaker.acquirePermission();
        } catch (CallNotPermittedException e) {
            result.completeExceptionally(e);
            return result;
        }
        long started = breaker.getCurrentTimestamp();
        CompletableFuture<Void> permit;
        try {
            permit = permit(call, attempt);
        } catch (RuntimeException e) {
            breaker.releasePermission();
            result.completeExceptionally(e);
            return result;
        }
        permit.thenApplyAsync(ready -> send(call), Schedulers.senders())
                .whenComplete((answer, error) -> {
                    long elapsed = breaker.getCurrentTimestamp() - started;
                    ApiResponse ok = null;
                    RuntimeException failure;
                    if (error != null) {
                        failure = noAnswer(call, attempt, unwrap(error));
                    } else {
                        try {
                            ok = classify(call, attempt, answer);
                            failure = null;
                        } catch (RuntimeException e) {
                            failure = e;
                        }
                    }
                    if (failure == null) {
                        breaker.onSuccess(elapsed, breaker.getTimestampUnit());
                        result.complete(ok);
                    } else {
                        breaker.onError(elapsed, breaker.getTimestampUnit(), failure);
                        result.completeExceptionally(failure);
                    }
                });
        return result;
    }

    /**
     * Sends one attempt and waits for its answer, on a thread of {@link Schedulers#senders()}. Not
     * {@code HttpClient.sendAsync}: the JDK client hands every answer of {@code sendAsync} to the default
     * {@code CompletableFuture} executor, and on a machine of one or two cores (a common container) that is a new
     * thread per answer: 7,938 threads started for 2,000 files, most of the gateway's CPU (issue 16's profile).
     */
    private HttpResponse<byte[]> send(Call call) {
        try {
            return http.send(call.httpRequest, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            // send() wraps the exchange's exception in a plain IOException: report the one that happened
            throw new CompletionException(e.getClass() == IOException.class && e.getCause() instanceof IOException c
                    ? c : e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException(call.request + " was interrupted");
        }
    }

    private CompletableFuture<Void> permit(Call call, int attempt) {
        CredentialLimiter limiter = policies.credentialLimiter();
        if (limiter == null) {
            return CompletableFuture.completedFuture(null);
        }
        long wait = limiter.reserveNanos();
        if (wait <= 0) {
            return CompletableFuture.completedFuture(null);
        }
        LOG.trace("{} attempt {} waits {} ms for the rate limit", call.request, attempt, wait / 1_000_000);
        CompletableFuture<Void> ready = new CompletableFuture<>();
        policies.scheduler().schedule(() -> ready.complete(null), wait, TimeUnit.NANOSECONDS);
        return ready;
    }

    /** @return the 2xx answer; throws an {@link AttemptFailure} for any other status */
    private ApiResponse classify(Call call, int attempt, HttpResponse<byte[]> answer) {
        call.anySent = true;
        int status = answer.statusCode();
        CredentialLimiter limiter = policies.credentialLimiter();
        if (limiter != null && status != 429 && status < 500) {
            limiter.onSuccess();
        }
        if (status >= 200 && status < 300) {
            LOG.debug("{} -> {} (attempt {})", call.request, status, attempt);
            return new ApiResponse(status, answer.headers(), answer.body() == null ? new byte[0] : answer.body());
        }
        Duration retryAfter = RetryAfter.parse(answer.headers().firstValue("retry-after"), clock).orElse(null);
        if (status == 429) {
            policies.onRateLimited(call.request, retryAfter);
        }
        throw AttemptFailure.answered(call.request, attempt, call.deadline, status, answer.headers(), answer.body(),
                retryAfter);
    }

    private RuntimeException noAnswer(Call call, int attempt, Throwable error) {
        if (!(error instanceof IOException io)) {
            return error instanceof RuntimeException r ? r
                    : new IconikClientException(call.request + " failed: " + error, error, call.anySent);
        }
        boolean neverSent = neverSent(io);
        if (!neverSent) {
            call.anySent = true;
        }
        return AttemptFailure.noAnswer(call.request, attempt, call.deadline, io, neverSent,
                Redaction.scrub(describe(io), credentials.authToken()));
    }

    /** The SDK's exception for how the retry ended. */
    private RuntimeException finalError(Call call, Throwable t) {
        ApiRequest request = call.request;
        if (t instanceof AttemptFailure f) {
            if (f.answered()) {
                IconikServiceException error = ErrorMapper.map(request.method(), request.path(), f.status(),
                        f.headers(), f.body(), f.attempt(), f.retryAfter(), credentials.authToken());
                if (!request.idempotent() && f.status() >= 500) {
                    return new OutcomeUnknownException(request + " -> " + f.status() + ": iconik may have applied"
                            + " it; look it up before sending it again (" + error.getMessage() + ")", error);
                }
                return error;
            }
            IOException e = f.ioError();
            String what = Redaction.scrub(describe(e), credentials.authToken());
            if (!f.neverSent() && !request.idempotent()) {
                return new OutcomeUnknownException(request + " failed (" + what + ") after it was sent: iconik"
                        + " may have applied it; look it up before sending it again", scrubbed(e));
            }
            return new IconikClientException(request + " failed: " + what + attemptsNote(f.attempt()), scrubbed(e),
                    call.anySent);
        }
        if (t instanceof CallNotPermittedException e) {
            Duration wait = policies.openWait(call.breaker);
            IconikUnavailableException error = new IconikUnavailableException(request + " not sent: iconik's "
                    + ClientResilience.family(request.path()) + " API is failing (circuit breaker "
                    + call.breaker.getName() + " is " + call.breaker.getState() + "); calls fail fast until a probe"
                    + " after about " + wait.toMillis() + " ms succeeds" + (call.attempts > 1 ? " (after "
                    + (call.attempts - 1) + " attempts)" : ""), call.breaker.getName(), wait);
            error.initCause(e);
            return error;
        }
        if (t instanceof RequestNotPermitted e) {
            return new IconikClientException(request + " not sent: the client-side rate limit " + e.getMessage(),
                    e, call.anySent);
        }
        if (t instanceof CancellationException e) {
            return new IconikClientException(request + " was cancelled", e, call.anySent);
        }
        if (t instanceof RuntimeException r) {
            return r;
        }
        return new IconikClientException(request + " failed: " + t, t, call.anySent);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
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

    private static String attemptsNote(int attempt) {
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

    /** The state of one request across its attempts. */
    private static final class Call {
        final ApiRequest request;
        final HttpRequest httpRequest;
        final long deadline;
        final CircuitBreaker breaker;
        /** Attempts start one after the other, never two at once, so plain fields made volatile suffice. */
        volatile int attempts;
        volatile boolean anySent;
        volatile boolean cancelled;

        Call(ApiRequest request, HttpRequest httpRequest, long deadline, CircuitBreaker breaker) {
            this.request = request;
            this.httpRequest = httpRequest;
            this.deadline = deadline;
            this.breaker = breaker;
        }
    }
}
