// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload.internal;

import java.util.Objects;

/**
 * What the journal knows about one object uploaded for a file: a proxy, a keyframe, or the original's copy on cloud
 * storage. Immutable.
 *
 * @param path       the source file's path relative to the storage root
 * @param slot       which object of the file ({@code PROXY}, {@code KEYFRAME/0003}, {@code POSTER},
 *                   {@code ORIGINAL}, ...)
 * @param tag        the content of the source it was made from (its MD5, or size and time), so that a MODIFIED
 *                   file's objects are recognised as stale
 * @param objectId   the iconik id, or {@code null} while its creation is pending
 * @param state      how far it got
 * @param uploadUrl  the pre-signed upload URL iconik gave at creation, or {@code null}
 * @param sessionUrl the resumable upload session, once started, or {@code null}
 * @param confirmed  bytes the upload URL confirmed so far
 * @param contentMd5 the MD5 of the bytes the session was started with, so that a session is continued only with the
 *                   same bytes (a rendition made again after a crash may differ), or {@code null}
 */
public record RenditionRow(String path, String slot, String tag, String objectId, State state, String uploadUrl,
                           String sessionUrl, long confirmed, String contentMd5) {

    /** How far one object got. */
    public enum State {
        /** Its creation was started; whether iconik made it is unknown until looked up. */
        PENDING,
        /** The record exists in iconik (OPEN); its bytes are not (all) uploaded. */
        CREATED,
        /** Every byte is uploaded; the record is not yet CLOSED. */
        UPLOADED,
        /** The record is CLOSED: done. */
        CLOSED
    }

    /** Validates the row. */
    public RenditionRow {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(state, "state");
    }

    /** @return a copy in another state */
    public RenditionRow with(State s) {
        return new RenditionRow(path, slot, tag, objectId, s, uploadUrl, sessionUrl, confirmed, contentMd5);
    }

    /** @return a copy for a created object */
    public RenditionRow created(String id, String url) {
        return new RenditionRow(path, slot, tag, id, State.CREATED, url, null, 0, null);
    }

    /** @return a copy with an upload session of bytes with that MD5, and the bytes it confirmed */
    public RenditionRow session(String session, long confirmedBytes, String md5) {
        return new RenditionRow(path, slot, tag, objectId, state, uploadUrl, session, confirmedBytes, md5);
    }

    /** @return a copy without an upload session (to start a new one) */
    public RenditionRow withoutSession() {
        return new RenditionRow(path, slot, tag, objectId, state, uploadUrl, null, 0, null);
    }
}
