// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.sidecar;

import io.github.iconiksdk.api.metadata.FieldValue;
import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.sidecar.Sidecar;
import io.github.iconiksdk.api.sidecar.SidecarFormat;
import io.github.iconiksdk.api.sidecar.SidecarReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SidecarReaderTest {

    static final String JSON = "{\"metadata_values\": {\n"
            + "  \"project\":  {\"field_values\": [{\"value\": \"Harbour Doc\"}]},\n"
            + "  \"keywords\": {\"field_values\": [{\"value\": \"drone\"}, {\"value\": \"sunset\"}]}\n"
            + "}}\n";
    static final String XML = "<metadata_view>\n  <metadata_values>\n"
            + "    <project><field_values><value>Harbour Doc</value></field_values></project>\n"
            + "    <keywords>\n      <field_values><value>drone</value></field_values>\n"
            + "      <field_values><value>sunset</value></field_values>\n    </keywords>\n"
            + "  </metadata_values>\n</metadata_view>\n";
    static final String CSV = "project,keywords,keywords\r\nHarbour Doc,drone,sunset\r\n";
    static final MetadataValues EXPECTED = MetadataValues.builder()
            .add("project", "Harbour Doc").add("keywords", "drone").add("keywords", "sunset").build();

    @TempDir
    Path dir;

    private final SidecarReader reader = Sidecars.reader();

    private Path media(String name) throws IOException {
        return Files.write(dir.resolve(name), new byte[] {0, 1, 2});
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static String body(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".json") ? JSON : lower.endsWith(".xml") ? XML : CSV;
    }

    @ParameterizedTest
    @ValueSource(strings = {"A001C003.MOV.json", "A001C003.MOV.xml", "A001C003.MOV.csv",
            "A001C003.json", "A001C003.xml", "A001C003.csv", "A001C003.MOV.JSON", "A001C003.Xml"})
    void everyNamingFormAndEncoding_givesTheSameTree(String sidecarName) throws IOException {
        Path clip = media("A001C003.MOV");
        write(sidecarName, body(sidecarName));

        Optional<Sidecar> found = reader.find(clip);

        assertTrue(found.isPresent());
        assertEquals(dir.resolve(sidecarName), found.get().file());
        assertEquals(List.of(), found.get().ignoredCandidates());
        assertEquals(EXPECTED, reader.read(found.get()));
    }

    @Test
    void severalCandidates_firstInSearchOrderWins_othersReported() throws IOException {
        Path clip = media("clip.MOV");
        for (String name : List.of("clip.csv", "clip.MOV.xml", "clip.json", "clip.MOV.csv")) {
            write(name, body(name));
        }

        Sidecar sidecar = reader.find(clip).orElseThrow();

        assertEquals(dir.resolve("clip.MOV.xml"), sidecar.file());
        assertEquals(SidecarFormat.XML, sidecar.format());
        assertEquals(List.of(dir.resolve("clip.MOV.csv"), dir.resolve("clip.json"), dir.resolve("clip.csv")),
                sidecar.ignoredCandidates());
    }

    @Test
    void noSidecar_findsNothing_andOtherFilesAreNotCandidates() throws IOException {
        Path clip = media("clip.MOV");
        media("clip2.json");
        media("clip.MOV.txt");
        media("xclip.MOV.json");
        Files.createDirectory(dir.resolve("clip.MOV.json")); // a folder is never a sidecar

        assertEquals(Optional.empty(), reader.find(clip));
        assertEquals(Optional.empty(), reader.readFor(clip));
    }

    @Test
    void mediaNameMustMatchExactly_onlyTheSidecarExtensionIgnoresCase() throws IOException {
        Path clip = media("Clip.MOV");
        write("clip.MOV.json", JSON);
        write("CLIP.json", JSON);

        assertEquals(Optional.empty(), reader.find(clip));
    }

    @Test
    void mediaWithoutExtension_hasOnlyAppendedCandidates() throws IOException {
        Path clip = media("README");
        write("README.json", JSON);

        assertEquals(dir.resolve("README.json"), reader.find(clip).orElseThrow().file());
    }

    @Test
    void mediaWithSidecarExtension_isNotItsOwnSidecar_andHasNoReplacedCandidates() throws IOException {
        Path data = media("data.csv");
        write("data.json", JSON);

        assertEquals(Optional.empty(), reader.find(data));

        write("data.csv.json", JSON);
        assertEquals(dir.resolve("data.csv.json"), reader.find(data).orElseThrow().file());
    }

    @Test
    void scoreAndExtraKeys_areKeptOrIgnored() throws IOException {
        Path clip = media("clip.mp4");
        write("clip.mp4.json", "{\"object_id\": \"x\", \"metadata_values\": {\"tags\": {\"mode\": \"append\","
                + " \"field_values\": [{\"value\": \"Car\", \"score\": 0.93}, {\"value\": 7}, {\"value\": null}]}}}");

        MetadataValues values = reader.readFor(clip).orElseThrow();

        assertEquals(List.of(new FieldValue("Car", 0.93), FieldValue.of("7")), values.values("tags"));
    }

    @Test
    void xml_singleFieldValuesWithSeveralValues_isAccepted_andScoresAttachToTheirValue() throws IOException {
        Path clip = media("clip.mp4");
        write("clip.xml", "<?xml version=\"1.0\" encoding=\"utf-8\"?><metadata_view><metadata_values>"
                + "<tags><field_values><value>Car</value><score>0.5</score><value>Tree</value>"
                + "<value><![CDATA[a < b & c]]></value></field_values></tags>"
                + "<empty/></metadata_values></metadata_view>");

        MetadataValues values = reader.readFor(clip).orElseThrow();

        assertEquals(List.of(new FieldValue("Car", 0.5), FieldValue.of("Tree"), FieldValue.of("a < b & c")),
                values.values("tags"));
        assertTrue(values.fields().containsKey("empty"));
        assertEquals(List.of(), values.values("empty"));
    }

    @Test
    void utf8ByteOrderMark_isAcceptedInEveryEncoding() throws IOException {
        Path clip = media("clip.mov");
        for (String name : List.of("clip.mov.json", "clip.mov.xml", "clip.mov.csv")) {
            byte[] text = body(name).getBytes(StandardCharsets.UTF_8);
            byte[] withBom = new byte[text.length + 3];
            withBom[0] = (byte) 0xEF;
            withBom[1] = (byte) 0xBB;
            withBom[2] = (byte) 0xBF;
            System.arraycopy(text, 0, withBom, 3, text.length);
            Path file = Files.write(dir.resolve(name), withBom);
            SidecarFormat format = Sidecars.formatOf(name).orElseThrow();

            assertEquals(EXPECTED, reader.read(new Sidecar(file, format, List.of())), name);
            Files.delete(file);
        }
        assertTrue(Files.exists(clip));
    }

    @Test
    void csv_emptyCellIsNoValue_andQuotedCellsKeepCommasQuotesAndNewlines() throws IOException {
        Path clip = media("clip.mov");
        write("clip.csv", "title,notes,keywords\n\"Harbour, North\",,\"say \"\"hi\"\"\nthen go\"\n");

        MetadataValues values = reader.readFor(clip).orElseThrow();

        assertEquals(List.of(FieldValue.of("Harbour, North")), values.values("title"));
        assertEquals(List.of(), values.values("notes"));
        assertEquals(List.of(FieldValue.of("say \"hi\"\nthen go")), values.values("keywords"));
    }
}
