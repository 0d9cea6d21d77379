// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.ingest.internal;

import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.api.upload.Registration;
import io.github.iconiksdk.api.upload.RegistrationOutcome;
import io.github.iconiksdk.core.client.IconikUnavailableException;
import io.github.iconiksdk.core.client.internal.ClientPolicies;
import io.github.iconiksdk.core.ingest.IngestEvent;
import io.github.iconiksdk.core.resilience.IconikResilience;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registration stage: per-file retries through Resilience4j that never hold a worker while they wait. */
class RegistrationStageTest {

    private final List<IngestEvent> events = new CopyOnWriteArrayList<>();
    private final PassCounts counts = new PassCounts();

    private RegistrationStage stage(int workers, Duration firstBackoff, AtomicBoolean stop) {
        return new RegistrationStage(workers, firstBackoff, new Events(events::add), counts, stop::get, r -> { });
    }

    private static Registration created(String path) {
        return new Registration(path, RegistrationOutcome.CREATED, "asset-" + path, null, null, null);
    }

    @Test
    void aFileInBackoff_doesNotHoldTheOnlyWorker() throws InterruptedException {
        AtomicInteger triesOfA = new AtomicInteger();
        CountDownLatch bDone = new CountDownLatch(1);
        try (RegistrationStage stage = stage(1, Duration.ofHours(1), new AtomicBoolean())) {
            stage.submit("a.mov", List.of("a.mov"), null, () -> {
                triesOfA.incrementAndGet();
                throw new IconikException("iconik answered 503");
            });
            stage.submit("b.mov", List.of("b.mov"), null, () -> created("b.mov"), bDone::countDown);

            // With the back-off held on the worker, b would wait an hour; on the timer it goes at once.
            assertTrue(bDone.await(60, TimeUnit.SECONDS), "b was registered while a waits out its back-off");
            assertEquals(1, triesOfA.get(), "a is still in its back-off");
            // b's callback runs just before the stage counts b finished: wait for that count, a stays accepted.
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (stage.backlog() > 1 && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            assertEquals(1, stage.backlog(), "a is still accepted, not finished");
            assertTrue(events.contains(new IngestEvent.FileRegistered("b.mov", RegistrationOutcome.CREATED,
                    java.util.Optional.of("asset-b.mov"))));
        }
    }

    @Test
    void aFailingFile_isTriedFourTimes_thenReportedFailed() {
        AtomicInteger tries = new AtomicInteger();
        try (RegistrationStage stage = stage(2, Duration.ofMillis(1), new AtomicBoolean())) {
            stage.submit("bad.mov", List.of("bad.mov"), null, () -> {
                tries.incrementAndGet();
                throw new IconikException("iconik answered 503");
            });
            stage.awaitIdle();
        }
        assertEquals(RegistrationStage.ATTEMPTS, tries.get());
        assertEquals(List.of(new IngestEvent.FileFailed("bad.mov", "iconik answered 503")), events);
    }

    @Test
    void aFileThatSucceedsOnItsThirdTry_isRegisteredOnce() {
        AtomicInteger tries = new AtomicInteger();
        try (RegistrationStage stage = stage(2, Duration.ofMillis(1), new AtomicBoolean())) {
            stage.submit("late.mov", List.of("late.mov"), null, () -> {
                if (tries.incrementAndGet() < 3) {
                    throw new IconikException("connection reset");
                }
                return created("late.mov");
            });
            stage.awaitIdle();
        }
        assertEquals(3, tries.get());
        assertEquals(List.of(new IngestEvent.FileRegistered("late.mov", RegistrationOutcome.CREATED,
                java.util.Optional.of("asset-late.mov"))), events);
    }

    @Test
    void anErrorThatIsNotIconiks_isNotRetried() {
        AtomicInteger tries = new AtomicInteger();
        try (RegistrationStage stage = stage(1, Duration.ofMillis(1), new AtomicBoolean())) {
            stage.submit("bug.mov", List.of("bug.mov"), null, () -> {
                tries.incrementAndGet();
                throw new IllegalStateException("a bug");
            });
            stage.awaitIdle();
        }
        assertEquals(1, tries.get());
        assertEquals(1, events.size());
        assertTrue(events.get(0) instanceof IngestEvent.FileFailed f && f.message().contains("a bug"));
    }

    @Test
    void aStopRequest_endsTheRetries_withoutAFailure() {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger tries = new AtomicInteger();
        try (RegistrationStage stage = stage(1, Duration.ofMillis(1), stop)) {
            stage.submit("a.mov", List.of("a.mov"), null, () -> {
                tries.incrementAndGet();
                stop.set(true);
                throw new IconikException("iconik answered 503");
            });
            stage.awaitIdle();
        }
        assertEquals(1, tries.get());
        assertEquals(List.of(), events, "left to the journal for the next pass, not reported failed");
    }

    @Test
    void aMovedFileThatKeepsFailing_stopsThePass() {
        try (RegistrationStage stage = stage(1, Duration.ofMillis(1), new AtomicBoolean())) {
            stage.submit("b.mov", List.of("b.mov", "a.mov"), "MOVED of b.mov", () -> {
                throw new IconikException("iconik answered 503");
            });
            IconikException e = assertThrows(IconikException.class, stage::awaitIdle);
            assertTrue(e.getMessage().contains("MOVED of b.mov"), e.getMessage());
        }
    }

    /** What the client throws when a breaker refuses a call: nothing was sent. */
    private static IconikUnavailableException refused(Duration breakerWait) {
        return new IconikUnavailableException("POST /API/assets/v1/assets/ not sent: iconik's assets API is failing",
                "iconik-assets", breakerWait);
    }

    @Test
    void refusalsByAnOpenBreaker_doNotUseUpTheAttempts_theFileIsRegisteredOnceInTheSamePass() {
        AtomicInteger tries = new AtomicInteger();
        int refusals = 2 * RegistrationStage.ATTEMPTS; // more than the attempts a file has
        try (RegistrationStage stage = stage(2, Duration.ofMillis(1), new AtomicBoolean())) {
            stage.submit("card.mov", List.of("card.mov"), null, () -> {
                if (tries.incrementAndGet() <= refusals) {
                    throw refused(Duration.ofMillis(1));
                }
                return created("card.mov");
            });
            stage.awaitIdle();
        }
        assertEquals(refusals + 1, tries.get());
        assertEquals(List.of(new IngestEvent.FileRegistered("card.mov", RegistrationOutcome.CREATED,
                Optional.of("asset-card.mov"))), events, "registered once, never reported failed");
    }

    /**
     * The client's own breaker, opened: the file refused by it would wait an hour (the breaker's word here, and the
     * back-off's), but goes as soon as a probe closes the breaker (the Resilience4j state transition).
     */
    @Test
    void aFileRefusedByAnOpenBreaker_goesAsSoonAsTheBreakerCloses() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            ClientPolicies policies = new ClientPolicies(IconikResilience.retryConfig(), null, Duration.ofMinutes(2),
                    null, IconikResilience.circuitBreakerConfig(), null, scheduler, Clock.systemUTC(),
                    System::nanoTime);
            CircuitBreaker breaker = policies.circuitBreaker("assets");
            breaker.transitionToOpenState();
            AtomicInteger tries = new AtomicInteger();
            CountDownLatch refusedOnce = new CountDownLatch(1);
            try (RegistrationStage stage = new RegistrationStage(1, Duration.ofHours(1),
                    RegistrationStage.OUTAGE_PATIENCE, System::nanoTime, policies, new Events(events::add), counts,
                    () -> false, r -> { })) {
                stage.submit("card.mov", List.of("card.mov"), null, () -> {
                    tries.incrementAndGet();
                    try {
                        breaker.acquirePermission(); // as the client's transport does before sending
                    } catch (CallNotPermittedException e) {
                        refusedOnce.countDown();
                        throw refused(Duration.ofHours(1));
                    }
                    breaker.onSuccess(1, TimeUnit.MILLISECONDS);
                    return created("card.mov");
                });
                assertTrue(await(refusedOnce), "the file was refused by the open breaker");

                // A probe (another caller's request) gets through and iconik answers: the breaker closes.
                breaker.transitionToHalfOpenState();
                breaker.acquirePermission();
                breaker.onSuccess(1, TimeUnit.MILLISECONDS);
                assertEquals(CircuitBreaker.State.CLOSED, breaker.getState());

                assertTimeoutPreemptively(Duration.ofSeconds(60), stage::awaitIdle,
                        "the refused file went when the breaker closed, not after its hour");
            }
            assertEquals(2, tries.get());
            assertEquals(List.of(new IngestEvent.FileRegistered("card.mov", RegistrationOutcome.CREATED,
                    Optional.of("asset-card.mov"))), events);
        } finally {
            scheduler.shutdownNow();
        }
    }

    /**
     * iconik never comes back: the stage waits for the breakers only for its patience (5 s on a clock each attempt
     * moves by a second), then refusals count as attempts again, the file is reported failed and the pass ends; a
     * file arriving after that fails fast too, with its usual attempts.
     */
    @Test
    void iconikThatNeverComesBack_isWaitedForOnlyThePatience_thenThePassEnds() {
        AtomicLong nanos = new AtomicLong();
        Duration patience = Duration.ofSeconds(5);
        AtomicInteger triesOfA = new AtomicInteger();
        AtomicInteger triesOfB = new AtomicInteger();
        try (RegistrationStage stage = new RegistrationStage(2, Duration.ofMillis(1), patience, nanos::get, null,
                new Events(events::add), counts, () -> false, r -> { })) {
            stage.submit("a.mov", List.of("a.mov"), null, () -> {
                triesOfA.incrementAndGet();
                nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
                throw refused(Duration.ofMillis(1));
            });
            assertTimeoutPreemptively(Duration.ofSeconds(60), stage::awaitIdle, "the pass ends");
            stage.submit("b.mov", List.of("b.mov"), null, () -> {
                triesOfB.incrementAndGet();
                throw refused(Duration.ofMillis(1));
            });
            assertTimeoutPreemptively(Duration.ofSeconds(60), stage::awaitIdle, "the pass ends");
        }
        // a: refused at 1, 2, 3, 4 and 5 s and waited for (under 5 s since the first refusal), then its 4 attempts.
        assertEquals(5 + RegistrationStage.ATTEMPTS, triesOfA.get());
        assertEquals(RegistrationStage.ATTEMPTS, triesOfB.get(), "the patience is used up: b fails fast");
        assertEquals(List.of("a.mov", "b.mov"), events.stream()
                .map(e -> e instanceof IngestEvent.FileFailed f ? f.path() : "not a failure: " + e).toList());
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
