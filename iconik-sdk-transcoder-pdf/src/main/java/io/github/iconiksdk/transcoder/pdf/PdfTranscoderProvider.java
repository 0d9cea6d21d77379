// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.transcoder.pdf;

import io.github.iconiksdk.api.transcode.MediaInfo;
import io.github.iconiksdk.api.transcode.Transcoder;
import io.github.iconiksdk.api.transcode.TranscoderProvider;

import java.nio.file.Path;

/**
 * Registers {@link PdfTranscoder} with {@link java.util.ServiceLoader} under the name {@code "pdf"} at priority 50
 * (above FFmpeg's 0, which cannot read PDFs). Always available: PDFBox is on the class path with the plugin.
 */
public final class PdfTranscoderProvider implements TranscoderProvider {

    // ServiceLoader makes a new provider on every lookup; one transcoder (and its job limit) per JVM
    private static final PdfTranscoder SHARED = new PdfTranscoder(Math.max(1,
            Runtime.getRuntime().availableProcessors() / 2));

    /** Creates the provider. Called by {@link java.util.ServiceLoader}. */
    public PdfTranscoderProvider() {
    }

    @Override
    public String name() {
        return PdfTranscoder.PLUGIN;
    }

    /** @return 50 */
    @Override
    public int priority() {
        return 50;
    }

    /** @return {@code true}: the renderer is a library, nothing to install */
    @Override
    public boolean isAvailable() {
        return true;
    }

    /**
     * @param media what the source holds
     * @return {@code true} for what {@link PdfTranscoder#probe} describes (container {@code "pdf"}); ffprobe does
     *         not read PDFs, so a caller should ask {@link #claims(Path)} before probing
     */
    @Override
    public boolean supports(MediaInfo media) {
        return "pdf".equals(media.container());
    }

    /**
     * Whether this provider claims a file, by name or content, before any probe.
     *
     * @param source the file
     * @return {@code true} if it is named {@code *.pdf} or starts with a PDF header
     */
    @Override
    public boolean claims(Path source) {
        return PdfTranscoder.looksLikePdf(source);
    }

    @Override
    public Transcoder transcoder() {
        return SHARED;
    }
}
