// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.transcoder.raw.internal;

import io.github.iconiksdk.api.transcode.TranscodeException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs one of LibRaw's sample programs to the end, with a time limit; killed on timeout or interrupt. */
public final class Tool {

    private Tool() {
    }

    /**
     * What a run printed.
     *
     * @param exitCode the exit code
     * @param out      standard output
     * @param errLines standard error, line by line
     */
    public record Result(int exitCode, String out, List<String> errLines) {
    }

    /**
     * @param command the program and its arguments
     * @param workDir the folder it runs in
     * @param timeout the longest it may run
     * @param what    what is being done, for errors ({@code "decode /x/a.dng"})
     * @return what it printed
     * @throws TranscodeException if it cannot start, times out, or the thread is interrupted
     */
    public static Result run(List<String> command, Path workDir, Duration timeout, String what) {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(workDir.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            p.getOutputStream().close();
        } catch (IOException e) {
            throw new TranscodeException("raw: cannot start " + command.get(0) + " to " + what + ": "
                    + e.getMessage(), -1, List.of(), e);
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(p);
                throw new TranscodeException("raw: " + command.get(0) + " did not " + what + " within the "
                        + timeout.toSeconds() + " s timeout", -1, lines(err.get()), null);
            }
            return new Result(p.exitValue(), out.get(), lines(err.get()));
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
            throw new TranscodeException("raw: cancelled while " + command.get(0) + " ran to " + what, -1,
                    List.of(), e);
        } catch (ExecutionException e) {
            kill(p);
            throw new TranscodeException("raw: cannot read " + command.get(0) + "'s output", -1, List.of(), e);
        }
    }

    private static void kill(Process p) {
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (!line.isBlank()) {
                out.add(line.strip());
            }
        }
        return out;
    }
}
