// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.transcode;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TranscoderProviderTest {

    /** A provider answering as told. */
    private record Fake(String name, int priority, boolean isAvailable, Predicate<Path> claim, String container)
            implements TranscoderProvider {
        @Override
        public boolean claims(Path source) {
            return claim.test(source);
        }

        @Override
        public boolean supports(MediaInfo media) {
            return container.equals(media.container());
        }

        @Override
        public Transcoder transcoder() {
            throw new UnsupportedOperationException();
        }
    }

    private static MediaInfo media(String container) {
        return new MediaInfo(MediaKind.VIDEO, container, java.time.Duration.ofSeconds(1), 0, List.of());
    }

    @Test
    void claimant_isTheFirstAvailableProviderThatClaims_inTheOrderGiven() {
        Fake offline = new Fake("offline", 200, false, p -> true, "mov");
        Fake braw = new Fake("braw", 100, true, p -> p.toString().endsWith(".braw"), "-");
        Fake throwing = new Fake("throwing", 90, true, p -> {
            throw new IllegalStateException("cannot read");
        }, "-");
        Fake pdf = new Fake("pdf", 50, true, p -> p.toString().endsWith(".pdf"), "pdf");
        List<TranscoderProvider> all = List.of(offline, braw, throwing, pdf);

        assertEquals(Optional.of(braw), TranscoderProvider.claimant(all, Path.of("A001.braw")));
        assertEquals(Optional.of(pdf), TranscoderProvider.claimant(all, Path.of("doc.pdf")),
                "a provider whose claim throws claims nothing");
        assertEquals(Optional.empty(), TranscoderProvider.claimant(all, Path.of("clip.mov")));
        assertEquals(Optional.of(pdf), TranscoderProvider.select(all, media("pdf")));
        assertEquals(Optional.empty(), TranscoderProvider.select(all, media("mov")), "the unavailable one is skipped");
    }

    @Test
    void byDefault_aProviderClaimsNothing_andIgnoresItsConfiguration() {
        TranscoderProvider plain = new TranscoderProvider() {
            @Override
            public String name() {
                return "plain";
            }

            @Override
            public int priority() {
                return 0;
            }

            @Override
            public boolean isAvailable() {
                return true;
            }

            @Override
            public boolean supports(MediaInfo media) {
                return true;
            }

            @Override
            public Transcoder transcoder() {
                throw new UnsupportedOperationException();
            }
        };
        plain.configure(TranscoderConfig.empty());
        assertFalse(plain.claims(Path.of("anything.braw")));
    }

    @Test
    void config_isACopy_andRefusesNullValuesNamingTheKey() {
        Map<String, String> options = new HashMap<>(Map.of("watch-folder.braw.input", "in"));
        TranscoderConfig config = new TranscoderConfig(options, Path.of("/etc/gateway"));
        options.put("later", "x");
        assertEquals(Optional.empty(), config.option("later"));
        assertEquals(Optional.of("in"), config.option("watch-folder.braw.input"));
        assertThrows(UnsupportedOperationException.class, () -> config.options().put("a", "b"));
        Map<String, String> withNull = new HashMap<>();
        withNull.put("k", null);
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> new TranscoderConfig(withNull, Path.of("/")));
        assertEquals("value of k", e.getMessage());
    }
}
