// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.internal;

import io.github.iconiksdk.core.resilience.ClientResilience;
import io.github.iconiksdk.core.resilience.IconikResilience;
import io.github.iconiksdk.core.resilience.ResilienceEvent;
import io.github.iconiksdk.core.resilience.ResilienceListener;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/**
 * The policies of one client: its retry, its credential's rate limiter, its circuit breakers by endpoint family,
 * the scheduler their waits run on, and the event wiring (SLF4J logs and the SDK's listeners). Events of a policy
 * are logged once however many clients share it (through a user's registry), and reach the listeners of every
 * client that uses it.
 */
public final class ClientPolicies implements ClientResilience {

    private static final Logger LOG = LoggerFactory.getLogger(ClientPolicies.class);
    /** Per Resilience4j policy instance, the clients to forward its events to (held weakly). */
    private static final Map<Object, List<WeakReference<ClientPolicies>>> AUDIENCE = new WeakHashMap<>();

    private final Retry retry;
    private final CredentialLimiter limiter;
    private final CircuitBreakerRegistry breakerRegistry;
    private final CircuitBreakerConfig breakerConfig;
    private final ConcurrentMap<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final List<ResilienceListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler;
    private final Duration timeBudget;
    private final Clock clock;

    /**
     * @param retryConfig     the retry configuration before the SDK's rules are added
     * @param retryRegistry   the registry to create the retry in, or null for a retry of this client's own
     * @param timeBudget      the most time one request may take across attempts and waits
     * @param limiter         the credential's rate limiter, or null for none
     * @param breakerConfig   the circuit breaker configuration before the SDK's predicates are added
     * @param breakerRegistry the registry to create breakers in, or null for breakers of this client's own
     * @param scheduler       where waits run
     * @param clock           the wall clock (events' times)
     * @param nanoClock       the monotonic clock (time budgets)
     */
    public ClientPolicies(RetryConfig retryConfig, RetryRegistry retryRegistry, Duration timeBudget,
                          CredentialLimiter limiter, CircuitBreakerConfig breakerConfig,
                          CircuitBreakerRegistry breakerRegistry, ScheduledExecutorService scheduler, Clock clock,
                          LongSupplier nanoClock) {
        RetryConfig effective = RetryRules.effective(retryConfig, nanoClock);
        this.retry = retryRegistry == null ? Retry.of(IconikResilience.RETRY, effective)
                : retryRegistry.retry(IconikResilience.RETRY, effective);
        this.timeBudget = timeBudget;
        this.limiter = limiter;
        this.breakerConfig = CircuitBreakerConfig.from(breakerConfig)
                .recordException(RetryRules::isOutage)
                .ignoreException(RetryRules::isThrottled)
                .build();
        this.breakerRegistry = breakerRegistry == null ? CircuitBreakerRegistry.of(this.breakerConfig)
                : breakerRegistry;
        this.scheduler = scheduler;
        this.clock = clock;
        listen(retry, () -> wireRetry(retry));
    }

    @Override
    public Retry retry() {
        return retry;
    }

    @Override
    public Optional<RateLimiter> rateLimiter() {
        return Optional.ofNullable(limiter).map(CredentialLimiter::rateLimiter);
    }

    /** @return the credential's limiter with its 429 handling, or null when the rate limit is disabled */
    CredentialLimiter credentialLimiter() {
        return limiter;
    }

    @Override
    public CircuitBreaker circuitBreaker(String family) {
        Objects.requireNonNull(family, "family");
        return breakers.computeIfAbsent(family, f -> {
            CircuitBreaker breaker = breakerRegistry.circuitBreaker(IconikResilience.CIRCUIT_BREAKER_PREFIX + f,
                    breakerConfig);
            listen(breaker, () -> wireBreaker(breaker, f));
            return breaker;
        });
    }

    @Override
    public List<CircuitBreaker> circuitBreakers() {
        return List.copyOf(breakers.values());
    }

    @Override
    public boolean serviceFailing() {
        for (CircuitBreaker b : breakers.values()) {
            CircuitBreaker.State s = b.getState();
            if (s == CircuitBreaker.State.OPEN || s == CircuitBreaker.State.HALF_OPEN
                    || s == CircuitBreaker.State.FORCED_OPEN) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void addListener(ResilienceListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(ResilienceListener listener) {
        listeners.remove(listener);
    }

    /** @return where retry and rate-limit waits run */
    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** @return the most time one request may take */
    Duration timeBudget() {
        return timeBudget;
    }

    /** @return how long an open breaker stays open before it lets a probe through */
    Duration openWait(CircuitBreaker breaker) {
        return Duration.ofMillis(breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1));
    }

    /**
     * iconik answered 429 to {@code request}: pause the credential, log, tell the listeners.
     *
     * @param request    the request
     * @param retryAfter iconik's wait, or null
     */
    void onRateLimited(ApiRequest request, Duration retryAfter) {
        if (limiter == null) {
            return;
        }
        boolean lowered = limiter.onRateLimited(retryAfter);
        String name = limiter.rateLimiter().getName();
        String message = request + " -> 429: every caller of this credential pauses "
                + (retryAfter == null ? "for the limiter's next permits" : retryAfter.toMillis() + " ms")
                + (lowered ? "; permits per period lowered to " + (int) Math.floor(limiter.currentLimit() + 1e-9)
                + " of " + limiter.configuredLimit() : "");
        if (lowered) {
            LOG.warn("rate limiter {}: {}", name, message);
        } else {
            LOG.debug("rate limiter {}: {}", name, message);
        }
        tell(new ResilienceEvent(clock.instant(), ResilienceEvent.Type.RATE_LIMITED, name, message, retryAfter));
    }

    private void wireRetry(Retry r) {
        r.getEventPublisher()
                .onRetry(e -> {
                    String message = String.valueOf(e.getLastThrowable() == null ? "result"
                            : e.getLastThrowable().getMessage()) + "; retrying in " + e.getWaitInterval().toMillis()
                            + " ms";
                    LOG.debug(message);
                    forward(r, new ResilienceEvent(clock.instant(), ResilienceEvent.Type.RETRY, r.getName(),
                            message, e.getWaitInterval()));
                })
                .onError(e -> {
                    String message = String.valueOf(e.getLastThrowable() == null ? "result"
                            : e.getLastThrowable().getMessage()) + "; not retried again (attempts or time budget"
                            + " used up)";
                    LOG.debug(message);
                    forward(r, new ResilienceEvent(clock.instant(), ResilienceEvent.Type.RETRIES_EXHAUSTED,
                            r.getName(), message, null));
                })
                .onIgnoredError(e -> LOG.trace("{}: final, not retried", e.getLastThrowable() == null ? "result"
                        : e.getLastThrowable().getMessage()));
    }

    private void wireBreaker(CircuitBreaker b, String family) {
        b.getEventPublisher()
                .onStateTransition(e -> {
                    CircuitBreaker.State to = e.getStateTransition().getToState();
                    CircuitBreaker.Metrics m = b.getMetrics();
                    Duration wait = openWait(b);
                    String message;
                    ResilienceEvent.Type type;
                    switch (to) {
                        case OPEN -> {
                            message = "iconik's " + family + " API is failing (" + m.getNumberOfFailedCalls()
                                    + " of the last " + m.getNumberOfBufferedCalls() + " attempts failed):"
                                    + " calls fail fast for " + wait.toMillis() + " ms, then a probe goes through";
                            type = ResilienceEvent.Type.CIRCUIT_OPENED;
                            LOG.warn("circuit breaker {}: {}", b.getName(), message);
                        }
                        case HALF_OPEN -> {
                            message = "probing whether iconik's " + family + " API answers again";
                            type = ResilienceEvent.Type.CIRCUIT_HALF_OPEN;
                            wait = null;
                            LOG.info("circuit breaker {}: {}", b.getName(), message);
                        }
                        case CLOSED -> {
                            message = "iconik's " + family + " API answers again";
                            type = ResilienceEvent.Type.CIRCUIT_CLOSED;
                            wait = null;
                            LOG.info("circuit breaker {}: {}", b.getName(), message);
                        }
                        default -> {
                            message = "state " + e.getStateTransition();
                            type = to == CircuitBreaker.State.FORCED_OPEN ? ResilienceEvent.Type.CIRCUIT_OPENED
                                    : ResilienceEvent.Type.CIRCUIT_CLOSED;
                            wait = null;
                            LOG.info("circuit breaker {}: {}", b.getName(), message);
                        }
                    }
                    forward(b, new ResilienceEvent(clock.instant(), type, b.getName(), message, wait));
                })
                .onCallNotPermitted(e -> {
                    String message = "call to iconik's " + family + " API refused without sending: breaker open";
                    LOG.debug("circuit breaker {}: {}", b.getName(), message);
                    forward(b, new ResilienceEvent(clock.instant(), ResilienceEvent.Type.CALL_REJECTED, b.getName(),
                            message, null));
                });
    }

    /** Registers this client as an audience of {@code policy}; wires the policy's logging the first time. */
    private void listen(Object policy, Runnable wire) {
        boolean first;
        synchronized (AUDIENCE) {
            List<WeakReference<ClientPolicies>> audience = AUDIENCE.get(policy);
            first = audience == null;
            if (first) {
                audience = new CopyOnWriteArrayList<>();
                AUDIENCE.put(policy, audience);
            }
            audience.removeIf(ref -> ref.get() == null);
            audience.add(new WeakReference<>(this));
        }
        if (first) {
            wire.run();
        }
    }

    private static void forward(Object policy, ResilienceEvent event) {
        List<WeakReference<ClientPolicies>> audience;
        synchronized (AUDIENCE) {
            audience = AUDIENCE.get(policy);
        }
        if (audience == null) {
            return;
        }
        List<ClientPolicies> live = new ArrayList<>();
        for (WeakReference<ClientPolicies> ref : audience) {
            ClientPolicies p = ref.get();
            if (p != null) {
                live.add(p);
            }
        }
        for (ClientPolicies p : live) {
            p.tell(event);
        }
    }

    private void tell(ResilienceEvent event) {
        for (ResilienceListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("resilience listener {} failed on {}: {}", l, event.type(), e.toString());
            }
        }
    }
}
