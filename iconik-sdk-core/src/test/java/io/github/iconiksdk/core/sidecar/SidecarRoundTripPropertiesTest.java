// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.sidecar;

import io.github.iconiksdk.api.metadata.FieldValue;
import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.sidecar.SidecarFormat;
import io.github.iconiksdk.api.sidecar.SidecarWriter;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * write → read gives the same tree, for each encoding, with values full of what breaks naive encoders: quotes,
 * commas, semicolons, newlines, {@code <}, {@code &}, leading and trailing spaces, non-ASCII and astral characters,
 * and many values per field.
 */
class SidecarRoundTripPropertiesTest {

    private static Path dir;

    @BeforeContainer
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("sidecar-roundtrip");
    }

    @AfterContainer
    static void removeDir() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Property(tries = 400)
    void json_roundTrip(@ForAll("jsonTrees") MetadataValues tree) {
        assertEquals(tree, reparse(tree, SidecarFormat.JSON));
    }

    @Property(tries = 400)
    void xml_roundTrip(@ForAll("xmlTrees") MetadataValues tree) {
        assertEquals(tree, reparse(tree, SidecarFormat.XML));
    }

    @Property(tries = 400)
    void csv_roundTrip(@ForAll("csvTrees") MetadataValues tree) {
        assertEquals(tree, reparse(tree, SidecarFormat.CSV));
    }

    @Property(tries = 60)
    void writerThenReader_givesTheElementsWritten(@ForAll("xmlTrees") MetadataValues tree,
                                                   @ForAll SidecarFormat format) throws IOException {
        Path clip = Files.write(dir.resolve("clip" + System.nanoTime() + ".MOV"), new byte[] {1});
        MetadataValues expected = format == SidecarFormat.CSV ? withoutScores(tree) : tree;
        SidecarWriter writer = Sidecars.writer(SidecarWriterConfig.builder()
                .elements(new ArrayList<>(tree.fields().keySet())).format(format).build());

        Path sidecar = writer.write(clip, tree).written().orElseThrow();

        assertEquals(expected, Sidecars.reader().readFor(clip).orElseThrow());
        Files.delete(sidecar);
        Files.delete(clip);
    }

    private static MetadataValues reparse(MetadataValues tree, SidecarFormat format) {
        byte[] bytes = Sidecars.encode(tree, format).getBytes(StandardCharsets.UTF_8);
        return Sidecars.parse(Path.of("roundtrip." + format.extension()), bytes, format);
    }

    private static MetadataValues withoutScores(MetadataValues tree) {
        MetadataValues.Builder b = MetadataValues.builder();
        for (Map.Entry<String, List<FieldValue>> f : tree.fields().entrySet()) {
            f.getValue().forEach(v -> b.add(f.getKey(), v.value()));
        }
        return b.build();
    }

    @Provide
    Arbitrary<MetadataValues> jsonTrees() {
        return trees(values(true), true);
    }

    @Provide
    Arbitrary<MetadataValues> xmlTrees() {
        return trees(values(false), true);
    }

    @Provide
    Arbitrary<MetadataValues> csvTrees() {
        return trees(values(true), false);
    }

    private static Arbitrary<String> fieldNames() {
        Arbitrary<Character> first = Arbitraries.chars().range('a', 'z').range('A', 'Z').with('_', '\u00e9', '\u4e2d');
        Arbitrary<String> rest = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9')
                .withChars('_', '-', '.').ofMaxLength(12);
        return Combinators.combine(first, rest).as((f, r) -> f + r)
                .filter(n -> !n.toLowerCase(java.util.Locale.ROOT).startsWith("xml"));
    }

    /** Non-empty text; with {@code controls}, C0 control characters too (JSON and CSV carry them, XML 1.0 not). */
    private static Arbitrary<String> values(boolean controls) {
        Arbitrary<Integer> special = Arbitraries.of((int) '"', (int) '\'', (int) ',', (int) ';', (int) '<',
                (int) '>', (int) '&', (int) '\n', (int) '\r', (int) '\t', (int) ' ', (int) '#', (int) '\\', (int) '{',
                0x00A0, 0x2028, 0xFEFF);
        Arbitrary<Integer> ascii = Arbitraries.integers().between(0x20, 0x7E);
        Arbitrary<Integer> bmp = Arbitraries.integers().between(0xA0, 0xFFFD)
                .filter(cp -> !Character.isSurrogate((char) (int) cp));
        Arbitrary<Integer> astral = Arbitraries.integers().between(0x10000, 0x10FFFF);
        Arbitrary<Integer> control = Arbitraries.integers().between(0x01, 0x1F);
        Arbitrary<Integer> codePoint = controls
                ? Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, special), net.jqwik.api.Tuple.of(6, ascii),
                net.jqwik.api.Tuple.of(3, bmp), net.jqwik.api.Tuple.of(1, astral), net.jqwik.api.Tuple.of(1, control))
                : Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, special), net.jqwik.api.Tuple.of(6, ascii),
                net.jqwik.api.Tuple.of(3, bmp), net.jqwik.api.Tuple.of(1, astral));
        return codePoint.list().ofMinSize(1).ofMaxSize(24).map(cps -> {
            StringBuilder s = new StringBuilder();
            cps.forEach(s::appendCodePoint);
            return s.toString();
        });
    }

    private static Arbitrary<MetadataValues> trees(Arbitrary<String> values, boolean scores) {
        Arbitrary<Double> score = scores
                ? Arbitraries.doubles().between(0, 1).injectNull(0.7)
                : Arbitraries.just(null);
        Arbitrary<FieldValue> value = Combinators.combine(values, score).as(FieldValue::new);
        Arbitrary<List<FieldValue>> list = value.list().ofMinSize(1).ofMaxSize(8);
        return Arbitraries.maps(fieldNames(), list).ofMinSize(1).ofMaxSize(6).map(MetadataValues::new);
    }
}
