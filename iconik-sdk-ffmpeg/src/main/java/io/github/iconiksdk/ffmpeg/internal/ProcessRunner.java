// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.ffmpeg.internal;

import io.github.iconiksdk.api.transcode.TranscodeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs ffmpeg or ffprobe as a child process: reads stdout line by line to a consumer and keeps stderr, enforces a
 * timeout, and stops the process when the calling thread is interrupted. Stopping is graceful first: {@code q} on
 * stdin (ffmpeg finishes its outputs and exits), then {@code destroy} (SIGTERM), then {@code destroyForcibly}.
 */
public final class ProcessRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessRunner.class);
    private static final int KEPT_STDERR_LINES = 400;
    private static final Duration TERM_WAIT = Duration.ofSeconds(2);

    /** Processes running now; a shutdown hook terminates them, so no ffmpeg outlives the JVM (SIGTERM, exit). */
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroy), "ffmpeg-reaper"));
    }

    private final Duration gracePeriod;

    /**
     * @param gracePeriod how long a process may take to quit after {@code q} before it is destroyed
     */
    public ProcessRunner(Duration gracePeriod) {
        this.gracePeriod = Objects.requireNonNull(gracePeriod, "gracePeriod");
    }

    /**
     * What a finished process left.
     *
     * @param exitCode its exit code
     * @param stderr   what it printed on stderr (the last lines when it printed a great many)
     */
    public record Outcome(int exitCode, List<String> stderr) {
        /** Copies the lines. */
        public Outcome {
            stderr = List.copyOf(stderr);
        }
    }

    /**
     * Runs a process to its end.
     *
     * @param arguments the executable and its arguments
     * @param timeout   the longest it may run
     * @param stdout    receives each stdout line, on a reader thread
     * @param what      what is being done, for messages ({@code "ffmpeg on /media/clip.mov"})
     * @return the exit code and stderr
     * @throws TranscodeException if it cannot be started, times out, or the calling thread is interrupted
     *                            (the interrupt flag is set again before throwing)
     */
    public Outcome run(List<String> arguments, Duration timeout, Consumer<String> stdout, String what) {
        return run(arguments, timeout, timeout, stdout, what);
    }

    /**
     * Runs a process to its end, with a timeout that is what is left of a larger budget.
     *
     * @param arguments      the executable and its arguments
     * @param timeout        the longest it may run
     * @param budget         the whole budget, named in the timeout message
     * @param stdout         receives each stdout line, on a reader thread
     * @param what           what is being done, for messages
     * @return the exit code and stderr
     * @throws TranscodeException if it cannot be started, times out, or the calling thread is interrupted
     *                            (the interrupt flag is set again before throwing)
     */
    public Outcome run(List<String> arguments, Duration timeout, Duration budget, Consumer<String> stdout,
                       String what) {
        LOG.debug("running {}", arguments);
        Process process;
        try {
            process = new ProcessBuilder(arguments).start();
        } catch (IOException e) {
            throw new TranscodeException("could not start " + what + " (" + arguments.get(0) + ")", -1, List.of(),
                    e);
        }
        LIVE.add(process);
        try {
            return await(process, timeout, budget, stdout, what);
        } finally {
            LIVE.remove(process);
        }
    }

    private Outcome await(Process process, Duration timeout, Duration budget, Consumer<String> stdout, String what) {
        Deque<String> stderr = new ArrayDeque<>();
        Thread outReader = reader(process.getInputStream(), stdout, "stdout");
        Thread errReader = reader(process.getErrorStream(), line -> {
            LOG.debug("{}: {}", what, line);
            synchronized (stderr) {
                if (stderr.size() == KEPT_STDERR_LINES) {
                    stderr.removeFirst();
                }
                stderr.addLast(line);
            }
        }, "stderr");
        boolean finished;
        try {
            finished = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            stop(process);
            join(outReader);
            join(errReader);
            Thread.currentThread().interrupt();
            throw new TranscodeException(what + " was cancelled", -1, FfmpegLog.errorLines(copy(stderr)), e);
        }
        if (!finished) {
            stop(process);
            join(outReader);
            join(errReader);
            throw new TranscodeException(what + " timed out after " + budget, -1,
                    FfmpegLog.errorLines(copy(stderr)), null);
        }
        join(outReader);
        join(errReader);
        return new Outcome(process.exitValue(), copy(stderr));
    }

    private void stop(Process process) {
        boolean[] interrupted = {Thread.interrupted()};
        try (OutputStream in = process.getOutputStream()) {
            in.write('q');
            in.flush();
        } catch (IOException e) {
            LOG.debug("could not ask the process to quit: {}", e.toString());
        }
        try {
            if (awaitExit(process, gracePeriod, interrupted)) {
                return;
            }
            LOG.debug("process {} did not quit within {}; terminating it", process.pid(), gracePeriod);
            process.destroy();
            if (awaitExit(process, TERM_WAIT, interrupted)) {
                return;
            }
            process.destroyForcibly();
            awaitExit(process, TERM_WAIT, interrupted);
        } finally {
            if (interrupted[0]) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits for the process to exit; an interrupt does not cut the wait short but is remembered. */
    private static boolean awaitExit(Process process, Duration wait, boolean[] interrupted) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                return process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted[0] = true;
            }
        }
    }

    private static Thread reader(InputStream stream, Consumer<String> sink, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                LOG.debug("{} reader stopped: {}", name, e.toString());
            } catch (RuntimeException e) {
                LOG.warn("{} line consumer failed; output ignored from here on", name, e);
                drain(stream);
            }
        }, "ffmpeg-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void drain(InputStream stream) {
        try {
            stream.transferTo(OutputStream.nullOutputStream());
        } catch (IOException ignored) {
            // the process is gone; nothing left to read
        }
    }

    private static void join(Thread t) {
        boolean interrupted = Thread.interrupted();
        try {
            t.join(TERM_WAIT.toMillis());
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static List<String> copy(Deque<String> lines) {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }
}
