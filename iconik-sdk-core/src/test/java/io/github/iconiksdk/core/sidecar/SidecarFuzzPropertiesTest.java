// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.sidecar;

import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.sidecar.SidecarException;
import io.github.iconiksdk.api.sidecar.SidecarFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damaged sidecars (a valid one truncated, with bytes replaced, inserted or removed): parsing either gives a tree or
 * a SidecarException naming the file, never another exception.
 */
class SidecarFuzzPropertiesTest {

    static final MetadataValues TREE = MetadataValues.builder().add("project", "Harbour, \"North\" <&>")
            .add("keywords", "drone").add("keywords", "sun\nset").add("score_tags", new io.github.iconiksdk.api
                    .metadata.FieldValue("Car", 0.5)).build();

    @Property(tries = 600)
    void damagedSidecar_isATreeOrASidecarException(@ForAll SidecarFormat format,
                                                   @ForAll("edits") List<int[]> edits) {
        byte[] bytes = Sidecars.encode(TREE, format).getBytes(StandardCharsets.UTF_8);
        for (int[] edit : edits) {
            bytes = apply(bytes, edit);
        }
        Path file = Path.of("fuzz." + format.extension());
        try {
            Sidecars.parse(file, bytes, format);
        } catch (SidecarException e) {
            assertEquals(file, e.file());
            assertTrue(e.getMessage().startsWith(file + ":") || e.getMessage().startsWith(file + " "), e.getMessage());
            assertTrue(e.reason() != null && !e.reason().isBlank(), e.getMessage());
        }
    }

    @Property(tries = 300)
    void randomBytes_areATreeOrASidecarException(@ForAll SidecarFormat format,
                                                 @ForAll @IntRange(max = 64) int length,
                                                 @ForAll long seed) {
        byte[] bytes = new byte[length];
        new java.util.Random(seed).nextBytes(bytes);
        try {
            Sidecars.parse(Path.of("random." + format.extension()), bytes, format);
        } catch (SidecarException expected) {
            assertTrue(expected.getMessage().startsWith("random."), expected.getMessage());
        }
    }

    private static final List<Integer> BYTES = "\"<>&,\n\r{}[]:/!-;a".chars().boxed()
            .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));

    static {
        BYTES.addAll(List.of(0, 0xC3, 0xFF));
    }

    /** {kind, position, byte}: 0 truncate, 1 replace, 2 insert, 3 delete. */
    @Provide
    Arbitrary<List<int[]>> edits() {
        Arbitrary<int[]> edit = Arbitraries.integers().between(0, 3).flatMap(kind ->
                Arbitraries.integers().between(0, 10_000).flatMap(pos ->
                        Arbitraries.of(BYTES).map(b -> new int[] {kind, pos, b})));
        return edit.list().ofMinSize(1).ofMaxSize(4);
    }

    private static byte[] apply(byte[] bytes, int[] edit) {
        if (bytes.length == 0) {
            return bytes;
        }
        int at = edit[1] % bytes.length;
        switch (edit[0]) {
            case 0:
                return java.util.Arrays.copyOf(bytes, at);
            case 1: {
                byte[] out = bytes.clone();
                out[at] = (byte) edit[2];
                return out;
            }
            case 2: {
                byte[] out = new byte[bytes.length + 1];
                System.arraycopy(bytes, 0, out, 0, at);
                out[at] = (byte) edit[2];
                System.arraycopy(bytes, at, out, at + 1, bytes.length - at);
                return out;
            }
            default: {
                byte[] out = new byte[bytes.length - 1];
                System.arraycopy(bytes, 0, out, 0, at);
                System.arraycopy(bytes, at + 1, out, at, bytes.length - at - 1);
                return out;
            }
        }
    }
}
