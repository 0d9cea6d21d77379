// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.scan;

import io.github.iconiksdk.core.scan.internal.PathOrder;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PathOrderPropertiesTest {

    @Property
    void codePointOrder_isTheByteOrderOfUtf8(@ForAll String a, @ForAll String b) {
        // Unpaired surrogates have no UTF-8 form; real file names never hold them.
        a = a.codePoints().filter(c -> !Character.isSurrogate((char) c) || c > 0xFFFF)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        b = b.codePoints().filter(c -> !Character.isSurrogate((char) c) || c > 0xFFFF)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        int expected = Integer.signum(Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, Integer.signum(PathOrder.compare(a, b)));
    }

    @Property
    void stringCompareTo_agreesWithCodePointOrder_whenNeitherHoldsASurrogate(@ForAll String a, @ForAll String b) {
        net.jqwik.api.Assume.that(PathOrder.withoutSurrogates(a) && PathOrder.withoutSurrogates(b));
        assertEquals(Integer.signum(PathOrder.compare(a, b)), Integer.signum(a.compareTo(b)));
    }

    @Property
    void folderNameWithSlash_sortsLikeTheFullPaths(@ForAll("names") String dir, @ForAll("names") String sibling,
                                                    @ForAll("names") String child) {
        String dirPath = dir + "/" + child;
        int byKey = Integer.signum(PathOrder.compare(dir + "/", sibling));
        int byPath = Integer.signum(PathOrder.compare(dirPath, sibling));
        if (!dir.equals(sibling)) {
            assertEquals(byPath, byKey);
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> names() {
        return net.jqwik.api.Arbitraries.strings().withChars("a.-_ /0é🎬".replace("/", "").toCharArray())
                .ofMinLength(1).ofMaxLength(4).filter(s -> !s.contains("/"));
    }
}
