// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.transcoder.watchfolder.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The journal of in-flight watch-folder jobs: one small file per job in the rule's state folder, written before
 * anything is staged and removed after cleanup. It names the process that owns the job (pid and start time, so a
 * reused pid is not mistaken for the owner) and every file the job put or expects in the tool's folders, so that
 * after a crash the next process removes exactly those and takes no stale proxy for another source.
 */
public final class JobJournal {

    private static final String SUFFIX = ".job";

    private final Path dir;

    /**
     * @param dir the rule's state folder (created when a job is first written)
     */
    public JobJournal(Path dir) {
        this.dir = dir;
    }

    /**
     * One job.
     *
     * @param file      the journal file
     * @param pid       the owning process
     * @param pidStart  the owner's start time, or {@code null} if the platform does not tell
     * @param source    the source file
     * @param staged    the file put in the input folder (staged source or job file)
     * @param output    the proxy the tool is expected to write
     * @param marker    the marker file expected, or {@code null}
     */
    public record Entry(Path file, long pid, Instant pidStart, Path source, Path staged, Path output, Path marker) {

        /** @return whether the owning process is gone (so the job is stale) */
        public boolean ownerGone() {
            Optional<ProcessHandle> owner = ProcessHandle.of(pid);
            if (owner.isEmpty() || !owner.get().isAlive()) {
                return true;
            }
            Optional<Instant> started = owner.get().info().startInstant();
            return pidStart != null && started.isPresent() && !started.get().equals(pidStart);
        }

        /** @return whether this process owns the job */
        public boolean ownedByThisProcess() {
            return pid == ProcessHandle.current().pid();
        }
    }

    /**
     * Writes a job's entry, failing if one exists for the same key.
     *
     * @param key    the job's key (the rule's name and the source's stem)
     * @param source the source
     * @param staged what will be put in the input folder
     * @param output the proxy expected
     * @param marker the marker expected, or {@code null}
     * @return the entry written
     * @throws FileAlreadyExistsException if a job with that key is in flight (or was left by a crash)
     * @throws IOException                if the state folder cannot be written
     */
    public Entry begin(String key, Path source, Path staged, Path output, Path marker) throws IOException {
        Files.createDirectories(dir);
        ProcessHandle me = ProcessHandle.current();
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(me.pid()));
        me.info().startInstant().ifPresent(t -> p.setProperty("pid-start", t.toString()));
        p.setProperty("source", source.toAbsolutePath().toString());
        p.setProperty("staged", staged.toAbsolutePath().toString());
        p.setProperty("output", output.toAbsolutePath().toString());
        if (marker != null) {
            p.setProperty("marker", marker.toAbsolutePath().toString());
        }
        StringWriter text = new StringWriter();
        p.store(text, "iconik SDK watch-folder job; removed when the job is cleaned up");
        Path file = fileOf(key);
        Files.writeString(file, text.toString(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        return read(file).orElseThrow(() -> new IOException("journal entry " + file + " vanished as written"));
    }

    /**
     * @param key a job's key
     * @return the entry under that key, if any
     * @throws IOException if it cannot be read
     */
    public Optional<Entry> find(String key) throws IOException {
        return read(fileOf(key));
    }

    /**
     * @return every entry in the state folder
     * @throws IOException if the folder cannot be listed
     */
    public List<Entry> all() throws IOException {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : files) {
                read(f).ifPresent(out::add);
            }
        }
        return out;
    }

    /**
     * Removes an entry (the job's files must be cleaned first).
     *
     * @param entry the entry
     * @throws IOException if it cannot be removed
     */
    public void end(Entry entry) throws IOException {
        Files.deleteIfExists(entry.file());
    }

    private Path fileOf(String key) {
        return dir.resolve(key + SUFFIX);
    }

    private static Optional<Entry> read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = new StringReader(text)) {
            p.load(r);
        }
        String pid = p.getProperty("pid");
        if (pid == null || p.getProperty("staged") == null || p.getProperty("output") == null) {
            // a torn write by a killed process: nothing was staged before the entry was complete
            return Optional.of(new Entry(file, -1, null, null, null, null, null));
        }
        String start = p.getProperty("pid-start");
        String marker = p.getProperty("marker");
        return Optional.of(new Entry(file, Long.parseLong(pid), start == null ? null : Instant.parse(start),
                Path.of(p.getProperty("source", "")), Path.of(p.getProperty("staged")),
                Path.of(p.getProperty("output")), marker == null ? null : Path.of(marker)));
    }
}
