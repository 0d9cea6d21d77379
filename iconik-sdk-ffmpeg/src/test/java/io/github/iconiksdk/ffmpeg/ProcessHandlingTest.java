// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.ffmpeg;

import io.github.iconiksdk.api.transcode.TranscodeException;
import io.github.iconiksdk.api.transcode.TranscodeRequest;
import io.github.iconiksdk.testing.RequiredTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Timeouts, cancellation, the job bound and missing tools, with real ffmpeg processes. */
class ProcessHandlingTest {

    @TempDir
    Path out;

    /** Long enough that a transcode is still running when the test acts (several seconds of 720p work). */
    private static Path longClip() {
        return TestMedia.silentVideo("1280x720", 40);
    }

    private static long runningFfmpegChildren() {
        return ProcessHandle.current().children()
                .filter(p -> p.info().command().map(c -> c.endsWith("ffmpeg")).orElse(false)).count();
    }

    @Test
    void interruptingTheCaller_cancelsFfmpegAndLeavesNothing() throws Exception {
        RequiredTools.ffmpeg();
        FfmpegTranscoder ffmpeg = FfmpegTranscoder.builder().build();
        Path clip = longClip();
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean interruptKept = new AtomicBoolean();
        Thread worker = new Thread(() -> {
            try {
                ffmpeg.transcode(TranscodeRequest.builder(clip, out).build(), p -> started.countDown());
            } catch (Throwable t) {
                thrown.set(t);
                interruptKept.set(Thread.currentThread().isInterrupted());
            }
        });
        worker.start();
        assertTrue(started.await(60, TimeUnit.SECONDS), "ffmpeg reported progress");

        long before = System.nanoTime();
        worker.interrupt();
        worker.join(30_000);

        assertTrue(!worker.isAlive(), "the transcode returned after the interrupt");
        assertTrue(System.nanoTime() - before < TimeUnit.SECONDS.toNanos(15), "cancelled promptly");
        TranscodeException e = (TranscodeException) thrown.get();
        assertNotNull(e);
        assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
        assertEquals(-1, e.exitCode());
        assertTrue(interruptKept.get(), "the interrupt flag is set again for the caller");
        assertEquals(Set.of(), FfmpegTranscoderTest.names(out), "partial outputs are removed");
        assertEquals(0, runningFfmpegChildren(), "no ffmpeg is left running");
    }

    @Test
    void timeout_stopsFfmpegAndFails() {
        RequiredTools.ffmpeg();
        FfmpegTranscoder ffmpeg = FfmpegTranscoder.builder().cancelGracePeriod(Duration.ofSeconds(2)).build();
        TranscodeRequest request = TranscodeRequest.builder(longClip(), out).timeout(Duration.ofSeconds(2)).build();

        TranscodeException e = assertThrows(TranscodeException.class, () -> ffmpeg.transcode(request, null));

        assertTrue(e.getMessage().contains("timed out after PT2S"), e.getMessage());
        assertEquals(-1, e.exitCode());
        assertEquals(Set.of(), FfmpegTranscoderTest.names(out));
        assertEquals(0, runningFfmpegChildren());
    }

    @Test
    void maxConcurrentJobs_boundsHowManyFfmpegsRunAtOnce() throws Exception {
        RequiredTools.ffmpeg();
        FfmpegTranscoder ffmpeg = FfmpegTranscoder.builder().maxConcurrentJobs(1).build();
        Path clip = TestMedia.video("640x360", "30", 2);
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        // Samples this JVM's ffmpeg children while three transcodes compete for the single slot.
        Thread sampler = new Thread(() -> {
            while (!done.get()) {
                mostAtOnce.accumulateAndGet((int) runningFfmpegChildren(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> jobs = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Path dir = out.resolve("job" + i);
                jobs.add(pool.submit(() -> ffmpeg.transcode(TranscodeRequest.builder(clip, dir).build(), null)));
            }
            for (Future<?> job : jobs) {
                job.get(120, TimeUnit.SECONDS);
            }
        } finally {
            done.set(true);
            sampler.join();
            pool.shutdownNow();
        }
        assertEquals(1, mostAtOnce.get(), "one ffmpeg at a time, and the sampler saw it");
    }

    @Test
    void missingFfmpeg_errorNamesWhereItLooked() {
        TranscodeException e = assertThrows(TranscodeException.class, () -> FfmpegTranscoder.builder()
                .ffmpegPath(out.resolve("bin/ffmpeg")).searchPath(out.resolve("empty").toString()).build());

        assertTrue(e.getMessage().contains(out.resolve("bin/ffmpeg") + " (configured)"), e.getMessage());
        assertTrue(e.getMessage().contains("on PATH (" + out.resolve("empty") + ")"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install ffmpeg"), e.getMessage());
    }

    @Test
    void configuredPath_isUsedAndFfprobeFoundBesideIt() {
        RequiredTools.ffmpeg();
        // wherever this machine keeps them: the first folder on PATH holding ffmpeg
        Path dir = RequiredTools.locate("ffmpeg").orElseThrow().getParent();
        RequiredTools.require(java.nio.file.Files.isExecutable(dir.resolve("ffprobe")),
                "needs ffprobe beside ffmpeg (in " + dir + ")");
        FfmpegTranscoder ffmpeg = FfmpegTranscoder.builder().ffmpegPath(dir.resolve("ffmpeg"))
                .searchPath(null).build();
        assertEquals(dir.resolve("ffprobe"), ffmpeg.ffprobePath());
        assertTrue(ffmpeg.ffmpegVersion().matches("\\S+"));
    }
}
