// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code ./iconik-gateway} launcher, run on a copy of the project layout with a fake {@code mvn} on the PATH
 * that records its calls: no Maven call when the jar is current, one when a source is newer, {@code exec} of java,
 * and a UTF-8 locale forced when the caller's is not.
 */
class LauncherIT {

    @TempDir
    Path root;
    private Path mvnCalls;
    private Path source;
    private Path jar;

    @BeforeEach
    void layOutProject() throws IOException {
        Path projectRoot = Path.of(System.getProperty("project.root"));
        Files.copy(projectRoot.resolve("iconik-gateway"), root.resolve("iconik-gateway"));
        jar = root.resolve("samples/gateway/target/iconik-gateway.jar");
        Files.createDirectories(jar.getParent());
        Files.copy(Path.of(System.getProperty("gateway.jar")), jar);
        source = root.resolve("samples/gateway/src/main/java/Example.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class Example {}");
        Files.setLastModifiedTime(source, FileTime.from(Instant.now().minusSeconds(3600)));
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));

        mvnCalls = root.resolve("mvn-calls");
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path mvn = bin.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\necho \"$@\" >> '" + mvnCalls + "'\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Runs the launcher through bash so that non-ASCII arguments are made from $'…' escapes, not by this JVM. */
    private Process start(String bashArgs) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "exec ./iconik-gateway " + bashArgs)
                .directory(root.toFile());
        pb.environment().put("PATH", root.resolve("bin") + ":" + System.getenv("PATH"));
        pb.environment().remove("LANG");
        pb.environment().remove("LC_CTYPE");
        pb.environment().put("LC_ALL", "C");
        return pb.start();
    }

    private String run(String bashArgs) throws Exception {
        Process p = start(bashArgs);
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), () -> out + new String(readErr(p), StandardCharsets.UTF_8));
        return out;
    }

    private static byte[] readErr(Process p) {
        try {
            return p.getErrorStream().readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    @Test
    void currentJar_runsWithoutMaven() throws Exception {
        assertEquals("IGNORED\tdocs/a.PDF\n", run("patterns --ignore '*.pdf' docs/a.PDF"));
        assertFalse(Files.exists(mvnCalls), "mvn was called although the jar is current");
    }

    @Test
    void sourceNewerThanJar_rebuildsOnce() throws Exception {
        Files.setLastModifiedTime(source, FileTime.from(Instant.now()));
        run("patterns x");
        List<String> calls = Files.readAllLines(mvnCalls);
        assertEquals(1, calls.size());
        assertTrue(calls.get(0).contains("package"), calls.get(0));
    }

    @Test
    void nonUtf8Locale_isSwitchedToUtf8_soUnicodeNamesSurvive() throws Exception {
        // pattern "été"; paths "Été/" composed and "Été/x.mov" decomposed (E + U+0301)
        String out = run("patterns --ignore $'\\xc3\\xa9t\\xc3\\xa9' $'\\xc3\\x89t\\xc3\\xa9/'"
                + " $'E\\xcc\\x81te\\xcc\\x81/x.mov' kept.mov");
        assertEquals("IGNORED\t\u00c9t\u00e9/\nIGNORED\tE\u0301te\u0301/x.mov\nKEPT\tkept.mov\n", out);
    }

    @Test
    void launcherExecsJava_soSignalsReachTheJvm() throws Exception {
        Process p = start("patterns"); // waits for paths on stdin
        try {
            String command = "";
            for (int i = 0; i < 100 && !command.endsWith("java"); i++) {
                command = ProcessHandle.of(p.pid()).flatMap(h -> h.info().command()).orElse("");
                Thread.sleep(100);
            }
            assertTrue(command.endsWith("java"), "launcher process is " + command);
        } finally {
            p.getOutputStream().close();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        }
    }
}
