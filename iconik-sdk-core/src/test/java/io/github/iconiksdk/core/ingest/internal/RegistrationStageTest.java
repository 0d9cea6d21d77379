package io.github.iconiksdk.core.ingest.internal;

import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.api.upload.Registration;
import io.github.iconiksdk.api.upload.RegistrationOutcome;
import io.github.iconiksdk.core.ingest.IngestEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
}
