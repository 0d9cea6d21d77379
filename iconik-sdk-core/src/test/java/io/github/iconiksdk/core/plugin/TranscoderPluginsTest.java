// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.plugin;

import io.github.iconiksdk.api.transcode.TranscoderConfig;
import io.github.iconiksdk.api.transcode.TranscoderProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A plugin jar dropped in the plugins folder is found at start, with no rebuild: the test compiles a provider
 * against the SDK's API, packs it with its service entry into a jar, and loads the folder.
 */
class TranscoderPluginsTest {

    @TempDir
    Path tmp;

    private Path pluginJar(Path dir, String name, int priority) throws IOException {
        return pluginJar(dir, name, priority, "");
    }

    private Path pluginJar(Path dir, String name, int priority, String body) throws IOException {
        Path src = Files.createDirectories(tmp.resolve("src/" + name + "/com/example"));
        Path classes = Files.createDirectories(tmp.resolve("classes/" + name));
        String cls = "Provider" + priority;
        Files.writeString(src.resolve(cls + ".java"), """
                package com.example;
                import io.github.iconiksdk.api.transcode.*;
                import java.nio.file.Path;
                public final class %s implements TranscoderProvider {
                    public String name() { return "%s"; }
                    public int priority() { return %d; }
                    public boolean isAvailable() { return true; }
                    public boolean supports(MediaInfo media) { return false; }
                    public Transcoder transcoder() { throw new TranscodeException("not here", -1, java.util.List.of(), null); }
                    %s
                }
                """.formatted(cls, name, priority, body));
        // the JDK's javac as a process: the test classes are patched into the SDK's module, which does not read
        // java.compiler
        Process javac = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                src.resolve(cls + ".java").toString()).redirectErrorStream(true).start();
        String log = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            assertEquals(0, javac.waitFor(), "the test plugin compiles: " + log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        Path jar = Files.createDirectories(dir).resolve(name + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/services/" + TranscoderProvider.class.getName()));
            out.write(("com.example." + cls + "\n").getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new JarEntry("com/example/" + cls + ".class"));
            try (Stream<Path> files = Files.walk(classes)) {
                Path compiled = files.filter(p -> p.toString().endsWith(cls + ".class")).findFirst().orElseThrow();
                Files.copy(compiled, (OutputStream) out);
            }
        }
        return jar;
    }

    @Test
    void jarInPluginsFolder_isFoundAtStart_withItsOwnClassLoader() throws Exception {
        Path plugins = tmp.resolve("plugins");
        pluginJar(plugins, "jar-plugin", 7);
        pluginJar(plugins, "another", 70);
        try (TranscoderPlugins loaded = TranscoderPlugins.load(plugins)) {
            List<String> names = loaded.providers().stream().map(TranscoderProvider::name).toList();
            assertEquals(List.of("another", "jar-plugin"), names.stream()
                    .filter(n -> n.equals("another") || n.equals("jar-plugin")).toList(), "highest priority first");
            TranscoderProvider fromJar = loaded.providers().stream().filter(p -> p.name().equals("jar-plugin"))
                    .findFirst().orElseThrow();
            assertNotSame(getClass().getClassLoader(), fromJar.getClass().getClassLoader());
            assertEquals(2, loaded.jars().size());
        }
    }

    @Test
    void configuredPlugins_claimFilesBeforeAnyProbe_highestPriorityFirst() throws Exception {
        Path plugins = tmp.resolve("plugins");
        pluginJar(plugins, "claimer", 70, """
                private String ext;
                public void configure(TranscoderConfig c) {
                    ext = c.option("claimer.ext").orElseThrow(
                            () -> new IllegalArgumentException("claimer.ext is required"));
                }
                public boolean claims(Path source) {
                    return ext != null && source.getFileName().toString().endsWith("." + ext);
                }
                """);
        pluginJar(plugins, "greedy", 7, "public boolean claims(Path source) { return true; }");
        try (TranscoderPlugins loaded = TranscoderPlugins.load(plugins)) {
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                    () -> loaded.configure(new TranscoderConfig(Map.of(), tmp)));
            assertTrue(bad.getMessage().contains("'claimer'") && bad.getMessage().contains("claimer.ext"),
                    bad.getMessage());

            loaded.configure(new TranscoderConfig(Map.of("claimer.ext", "xyz"), tmp));
            assertEquals("claimer", loaded.claimant(Path.of("card/a.xyz")).orElseThrow().name(),
                    "both claim it: the higher priority wins");
            assertEquals("greedy", loaded.claimant(Path.of("card/a.mov")).orElseThrow().name());
        }
    }

    @Test
    void missingFolder_meansNoThirdPartyPlugins_notAnError() {
        try (TranscoderPlugins loaded = TranscoderPlugins.load(tmp.resolve("no-such-folder"))) {
            assertTrue(loaded.jars().isEmpty());
            assertFalse(loaded.providers().stream().anyMatch(p -> p.name().equals("jar-plugin")));
        }
    }

    @Test
    void brokenJar_isSkippedWithAWarning_othersStillLoad() throws Exception {
        Path plugins = tmp.resolve("plugins");
        pluginJar(plugins, "jar-plugin", 7);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(plugins.resolve("broken.jar")))) {
            out.putNextEntry(new JarEntry("META-INF/services/" + TranscoderProvider.class.getName()));
            out.write("com.example.Missing\n".getBytes(StandardCharsets.UTF_8));
        }
        try (TranscoderPlugins loaded = TranscoderPlugins.load(plugins)) {
            assertTrue(loaded.providers().stream().anyMatch(p -> p.name().equals("jar-plugin")));
        }
    }
}
