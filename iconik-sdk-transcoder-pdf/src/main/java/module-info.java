// SPDX-License-Identifier: Apache-2.0
/**
 * A transcoder plugin for PDF documents: a poster and an image proxy of page 1 and a keyframe of each of the first
 * pages (up to 10), rendered in-process with Apache PDFBox.
 *
 * <p>Why PDFBox rather than poppler's {@code pdftoppm} as a process:
 * <ul>
 *   <li><b>Security of parsing untrusted PDFs.</b> Storages hold PDFs from anywhere. PDFBox is memory-safe Java:
 *   a hostile file can at worst throw or use time and heap, both bounded here (a time limit checked between pages,
 *   a cap on the pixels of one render, image subsampling, parsed streams cached in temporary files rather than on
 *   the heap). Poppler is C++ with a long record of memory-corruption CVEs in its parser; running it as a process
 *   contains a crash, not code execution.</li>
 *   <li><b>Dependency weight.</b> About 4 MB of jars (pdfbox, pdfbox-io, fontbox, commons-logging) on Maven
 *   Central, on every platform the gateway runs on (Windows included); {@code pdftoppm} is a system package to
 *   install and keep patched on each gateway, and is not on Windows by default.</li>
 *   <li><b>Speed.</b> poppler renders faster (native code, no JIT warm-up); for a poster, a proxy and at most 10
 *   small keyframes per document the difference is a fraction of a second a file, small beside the upload.</li>
 *   <li><b>Fidelity.</b> poppler's text and shading rendering is better on some files (Type 3 fonts, complex
 *   blends); PDFBox's is good for the preview sizes iconik shows.</li>
 *   <li><b>Errors.</b> PDFBox reports an encrypted document as a typed exception, so the error says "encrypted"
 *   rather than a tool's exit code.</li>
 * </ul>
 */
module io.github.iconiksdk.transcoder.pdf {
    requires transitive io.github.iconiksdk.api;
    requires java.desktop;
    requires org.apache.pdfbox;
    requires org.apache.pdfbox.io;
    requires org.slf4j;

    exports io.github.iconiksdk.transcoder.pdf;

    provides io.github.iconiksdk.api.transcode.TranscoderProvider
            with io.github.iconiksdk.transcoder.pdf.PdfTranscoderProvider;
}
