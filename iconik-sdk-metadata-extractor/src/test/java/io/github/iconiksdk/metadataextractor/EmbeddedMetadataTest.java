// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.metadataextractor;

import io.github.iconiksdk.api.metadata.FieldType;
import io.github.iconiksdk.api.metadata.FieldValue;
import io.github.iconiksdk.api.metadata.MetadataField;
import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.metadata.MetadataView;
import io.github.iconiksdk.core.media.EmbeddedMetadata;
import io.github.iconiksdk.core.media.EmbeddedMetadataMapping;
import io.github.iconiksdk.core.media.EmbeddedMetadataReader;
import io.github.iconiksdk.core.sidecar.ValidationResult;
import io.github.iconiksdk.testing.RequiredTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Embedded XMP and IPTC in a JPEG that ffmpeg makes here (the segments are added as a photo tool writes them), read
 * through the service and mapped into a view.
 */
class EmbeddedMetadataTest {

    @TempDir
    static Path dir;

    static final String XMP = """
            <?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
              xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:DateCreated="2024-05-01T10:20:30">
            <dc:subject><rdf:Bag><rdf:li>harbour</rdf:li><rdf:li>sunset</rdf:li><rdf:li>boats</rdf:li></rdf:Bag></dc:subject>
            <dc:description><rdf:Alt><rdf:li xml:lang="x-default">Boats in the harbour at dusk</rdf:li></rdf:Alt></dc:description>
            <dc:creator><rdf:Seq><rdf:li>Ada Lovelace</rdf:li></rdf:Seq></dc:creator>
            <dc:rights><rdf:Alt><rdf:li xml:lang="x-default">© 2024 Ada Lovelace</rdf:li></rdf:Alt></dc:rights>
            </rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>""";

    /** A JPEG ffmpeg makes, without metadata; skips the calling test where ffmpeg is missing. */
    static Path plainJpeg(Path dir) throws Exception {
        RequiredTools.ffmpeg();
        Path plain = dir.resolve("plain.jpg");
        if (Files.exists(plain)) {
            return plain;
        }
        Process p = new ProcessBuilder("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                "testsrc2=s=160x120:r=1:d=1", "-frames:v", "1", plain.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "ffmpeg: " + log);
        return plain;
    }

    /** The plain JPEG with an XMP packet (APP1) and IPTC records (APP13) added as photo tools write them. */
    static Path taggedJpeg(Path dir) throws Exception {
        byte[] jpeg = Files.readAllBytes(plainJpeg(dir));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2); // SOI
        out.write(segment(0xE1, concat("http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.US_ASCII),
                XMP.getBytes(StandardCharsets.UTF_8))));
        out.write(segment(0xED, photoshopIptc()));
        out.write(jpeg, 2, jpeg.length - 2);
        return Files.write(dir.resolve("tagged.jpg"), out.toByteArray());
    }

    private static byte[] segment(int marker, byte[] body) {
        byte[] s = new byte[body.length + 4];
        s[0] = (byte) 0xFF;
        s[1] = (byte) marker;
        s[2] = (byte) ((body.length + 2) >> 8);
        s[3] = (byte) (body.length + 2);
        System.arraycopy(body, 0, s, 4, body.length);
        return s;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** An APP13 "Photoshop 3.0" block with one 8BIM 0x0404 resource holding IPTC IIM records (UTF-8). */
    private static byte[] photoshopIptc() throws IOException {
        ByteArrayOutputStream iim = new ByteArrayOutputStream();
        record(iim, 1, 90, new byte[] {0x1B, 0x25, 0x47});
        for (String k : List.of("harbour", "evening")) {
            record(iim, 2, 25, k.getBytes(StandardCharsets.UTF_8));
        }
        record(iim, 2, 120, "Caption from IPTC".getBytes(StandardCharsets.UTF_8));
        record(iim, 2, 80, "Charles Babbage".getBytes(StandardCharsets.UTF_8));
        record(iim, 2, 55, "20240502".getBytes(StandardCharsets.US_ASCII));
        byte[] data = iim.toByteArray();
        ByteArrayOutputStream ps = new ByteArrayOutputStream();
        ps.write("Photoshop 3.0\0".getBytes(StandardCharsets.US_ASCII));
        ps.write("8BIM".getBytes(StandardCharsets.US_ASCII));
        ps.write(new byte[] {0x04, 0x04, 0, 0});
        ps.write(new byte[] {(byte) (data.length >> 24), (byte) (data.length >> 16), (byte) (data.length >> 8),
                (byte) data.length});
        ps.write(data);
        if (data.length % 2 == 1) {
            ps.write(0);
        }
        return ps.toByteArray();
    }

    private static void record(ByteArrayOutputStream out, int rec, int set, byte[] value) {
        out.write(0x1C);
        out.write(rec);
        out.write(set);
        out.write(value.length >> 8);
        out.write(value.length);
        out.write(value, 0, value.length);
    }

    private static EmbeddedMetadataReader reader() {
        List<EmbeddedMetadataReader> installed = EmbeddedMetadataReader.installed();
        assertEquals(1, installed.size(), "the service is registered once: " + installed);
        return installed.get(0);
    }

    @Test
    void jpeg_xmpAndIptc_areRead_inTheFilesOrder() throws Exception {
        EmbeddedMetadata md = reader().read(taggedJpeg(dir));
        assertEquals(List.of("harbour", "sunset", "boats"), md.get("xmp:dc:subject"));
        assertEquals(List.of("Boats in the harbour at dusk"), md.get("xmp:dc:description"));
        assertEquals(List.of("Ada Lovelace"), md.get("xmp:dc:creator"));
        assertEquals(List.of("2024-05-01T10:20:30"), md.get("xmp:photoshop:DateCreated"));
        assertEquals(List.of("harbour", "evening"), md.get("iptc:keywords"));
        assertEquals(List.of("Caption from IPTC"), md.get("iptc:caption"));
        assertEquals(List.of("Charles Babbage"), md.get("iptc:by-line"));
        assertEquals(List.of("2024-05-02"), md.get("iptc:date_created"));
    }

    @Test
    void jpegWithoutMetadata_andAFileOfNoKnownType_areEmpty() throws Exception {
        assertTrue(reader().read(plainJpeg(dir)).get("xmp:dc:subject").isEmpty());
        Path text = Files.writeString(dir.resolve("notes.txt"), "just words, not media");
        assertTrue(reader().read(text).isEmpty());
    }

    @Test
    void missingFile_isAnErrorNamingTheFile() {
        Path gone = dir.resolve("gone.jpg");
        var e = assertThrows(io.github.iconiksdk.core.media.EmbeddedMetadataException.class,
                () -> reader().read(gone));
        assertTrue(e.getMessage().contains("gone.jpg"), e.getMessage());
    }

    private static MetadataView view() {
        return new MetadataView("v1", "Sidecar", List.of(MetadataField.of("keywords", FieldType.STRING, true),
                MetadataField.of("description", FieldType.TEXT, false),
                MetadataField.of("creator", FieldType.STRING, false),
                MetadataField.of("capture_date", FieldType.DATE, false),
                MetadataField.of("gps", FieldType.STRING, false)));
    }

    @Test
    void defaults_mapXmpKeywordsAndDescription_listsToMultiValueFields() throws Exception {
        ValidationResult r = EmbeddedMetadataMapping.defaults().apply(reader().read(taggedJpeg(dir)), view(),
                MetadataValues.empty());
        assertEquals(List.of("harbour", "sunset", "boats"), texts(r.values(), "keywords"),
                "XMP dc:subject comes before IPTC Keywords");
        assertEquals(List.of("Boats in the harbour at dusk"), texts(r.values(), "description"));
        assertEquals(List.of("Ada Lovelace"), texts(r.values(), "creator"));
        assertEquals(List.of("2024-05-01"), texts(r.values(), "capture_date"), "normalised like a sidecar date");
        assertTrue(r.values().values("gps").isEmpty(), "no GPS in the file");
        assertTrue(r.problems().isEmpty(), r.problems().toString());
    }

    @Test
    void sidecarValuesWin_andAValueThatDoesNotFitIsDroppedAndReported() {
        EmbeddedMetadata md = EmbeddedMetadata.builder().add("xmp:dc:subject", "a").add("xmp:dc:subject", "b")
                .add("xmp:dc:creator", "From the file").add("exif:date_time_original", "sometime")
                .add("xmp:dc:description", "one").build();
        MetadataValues sidecar = MetadataValues.builder().add("creator", "From the sidecar").build();
        EmbeddedMetadataMapping mapping = EmbeddedMetadataMapping.parse(
                "keywords = xmp:dc:subject\ndescription = xmp:dc:subject; creator = xmp:dc:creator\n"
                        + "# dates\ncapture_date = exif:date_time_original");
        ValidationResult r = mapping.apply(md, view(), sidecar);
        assertEquals(List.of("From the sidecar"), texts(r.values(), "creator"));
        assertEquals(List.of("a", "b"), texts(r.values(), "keywords"));
        assertEquals(List.of("a, b"), texts(r.values(), "description"), "a list into a one-value field is joined");
        assertTrue(r.values().values("capture_date").isEmpty());
        assertEquals(1, r.problems().size(), r.problems().toString());
        assertEquals("capture_date", r.problems().get(0).field());
    }

    @Test
    void malformedMapping_namesTheEntry() {
        var e = assertThrows(IllegalArgumentException.class, () -> EmbeddedMetadataMapping.parse("keywords xmp"));
        assertTrue(e.getMessage().contains("\"keywords xmp\""), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EmbeddedMetadataMapping.parse("keywords = subject"));
        assertTrue(e.getMessage().contains("\"subject\""), e.getMessage());
    }

    private static List<String> texts(MetadataValues values, String field) {
        List<String> out = new ArrayList<>();
        for (FieldValue v : values.values(field)) {
            out.add(v.value());
        }
        return out;
    }
}
