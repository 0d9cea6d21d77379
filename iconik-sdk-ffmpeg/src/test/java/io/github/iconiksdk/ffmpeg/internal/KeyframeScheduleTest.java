// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.ffmpeg.internal;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyframeScheduleTest {

    @Property
    void count_isAtMost160AndTwoPerSecond_andAtLeastOne(@ForAll @LongRange(min = 1, max = 36_000_000) long millis) {
        KeyframeSchedule s = KeyframeSchedule.of(Duration.ofMillis(millis));
        assertTrue(s.count() >= 1);
        assertTrue(s.count() <= 160);
        assertTrue(s.count() <= Math.max(1, millis * 2 / 1000), s.count() + " frames for " + millis + " ms");
    }

    @Property
    void positions_areEvenlySpreadInsideTheDuration(@ForAll @LongRange(min = 1, max = 36_000_000) long millis) {
        Duration d = Duration.ofMillis(millis);
        KeyframeSchedule s = KeyframeSchedule.of(d);
        Duration previous = Duration.ZERO;
        for (int k = 0; k < s.count(); k++) {
            Duration p = s.position(k);
            assertTrue(p.compareTo(d) < 0 && p.compareTo(Duration.ZERO) > 0);
            if (k > 0) {
                assertEquals(s.step().toNanos(), p.minus(previous).toNanos(), 1);
            }
            previous = p;
        }
    }

    @Property
    void mapGrid_holdsEveryFrameWithAtMostOneRowPadded(@ForAll @LongRange(min = 1, max = 36_000_000) long millis) {
        KeyframeSchedule s = KeyframeSchedule.of(Duration.ofMillis(millis));
        assertTrue(s.columns() <= 10);
        assertTrue(s.columns() * s.rows() >= s.count());
        assertTrue(s.columns() * (s.rows() - 1) < s.count());
    }

    @Test
    void twelveSecondClip_gets24KeyframesIn10x3Grid() {
        KeyframeSchedule s = KeyframeSchedule.of(Duration.ofSeconds(12));
        assertEquals(24, s.count());
        assertEquals(10, s.columns());
        assertEquals(3, s.rows());
        assertEquals(Duration.ofMillis(250), s.position(0));
        assertEquals(Duration.ofMillis(11_750), s.position(23));
        assertEquals(11, s.posterIndex());
        assertEquals("gte(t,(selected_n+0.5)*0.500000)", s.selectExpression());
    }

    @Test
    void hourLongClip_isCappedAt160In10x16Grid() {
        KeyframeSchedule s = KeyframeSchedule.of(Duration.ofHours(1));
        assertEquals(160, s.count());
        assertEquals(16, s.rows());
        assertEquals(Duration.ofSeconds(3600).dividedBy(160), s.step());
    }

    @Test
    void zeroDuration_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> KeyframeSchedule.of(Duration.ZERO));
    }
}
