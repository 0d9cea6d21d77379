// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.transcoder.raw;

import io.github.iconiksdk.api.transcode.MediaInfo;
import io.github.iconiksdk.api.transcode.TranscodeException;
import io.github.iconiksdk.api.transcode.Transcoder;
import io.github.iconiksdk.api.transcode.TranscoderProvider;

import java.nio.file.Path;

/**
 * Registers {@link RawTranscoder} with {@link java.util.ServiceLoader} under the name {@code "raw"} at priority 50,
 * above FFmpeg (0), whose TIFF decoder would otherwise show a DNG's small preview or fail on a CR3. Available when
 * LibRaw's programs are on {@code PATH}.
 */
public final class RawTranscoderProvider implements TranscoderProvider {

    // ServiceLoader makes a new provider on every lookup; the tools are looked up once per JVM
    private static RawTranscoder shared;
    private static TranscodeException failure;

    /** Creates the provider; nothing is looked up until it is used. Called by {@link java.util.ServiceLoader}. */
    public RawTranscoderProvider() {
    }

    @Override
    public String name() {
        return RawTranscoder.PLUGIN;
    }

    /** @return 50 */
    @Override
    public int priority() {
        return 50;
    }

    /** @return whether raw-identify, dcraw_emu and simple_dcraw were found (looked up once, then remembered) */
    @Override
    public boolean isAvailable() {
        try {
            transcoder();
            return true;
        } catch (TranscodeException e) {
            return false;
        }
    }

    /**
     * @param media what the source holds
     * @return {@code true} when the container is a RAW extension ({@link RawTranscoder#probe} describes files so);
     *         ffprobe reads few RAW formats, so a caller should ask {@link #claims(Path)} before probing
     */
    @Override
    public boolean supports(MediaInfo media) {
        return media.container() != null && RawTranscoder.EXTENSIONS.contains(media.container());
    }

    /**
     * Whether this provider claims a file, by its extension, without reading it.
     *
     * @param source the file
     * @return {@code true} for DNG, CR2, CR3, NEF, ARW and the other extensions in {@link RawTranscoder#EXTENSIONS}
     */
    @Override
    public boolean claims(Path source) {
        return RawTranscoder.isRaw(source);
    }

    /**
     * @return the shared transcoder
     * @throws TranscodeException if LibRaw's programs are missing; the message names the Debian package
     */
    @Override
    public Transcoder transcoder() {
        return shared();
    }

    private static synchronized RawTranscoder shared() {
        if (shared == null) {
            if (failure != null) {
                throw failure;
            }
            try {
                shared = RawTranscoder.builder().build();
            } catch (TranscodeException e) {
                failure = e;
                throw e;
            }
        }
        return shared;
    }
}
