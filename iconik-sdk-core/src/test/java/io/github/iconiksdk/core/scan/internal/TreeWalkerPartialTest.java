// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.scan.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A partial walk with listings read ahead, as change hints drive it. */
class TreeWalkerPartialTest {

    @TempDir
    Path root;

    @Test
    void aFolderLetInWhenReadAhead_isWalked_evenIfListingItChangedTheAnswer() throws Exception {
        // The change hints' rule: walk the sub-folders not watched; a folder is watched as it is listed. A new
        // folder read ahead is watched by its own listing before the walk reaches it: it must still be walked.
        Files.writeString(root.resolve("a.mov"), "a");
        Files.createDirectories(root.resolve("new/CLIP"));
        Files.writeString(root.resolve("new/CLIP/b.mov"), "b");
        Set<String> watched = ConcurrentHashMap.newKeySet();
        CountDownLatch newListed = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            TreeWalker walker = new TreeWalker(root, List.of(""), NodeFilter.KEEP_ALL, false, pool, 8, folder -> {
                watched.add(folder);
                if (folder.equals("new")) {
                    newListed.countDown();
                }
            });
            List<String> files = new CopyOnWriteArrayList<>();
            List<String> skipped = new CopyOnWriteArrayList<>();
            watched.add(""); // the folder the partial pass is about
            walker.walkFolder("", sub -> !watched.contains(sub), new TreeWalker.Visitor() {
                @Override
                public void file(String relativePath, long size, long modifiedNanos, String fileKey) {
                    files.add(relativePath);
                    if (relativePath.equals("a.mov")) {
                        try { // hold the walk until the read-ahead has listed (and so watched) "new"
                            assertTrue(newListed.await(30, TimeUnit.SECONDS), "new/ was not read ahead");
                        } catch (InterruptedException e) {
                            throw new AssertionError(e);
                        }
                    }
                }

                @Override
                public void unreadable(String relativePath, String reason) {
                    throw new AssertionError(relativePath + ": " + reason);
                }

                @Override
                public void ignored(String relativePath, boolean directory) {
                }

                @Override
                public void skipped(String relativePath) {
                    skipped.add(relativePath);
                }
            });
            assertEquals(List.of("a.mov", "new/CLIP/b.mov"), files);
            assertEquals(List.of(), skipped);
        } finally {
            pool.shutdownNow();
        }
    }
}
