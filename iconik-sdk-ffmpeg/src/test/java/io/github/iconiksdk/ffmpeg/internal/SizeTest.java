// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.ffmpeg.internal;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SizeTest {

    @Property
    void fitWithin_staysInsideTheBox_isEven_neverScalesUp_keepsAspect(
            @ForAll @IntRange(min = 16, max = 8192) int w, @ForAll @IntRange(min = 16, max = 8192) int h,
            @ForAll @IntRange(min = 640, max = 1920) int boxW, @ForAll @IntRange(min = 360, max = 1080) int boxH) {
        Size fit = new Size(w, h).fitWithin(boxW, boxH, true);
        double scale = Math.min(1.0, Math.min((double) boxW / w, (double) boxH / h));
        // only a picture whose short side stays at 16 px or more can keep its aspect through even rounding
        Assume.that(Math.min(w, h) * scale >= 16);
        assertTrue(fit.width() <= boxW && fit.height() <= boxH, fit + " in " + boxW + "x" + boxH);
        assertTrue(fit.width() <= w && fit.height() <= h, "never larger than " + w + "x" + h);
        assertEquals(0, fit.width() % 2);
        assertEquals(0, fit.height() % 2);
        double ratio = (double) w / h;
        double fitted = (double) fit.width() / fit.height();
        // two pixels of rounding on the short side at most
        assertTrue(Math.abs(fitted - ratio) <= ratio * 2.5 / Math.min(fit.width(), fit.height()),
                fit + " from " + w + "x" + h);
    }

    @Test
    void acceptanceSizes() {
        assertEquals(new Size(1280, 720), new Size(1920, 1080).fitWithin(1280, 720, true));
        assertEquals(new Size(2048, 1536), new Size(4000, 3000).fitWithin(2048, 2048, false));
        assertEquals(new Size(320, 240), new Size(4000, 3000).toWidth(320, false));
        assertEquals(new Size(360, 640), new Size(360, 640).fitWithin(1280, 720, true));
        assertEquals(new Size(320, 568), new Size(360, 640).toWidth(320, true));
    }
}
