// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.sidecar;

import io.github.iconiksdk.api.sidecar.Sidecar;
import io.github.iconiksdk.api.sidecar.SidecarException;
import io.github.iconiksdk.api.sidecar.SidecarFormat;
import io.github.iconiksdk.api.sidecar.SidecarReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Broken and hostile sidecars: each is a SidecarException naming the file and, where there is one, the position. */
class HostileSidecarTest {

    @TempDir
    Path dir;

    private final SidecarReader reader = Sidecars.reader();

    private SidecarException refused(String name, byte[] content) throws IOException {
        Path file = Files.write(dir.resolve(name), content);
        SidecarFormat format = Sidecars.formatOf(name).orElseThrow();
        SidecarException e = assertThrows(SidecarException.class,
                () -> reader.read(new Sidecar(file, format, List.of())));
        assertEquals(file, e.file());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        return e;
    }

    private SidecarException refused(String name, String content) throws IOException {
        return refused(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private static void at(SidecarException e, int line, int column) {
        assertEquals(line, e.line().orElse(-1), e.getMessage());
        assertEquals(column, e.column().orElse(-1), e.getMessage());
        assertTrue(e.getMessage().contains(":" + line + ":" + column + ": "), e.getMessage());
    }

    @Test
    void truncatedJson_namesFileLineAndColumn() throws IOException {
        SidecarException e = refused("clip.json", "{\"metadata_values\": {\n  \"project\": {\"field_values\": [{\"va");
        assertTrue(e.line().isPresent() && e.column().isPresent(), e.getMessage());
        assertEquals(2, e.line().getAsInt());
        assertTrue(e.reason().startsWith("malformed JSON"), e.reason());
    }

    @Test
    void jsonWithWrongRoot_isRefused() throws IOException {
        at(refused("a.json", "[{\"metadata_values\": {}}]"), 1, 1);
        SidecarException e = refused("b.json", "\n{\"project\": {\"field_values\": []}}");
        at(e, 2, 1);
        assertTrue(e.reason().contains("metadata_values"), e.reason());
        at(refused("c.json", "{\"metadata_values\": [1]}"), 1, 21);
    }

    @Test
    void jsonValueThatIsAnObject_isRefusedAtItsPosition() throws IOException {
        SidecarException e = refused("clip.json",
                "{\"metadata_values\": {\"p\": {\"field_values\": [\n  {\"value\": {\"x\": 1}}]}}}");
        at(e, 2, 13);
        assertTrue(e.reason().contains("field \"p\""), e.reason());
    }

    @Test
    void jsonEscapedLoneSurrogate_isRefused() throws IOException {
        SidecarException e = refused("clip.json", "{\"metadata_values\": {\"p\": {\"field_values\": [\n"
                + "  {\"value\": \"a\\ud800b\"}]}}}");
        assertEquals(2, e.line().orElse(-1), e.getMessage());
        assertTrue(e.reason().contains("surrogate"), e.reason());
    }

    @Test
    void nonFiniteScores_areRefused() throws IOException {
        assertTrue(refused("a.json", "{\"metadata_values\": {\"t\": {\"field_values\": [{\"value\": \"x\","
                + " \"score\": \"NaN\"}]}}}").reason().contains("finite"));
        assertTrue(refused("b.json", "{\"metadata_values\": {\"t\": {\"field_values\": [{\"value\": \"x\","
                + " \"score\": 1e999}]}}}").reason().contains("range"));
        assertTrue(refused("c.xml", "<metadata_view><metadata_values><t><field_values><value>x</value>"
                + "<score>Infinity</score></field_values></t></metadata_values></metadata_view>").reason()
                .contains("finite"));
        assertThrows(IllegalArgumentException.class, () -> Sidecars.encode(io.github.iconiksdk.api.metadata
                .MetadataValues.builder().add("t", new io.github.iconiksdk.api.metadata.FieldValue("x", Double.NaN))
                .build(), SidecarFormat.JSON));
    }

    @Test
    void jsonDuplicateField_isRefused() throws IOException {
        SidecarException e = refused("clip.json", "{\"metadata_values\": {\"p\": {\"field_values\": []},"
                + " \"p\": {\"field_values\": []}}}");
        assertTrue(e.reason().contains("Duplicate"), e.reason());
        assertTrue(e.line().isPresent());
    }

    @Test
    void xmlWithExternalEntity_isRefusedWithoutReadingTheEntity() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        SidecarException e = refused("clip.xml", "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE metadata_view [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<metadata_view><metadata_values><p><field_values><value>&xxe;</value></field_values></p>"
                + "</metadata_values></metadata_view>");
        assertTrue(e.line().isPresent() && e.column().isPresent(), e.getMessage());
        assertFalse(e.getMessage().contains("TOP-SECRET"));
        assertTrue(e.reason().contains("DOCTYPE"), e.reason());
    }

    @Test
    void xmlWithExternalDtd_isRefusedWithoutFetchingIt() throws IOException {
        Path dtd = Files.writeString(dir.resolve("evil.dtd"), "<!ENTITY x \"FROM-DTD\">");
        SidecarException e = refused("clip.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE metadata_view SYSTEM \""
                + dtd.toUri() + "\">\n<metadata_view><metadata_values><p><field_values><value>&x;</value>"
                + "</field_values></p></metadata_values></metadata_view>");
        assertTrue(e.reason().contains("DOCTYPE"), e.reason());
        assertFalse(e.getMessage().contains("FROM-DTD"));
    }

    @Test
    void xmlBareAmpersandInText_isASidecarException_notAParserRuntimeException() throws IOException {
        SidecarException e = refused("clip.xml", "<metadata_view><metadata_values><p><field_values>\n"
                + "<value>Fish & Chips</value></field_values></p></metadata_values></metadata_view>");
        assertEquals(2, e.line().orElse(-1), e.getMessage());
        assertTrue(e.reason().startsWith("malformed XML"), e.reason());
    }

    @Test
    void xmlEntityWithoutDoctype_isRefused() throws IOException {
        SidecarException e = refused("clip.xml", "<metadata_view><metadata_values><p><field_values>"
                + "<value>&lol;</value></field_values></p></metadata_values></metadata_view>");
        at(e, 1, e.column().orElse(-1));
        assertTrue(e.reason().contains("malformed XML"), e.reason());
    }

    @Test
    void billionLaughs_isRefusedQuickly() throws IOException {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            xml.append(" <!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                xml.append("&lol").append(i == 1 ? "" : String.valueOf(i - 1)).append(';');
            }
            xml.append("\">\n");
        }
        xml.append("]>\n<metadata_view><metadata_values><p><field_values><value>&lol9;</value>"
                + "</field_values></p></metadata_values></metadata_view>\n");
        SidecarException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> refused("lolz.xml", xml.toString()));
        assertTrue(e.line().isPresent(), e.getMessage());
        assertTrue(e.reason().contains("DOCTYPE"), e.reason());
    }

    @Test
    void xmlWithWrongRoot_orMalformed_isRefusedWithPosition() throws IOException {
        SidecarException e = refused("a.xml", "<?xml version=\"1.0\"?>\n<metadata><metadata_values/></metadata>");
        assertEquals(2, e.line().orElse(-1), e.getMessage());
        assertTrue(e.reason().contains("metadata_view"), e.reason());
        SidecarException truncated = refused("b.xml", "<metadata_view>\n<metadata_values><p><field_values>");
        assertEquals(2, truncated.line().orElse(-1), truncated.getMessage());
        SidecarException mismatched = refused("c.xml", "<metadata_view><metadata_values></metadata_view>");
        assertTrue(mismatched.column().isPresent(), mismatched.getMessage());
    }

    @Test
    void xmlDeclaringAnotherEncoding_isRefused() throws IOException {
        SidecarException e = refused("clip.xml", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
                + "<metadata_view><metadata_values/></metadata_view>");
        assertTrue(e.reason().contains("ISO-8859-1") && e.reason().contains("UTF-8"), e.reason());
    }

    @Test
    void raggedCsv_namesTheCellThatDoesNotFit() throws IOException {
        SidecarException e = refused("clip.csv", "project,keywords\nHarbour,drone,sunset\n");
        at(e, 2, 15);
        assertTrue(e.reason().contains("ragged"), e.reason());
        SidecarException shortRow = refused("short.csv", "project,keywords,year\nHarbour,drone\n");
        assertEquals(2, shortRow.line().orElse(-1), shortRow.getMessage());
    }

    @Test
    void csvWithoutValueRow_orWithTwo_isRefused() throws IOException {
        SidecarException e = refused("a.csv", "project,keywords\n");
        at(e, 2, 1);
        SidecarException two = refused("b.csv", "project\nA\nB\n");
        at(two, 3, 1);
    }

    @Test
    void csvWithUnclosedQuote_isRefused() throws IOException {
        SidecarException e = refused("clip.csv", "project\n\"Harbour\n");
        assertTrue(e.line().isPresent(), e.getMessage());
        assertTrue(e.reason().startsWith("malformed CSV"), e.reason());
    }

    @Test
    void utf16File_withOrWithoutByteOrderMark_isRefusedAsNotUtf8() throws IOException {
        String json = "{\"metadata_values\": {}}";
        SidecarException bom = refused("a.json", json.getBytes(StandardCharsets.UTF_16));
        at(bom, 1, 1);
        assertTrue(bom.reason().contains("UTF-16") && bom.reason().contains("UTF-8"), bom.reason());
        SidecarException le = refused("b.json", json.getBytes(StandardCharsets.UTF_16LE));
        assertTrue(le.reason().contains("UTF-8"), le.reason());
        SidecarException xml = refused("c.xml", "<metadata_view/>".getBytes(StandardCharsets.UTF_16BE));
        assertTrue(xml.reason().contains("UTF-8"), xml.reason());
    }

    @Test
    void latin1Bytes_areRefusedWithTheirPosition() throws IOException {
        byte[] latin1 = "project\nCaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        SidecarException e = refused("clip.csv", latin1);
        at(e, 2, 4);
        assertTrue(e.reason().contains("not valid UTF-8"), e.reason());
    }

    @Test
    void emptyFile_isRefusedInEveryEncoding() throws IOException {
        for (String name : List.of("a.json", "a.xml", "a.csv")) {
            SidecarException e = refused(name, new byte[0]);
            at(e, 1, 1);
            assertTrue(e.reason().contains("empty"), e.reason());
        }
        SidecarException bomOnly = refused("b.json", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        assertTrue(bomOnly.reason().contains("empty"), bomOnly.reason());
    }

    @Test
    void twoMebibyteFile_isRefusedBeforeParsing() throws IOException {
        byte[] big = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        SidecarException e = refused("big.json", big);
        assertTrue(e.reason().contains("1 MiB") && e.reason().contains(String.valueOf(big.length)), e.reason());
        assertFalse(e.line().isPresent());
    }

    @Test
    void fileOfExactlyOneMebibyte_isStillParsed() throws IOException {
        String head = "{\"metadata_values\": {\"p\": {\"field_values\": [{\"value\": \"x\"}]}}}";
        byte[] content = new byte[Sidecars.MAX_SIDECAR_BYTES];
        java.util.Arrays.fill(content, (byte) ' ');
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, content, 0, head.length());
        Path file = Files.write(dir.resolve("exact.json"), content);

        assertEquals("x", reader.read(new Sidecar(file, SidecarFormat.JSON, List.of())).values("p").get(0).value());
    }

    @Test
    void missingSidecar_isASidecarExceptionNamingIt() {
        Path file = dir.resolve("gone.json");
        SidecarException e = assertThrows(SidecarException.class,
                () -> reader.read(new Sidecar(file, SidecarFormat.JSON, List.of())));
        assertEquals(file, e.file());
    }
}
