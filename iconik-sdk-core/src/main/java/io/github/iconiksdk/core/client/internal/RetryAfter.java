// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads an HTTP {@code Retry-After} value: delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
public final class RetryAfter {

    /** Longer waits are read as this: nothing longer is meaningful for a retry, and it keeps arithmetic in range. */
    static final Duration LONGEST = Duration.ofDays(1);

    private RetryAfter() {
    }

    /**
     * @param value the header value, possibly absent
     * @param clock the wall clock an HTTP-date is measured against
     * @return the wait (zero for a date in the past, at most a day); empty when absent or unreadable
     */
    public static Optional<Duration> parse(Optional<String> value, Clock clock) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String text = value.get().strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (text.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(cap(Duration.ofSeconds(Long.parseLong(text))));
            } catch (NumberFormatException | ArithmeticException e) {
                // more digits than a long holds: as long as can be
                return Optional.of(LONGEST);
            }
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(clock.instant(), at.toInstant());
            return Optional.of(wait.isNegative() ? Duration.ZERO : cap(wait));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Duration cap(Duration wait) {
        return wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
    }
}
