// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import io.github.iconiksdk.api.upload.RegistrationOutcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProgressDisplayTest {

    @Test
    void plainLineAndSummary_sayWhatTheGatewayDid() {
        GatewayStatusTest.ManualClock clock = new GatewayStatusTest.ManualClock();
        GatewayStatus status = new GatewayStatus("s-1", "1.0", clock);
        status.queues(() -> 2, () -> 1);
        for (int i = 0; i < 20; i++) {
            status.fileRegistered("f" + i, RegistrationOutcome.CREATED);
        }
        status.fileRegistered("old", RegistrationOutcome.ALREADY_REGISTERED);
        status.uploaded("f1", 3 * 1024 * 1024 + 512 * 1024);
        status.problem("unreadable: x");
        assertEquals("scanner Inactive; 20 files registered (2.0 files/s), 1 unchanged, 0 failed;"
                + " queued: 2 transcode, 1 upload; uploaded 3.5 MiB in 1 objects; 1 problems",
                ProgressDisplay.line(status.snapshot()));
        clock.advance(Duration.ofMinutes(62).plusSeconds(5).plusMillis(700));
        assertEquals("gateway ran 1h2m5s: 0 scans, 20 files registered, 1 unchanged, 0 removed, 0 failed;"
                + " uploaded 3.5 MiB in 1 objects; 1 problems", ProgressDisplay.summary(status.snapshot()));
    }

    @Test
    void bytes_useBinaryUnits() {
        assertEquals("0 B", ProgressDisplay.bytes(0));
        assertEquals("1023 B", ProgressDisplay.bytes(1023));
        assertEquals("1.0 KiB", ProgressDisplay.bytes(1024));
        assertEquals("1.5 GiB", ProgressDisplay.bytes(3L << 29));
    }
}
