package io.github.iconiksdk.testkit;

/** The ways the fake iconik can fail a request on purpose. */
public enum FaultKind {
    /** A 5xx answer with iconik's error body; nothing is applied. */
    SERVER_ERROR,
    /** A 429 answer with {@code Retry-After: 1}; nothing is applied. */
    RATE_LIMITED,
    /** The connection is reset before the request is applied: nothing changed. */
    RESET_BEFORE_APPLY,
    /** The connection is reset after the request is applied: the change is made, the answer is lost. */
    RESET_AFTER_APPLY
}
