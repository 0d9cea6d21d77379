// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.internal;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ParsingTest {

    @Property(tries = 300)
    void everyDateTimeShapeIconikSends_readsAsTheSameInstant(
            @ForAll @LongRange(min = 0, max = 4_000_000_000L) long epochSecond,
            @ForAll @IntRange(min = 0, max = 999_999) int micros,
            @ForAll @IntRange(min = -12, max = 14) int offsetHours) {
        Instant instant = Instant.ofEpochSecond(epochSecond, micros * 1000L);
        ZoneOffset offset = ZoneOffset.ofHours(offsetHours);
        LocalDateTime local = LocalDateTime.ofInstant(instant, offset);
        LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        String fraction = String.format("%06d", micros);

        assertEquals(instant, LenientInstantDeserializer.parse(
                fmt(local) + "." + fraction + offset.getId().replace("Z", "+00:00")));
        assertEquals(instant, LenientInstantDeserializer.parse(fmt(utc) + "." + fraction + "Z"));
        assertEquals(instant, LenientInstantDeserializer.parse(fmt(utc) + "." + fraction));
        assertEquals(instant.truncatedTo(ChronoUnit.SECONDS),
                LenientInstantDeserializer.parse(fmt(utc).replace('T', ' ')));
    }

    private static String fmt(LocalDateTime t) {
        return DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").format(t);
    }

    @Test
    void somethingElse_isRefused() {
        assertThrows(java.time.format.DateTimeParseException.class,
                () -> LenientInstantDeserializer.parse("yesterday"));
    }

    @Test
    void retryAfter_readsSecondsAndDates_andIgnoresGarbage() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);
        assertEquals(Optional.of(Duration.ofSeconds(120)), RetryAfter.parse(Optional.of("120"), clock));
        assertEquals(Optional.of(Duration.ofSeconds(90)),
                RetryAfter.parse(Optional.of("Sun, 22 Nov 2026 12:01:30 GMT"), clock));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse(Optional.of("Sun, 22 Nov 2026 11:00:00 GMT"),
                clock));
        assertEquals(Optional.of(Duration.ofDays(1)), RetryAfter.parse(Optional.of("99999999999999999999999"), clock));
        assertEquals(Optional.of(Duration.ofDays(1)), RetryAfter.parse(Optional.of("Fri, 31 Dec 9999 23:59:59 GMT"),
                clock));
        assertEquals(Optional.empty(), RetryAfter.parse(Optional.of("soon"), clock));
        assertEquals(Optional.empty(), RetryAfter.parse(Optional.of("-5"), clock));
        assertEquals(Optional.empty(), RetryAfter.parse(Optional.empty(), clock));
    }

    @Test
    void query_replacesParametersAndEncodesValues() {
        assertEquals("/p/?a=1&last_id=x%20y", Query.with("/p/?a=1&last_id=old", Map.of("last_id", "x y")));
        assertEquals("/p/?page=2", Query.with("/p/", Map.of("page", "2")));
        assertEquals("x y", Query.param("/p/?last_id=x%20y", "last_id"));
    }

    @Test
    void nextUrl_isReducedToPathAndQueryOnTheClientsEndpoint() {
        assertEquals("/API/assets/v1/assets/?page=2",
                PagedList.sameEndpoint("https://evil.example/API/assets/v1/assets/?page=2", "/API/assets/v1/assets/"));
        assertEquals("/API/assets/v1/assets/?page=2",
                PagedList.sameEndpoint("/v1/assets/?page=2", "/API/assets/v1/assets/"));
    }
}
