// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * The state of a job.
 * The constants are the values iconik's specification lists; a value iconik adds later reads as {@link #UNKNOWN}
 * instead of failing. Never send {@code UNKNOWN} ([I] iconik refuses a value it does not know).
 */
public enum JobStatus {
    /** {@code READY}. */
    READY,
    /** {@code STARTED}. */
    STARTED,
    /** {@code FINISHED}. */
    FINISHED,
    /** {@code FINISHED_WITH_WARNING}. */
    FINISHED_WITH_WARNING,
    /** {@code FAILED}. */
    FAILED,
    /** {@code WAITING}. */
    WAITING,
    /** {@code ABORT_PENDING}. */
    ABORT_PENDING,
    /** {@code ABORTED}. */
    ABORTED,
    /** {@code SKIPPED}. */
    SKIPPED,
    /** {@code PAUSED}. */
    PAUSED,
    /** A value this SDK does not know (iconik added it after this version). */
    @JsonEnumDefaultValue
    UNKNOWN
}
