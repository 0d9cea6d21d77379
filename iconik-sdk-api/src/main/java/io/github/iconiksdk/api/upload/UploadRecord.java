// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.upload;

import java.util.Objects;

/**
 * What a {@link RegistrationStore} holds about one object uploaded for a file: a proxy, a keyframe, or the
 * original's copy on cloud storage. A row of a store: values not known yet are {@code null}.
 *
 * @param path       the source file's path relative to the storage root
 * @param slot       which object of the file ({@code PROXY}, {@code KEYFRAME/0003}, {@code POSTER},
 *                   {@code ORIGINAL}, ...)
 * @param tag        the content of the source it was made from (its MD5, or size and time), so that a modified
 *                   file's objects are recognised as stale
 * @param objectId   the iconik id, or {@code null} while its creation is pending
 * @param state      how far it got
 * @param uploadUrl  the pre-signed upload URL iconik gave at creation, or {@code null}
 * @param sessionUrl the resumable upload session, once started, or {@code null}
 * @param confirmed  bytes the upload URL confirmed so far
 * @param contentMd5 the MD5 of the bytes the session was started with, or {@code null}
 */
public record UploadRecord(String path, String slot, String tag, String objectId, State state, String uploadUrl,
                           String sessionUrl, long confirmed, String contentMd5) {

    /** How far one object got. */
    public enum State {
        /** Its creation was started; whether iconik made it is unknown until looked up. */
        PENDING,
        /** The record exists in iconik; its bytes are not (all) uploaded. */
        CREATED,
        /** Every byte is uploaded; the record is not yet CLOSED. */
        UPLOADED,
        /** The record is CLOSED: done. */
        CLOSED
    }

    /**
     * Validates the record.
     *
     * @param path the source file's path relative to the storage root
     * @param slot which object of the file
     * @param tag the content of the source it was made from
     * @param objectId the iconik id, or {@code null} while its creation is pending
     * @param state how far it got
     * @param uploadUrl the pre-signed upload URL, or {@code null}
     * @param sessionUrl the resumable upload session, or {@code null}
     * @param confirmed bytes the upload URL confirmed so far
     * @param contentMd5 the MD5 of the bytes the session was started with, or {@code null}
     * @throws NullPointerException if {@code path}, {@code slot}, {@code tag} or {@code state} is null
     */
    public UploadRecord {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(slot, "slot of " + path);
        Objects.requireNonNull(tag, "tag of " + path + " " + slot);
        Objects.requireNonNull(state, "state of " + path + " " + slot);
    }
}
