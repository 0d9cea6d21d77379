// SPDX-License-Identifier: Apache-2.0
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
    RESET_AFTER_APPLY,
    /**
     * Upload URLs only: the storage damages the body it receives (one byte changed, as a bad disk or network card
     * would) and answers as the service does for the bytes it holds: the checksums it reports (an S3 part's ETag,
     * a GCS object's hashes, an Azure block's {@code Content-MD5}) are those of the damaged bytes, and a checksum
     * the request declared ({@code Content-MD5}, B2's SHA-1) is refused as the service refuses a mismatch. On
     * iconik's API the request is served without a fault.
     */
    CORRUPT_BODY
}
