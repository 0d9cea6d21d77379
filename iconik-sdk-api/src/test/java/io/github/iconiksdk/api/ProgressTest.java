// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProgressTest {

    @Test
    void fraction_isTheShareDone_orMinusOneWhenTheTotalIsUnknown() {
        assertEquals(0.25, new Progress("upload a.mov", 1, 4, Progress.Unit.BYTES).fraction());
        assertEquals(1.0, new Progress("upload a.mov", 9, 4, Progress.Unit.BYTES).fraction(), "capped at 1");
        assertEquals(-1, new Progress("scan /mnt", 12, -1, Progress.Unit.FILES).fraction());
        assertEquals(-1, new Progress("scan /mnt", 0, 0, Progress.Unit.FILES).fraction());
    }

    @Test
    @SuppressWarnings("deprecation")
    void theZeroOneStringUnits_stillConstruct_andOthersAreRefused() {
        assertEquals(Progress.Unit.MICROSECONDS, new Progress("t", 0, 1, "microseconds").unit());
        assertEquals(Progress.Unit.BYTES, new Progress("t", 0, 1, "Bytes").unit());
        assertThrows(IllegalArgumentException.class, () -> new Progress("t", 0, 1, "frames"));
        assertThrows(IllegalArgumentException.class, () -> new Progress("t", -1, 1, Progress.Unit.FILES));
        assertThrows(NullPointerException.class, () -> new Progress("t", 0, 1, (Progress.Unit) null));
    }
}
