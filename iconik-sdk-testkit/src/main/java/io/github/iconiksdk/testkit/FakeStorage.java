// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * JUnit 5 extension for tests of an ingest: before each test, a fresh folder and a fake iconik whose File storage
 * has it as its mount point, with files registered as soon as they are seen ({@code growing_files_threshold} 0);
 * after the test, the fake is stopped and the folder deleted.
 *
 * <pre>{@code
 * @RegisterExtension
 * final FakeStorage storage = new FakeStorage().withoutLocalRenditions();
 *
 * @Test
 * void ingest() throws Exception {
 *     Files.writeString(storage.root().resolve("a.txt"), "a");
 *     // ... an IngestPipeline on storage.fake().url() and storage.fake().storageId() ...
 *     assertEquals(1, storage.fake().assets().size());
 * }
 * }</pre>
 */
public final class FakeStorage implements BeforeEachCallback, AfterEachCallback {

    private final Map<String, String> settings = new LinkedHashMap<>();
    private Path root;
    private FakeIconik fake;

    /** A storage whose files are registered as soon as they are seen. */
    public FakeStorage() {
        settings.put("growing_files_threshold", "0");
    }

    /**
     * Sets one setting of the storage, as {@link FakeIconik.Builder#storageSetting} does.
     *
     * @param key  a field of iconik's FileSettingsSchema, e.g. {@code upload_files}
     * @param json its value as JSON, e.g. {@code true}
     * @return this extension
     */
    public FakeStorage setting(String key, String json) {
        settings.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(json, "json"));
        return this;
    }

    /**
     * Turns local proxy and keyframe creation off, so that an ingest registers files without transcoding them.
     *
     * @return this extension
     */
    public FakeStorage withoutLocalRenditions() {
        return setting("local_proxy_creation", "false").setting("local_keyframe_creation", "false");
    }

    /**
     * @return the storage's mount point, a folder of this test's own
     * @throws IllegalStateException outside a test
     */
    public Path root() {
        if (root == null) {
            throw new IllegalStateException("no storage outside a test: register FakeStorage with @RegisterExtension");
        }
        return root;
    }

    /**
     * @return the running fake iconik that holds the storage ({@link FakeIconik#storageId()})
     * @throws IllegalStateException outside a test
     */
    public FakeIconik fake() {
        if (fake == null) {
            throw new IllegalStateException("no fake outside a test: register FakeStorage with @RegisterExtension");
        }
        return fake;
    }

    /**
     * Creates the folder and starts the fake.
     *
     * @param context the test's context
     * @throws UncheckedIOException if the folder cannot be created
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        try {
            root = Files.createTempDirectory("fake-storage-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the storage's folder in "
                    + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
        }
        FakeIconik.Builder b = FakeIconik.builder().port(0).mountPoint(root.toString());
        settings.forEach(b::storageSetting);
        fake = b.build().start();
    }

    /**
     * Stops the fake and deletes the folder with everything the test put in it.
     *
     * @param context the test's context
     * @throws UncheckedIOException if the folder cannot be deleted
     */
    @Override
    public void afterEach(ExtensionContext context) {
        try {
            if (fake != null) {
                fake.stop();
            }
            if (root != null) {
                try (Stream<Path> all = Files.walk(root)) {
                    for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                        Files.delete(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the storage's folder " + root + ": " + e.getMessage(), e);
        } finally {
            fake = null;
            root = null;
        }
    }
}
