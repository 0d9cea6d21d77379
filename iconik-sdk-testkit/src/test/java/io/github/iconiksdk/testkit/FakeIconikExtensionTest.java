// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JUnit 5 extension starts one fake per class and injects it; resetEachTest empties it between tests. */
@FakeIconikTest(resetEachTest = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FakeIconikExtensionTest {

    private static FakeIconik fromBeforeAll;

    @BeforeAll
    static void remember(FakeIconik fake) {
        fromBeforeAll = fake;
    }

    @Test
    @Order(1)
    void injectsARunningFake(FakeIconik fake) {
        assertSame(fromBeforeAll, fake);
        assertTrue(fake.isRunning());
        assertEquals(201, Http.of(fake).post("/API/assets/v1/assets/", Map.of("title", "x")).status());
        assertEquals(1, fake.assets().size());
    }

    @Test
    @Order(2)
    void resetsBetweenTests(FakeIconik fake) {
        assertSame(fromBeforeAll, fake);
        assertEquals(0, fake.assets().size());
    }
}
