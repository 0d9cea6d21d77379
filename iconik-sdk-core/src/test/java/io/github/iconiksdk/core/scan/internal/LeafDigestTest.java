// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.scan.internal;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.UniqueElements;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The leaf folder digest: independent of the listing's order, and sensitive to every field of every file. */
class LeafDigestTest {

    /** A file key like the JDK's Unix one: equal and hashed by device and inode. */
    record Key(long dev, long ino) {
    }

    record File(String name, long size, long nanos, Key key) {
    }

    private static byte[] digest(List<File> files) {
        LeafDigest d = new LeafDigest();
        for (File f : files) {
            d.add(f.name(), f.size(), f.nanos(), f.key());
        }
        return d.toBytes();
    }

    private static List<File> listing(List<String> names, long seed) {
        Random r = new Random(seed);
        List<File> files = new ArrayList<>();
        long ino = 1000 + r.nextInt(1000);
        for (String name : names) {
            files.add(new File(name, r.nextInt(1 << 20), 1_700_000_000_000_000_000L + r.nextInt(), new Key(2049, ino++)));
        }
        return files;
    }

    @Property(tries = 200)
    void digest_doesNotDependOnTheOrder(@ForAll @Size(max = 40) @UniqueElements List<@StringLength(max = 30) String> names,
                                        @ForAll long seed) {
        List<File> files = listing(names, seed);
        List<File> shuffled = new ArrayList<>(files);
        Collections.shuffle(shuffled, new Random(seed));

        assertArrayEquals(digest(files), digest(shuffled));
        assertEquals(16, digest(files).length);
    }

    @Property(tries = 200)
    void digest_changesWithAnyFieldOfAnyFile(@ForAll @Size(min = 1, max = 40) @UniqueElements
                                             List<@StringLength(max = 30) String> names,
                                             @ForAll long seed) {
        List<File> files = listing(names, seed);
        byte[] before = digest(files);
        int i = Math.floorMod(seed, files.size());
        File f = files.get(i);
        List<List<File>> variants = List.of(
                with(files, i, new File(f.name() + "x", f.size(), f.nanos(), f.key())),
                with(files, i, new File(f.name(), f.size() + 1, f.nanos(), f.key())),
                with(files, i, new File(f.name(), f.size(), f.nanos() + 1, f.key())),
                with(files, i, new File(f.name(), f.size(), f.nanos(), new Key(f.key().dev(), f.key().ino() + 1))),
                with(files, i, new File(f.name(), f.size(), f.nanos(), null)),
                without(files, i));
        for (List<File> v : variants) {
            assertFalse(java.util.Arrays.equals(before, digest(v)), () -> "same digest after a change: " + v);
        }
    }

    @Test
    void swappingTwoFilesSizes_orNamesBetweenFiles_changesTheDigest() {
        Key k1 = new Key(2049, 11);
        Key k2 = new Key(2049, 12);
        byte[] base = digest(List.of(new File("a.mov", 1, 5, k1), new File("b.mov", 2, 6, k2)));

        assertFalse(java.util.Arrays.equals(base,
                digest(List.of(new File("a.mov", 2, 5, k1), new File("b.mov", 1, 6, k2)))));
        assertFalse(java.util.Arrays.equals(base,
                digest(List.of(new File("b.mov", 1, 5, k1), new File("a.mov", 2, 6, k2)))));
        assertFalse(java.util.Arrays.equals(base,
                digest(List.of(new File("a.mov", 1, 5, k2), new File("b.mov", 2, 6, k1)))));
    }

    @Test
    void twentyThousandSingleChanges_giveTwentyThousandAndOneDigests() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            names.add(String.format("A001C%03d_240501_R1AB.mov", i));
        }
        List<File> files = listing(names, 7);
        Set<String> seen = new HashSet<>();
        seen.add(java.util.HexFormat.of().formatHex(digest(files)));
        Random r = new Random(11);
        for (int n = 0; n < 20_000; n++) {
            int i = r.nextInt(files.size());
            File f = files.get(i);
            File changed = switch (n % 3) {
                case 0 -> new File(f.name(), f.size() + 1 + r.nextInt(1000), f.nanos(), f.key());
                case 1 -> new File(f.name(), f.size(), f.nanos() + 1 + r.nextInt(1_000_000), f.key());
                default -> new File(f.name() + n, f.size(), f.nanos(), f.key());
            };
            files.set(i, changed);
            seen.add(java.util.HexFormat.of().formatHex(digest(files)));
        }
        assertEquals(20_001, seen.size()); // every listing differs from every other: sizes, times, names only grow
    }

    private static List<File> with(List<File> files, int i, File f) {
        List<File> copy = new ArrayList<>(files);
        copy.set(i, f);
        return copy;
    }

    private static List<File> without(List<File> files, int i) {
        List<File> copy = new ArrayList<>(files);
        copy.remove(i);
        return copy;
    }
}
