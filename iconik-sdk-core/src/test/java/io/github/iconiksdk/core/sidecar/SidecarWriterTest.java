// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.sidecar;

import io.github.iconiksdk.api.metadata.FieldValue;
import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.sidecar.SidecarException;
import io.github.iconiksdk.api.sidecar.SidecarFormat;
import io.github.iconiksdk.api.sidecar.SidecarNaming;
import io.github.iconiksdk.api.sidecar.SidecarWriter;
import io.github.iconiksdk.core.sidecar.internal.DefaultSidecarWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SidecarWriterTest {

    static final MetadataValues TYPED = MetadataValues.builder()
            .add("Card", "A001").add("Location", "Harbour, North").add("Operator", "Kim").add("Notes", "").build();

    @TempDir
    Path dir;

    private Path clip(String name) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.write(file, new byte[] {1, 2, 3});
    }

    private static SidecarWriter writer(SidecarWriterConfig.Builder config) {
        return new DefaultSidecarWriter(config.build(), f -> Optional.of("RAID"));
    }

    @Test
    void writesOnlyTheElementsListed_inTheirOrder_asAppendedJson() throws IOException {
        Path clip = clip("a.MOV");
        SidecarWriter w = writer(SidecarWriterConfig.builder().elements("{Location} {Card}{Notes}"));

        SidecarWriter.Result result = w.write(clip, TYPED);

        Path sidecar = dir.resolve("a.MOV.json");
        assertEquals(Optional.of(sidecar), result.written());
        assertEquals(MetadataValues.builder().add("Location", "Harbour, North").add("Card", "A001").build(),
                Sidecars.reader().readFor(clip).orElseThrow());
        assertEquals(List.of("Location", "Card"), List.copyOf(
                Sidecars.reader().readFor(clip).orElseThrow().fields().keySet()));
        assertTrue(Files.readString(sidecar).contains("\"metadata_values\""));
    }

    @Test
    void extensionFilter_ignoresCase_andSkipsOthersWithAReason() throws IOException {
        SidecarWriter w = writer(SidecarWriterConfig.builder().elements("{Card}").extensions(".MOV;.R3D"));

        assertTrue(w.write(clip("a.MOV"), TYPED).written().isPresent());
        assertTrue(w.write(clip("b.r3d"), TYPED).written().isPresent());
        SidecarWriter.Result wav = w.write(clip("c.wav"), TYPED);

        assertEquals(Optional.empty(), wav.written());
        assertTrue(wav.skipReason().contains(".MOV;.R3D"), wav.skipReason());
        assertFalse(Files.exists(dir.resolve("c.wav.json")));
        assertTrue(Files.exists(dir.resolve("b.r3d.json")));
    }

    @Test
    void destinationFilter_byVolumeName() throws IOException {
        Path clip = clip("a.MOV");
        SidecarWriter onRaid = writer(SidecarWriterConfig.builder().elements("{Card}").destinations("Backup 1;RAID"));
        SidecarWriter elsewhere = writer(SidecarWriterConfig.builder().elements("{Card}")
                .destinations("Backup 1;Backup 2"));

        assertTrue(onRaid.write(clip, TYPED).written().isPresent());
        SidecarWriter.Result skipped = elsewhere.write(clip, TYPED);
        assertTrue(skipped.skipReason().contains("volume \"RAID\"") && skipped.skipReason().contains("Backup 2"),
                skipped.skipReason());
    }

    @Test
    void configuredVolumeName_winsOverTheMountPoint() throws IOException {
        Path clip = clip("a.MOV");
        SidecarWriter w = writer(SidecarWriterConfig.builder().elements("{Card}").destinations("SHUTTLE")
                .volumeName("SHUTTLE"));

        assertTrue(w.write(clip, TYPED).written().isPresent());
    }

    @Test
    void destinationFilter_byPathGlob_matchesAnyFolderAboveTheClip() throws IOException {
        SidecarWriter proxies = writer(SidecarWriterConfig.builder().elements("{Card}").destinations("*/proxies"));

        assertTrue(proxies.write(clip("proxies/a.mov"), TYPED).written().isPresent());
        assertTrue(proxies.write(clip("proxies/A001/CLIPS/b.mov"), TYPED).written().isPresent());
        SidecarWriter.Result other = proxies.write(clip("originals/c.mov"), TYPED);
        assertTrue(other.skipReason().contains("*/proxies"), other.skipReason());
        SidecarWriter.Result near = proxies.write(clip("proxies-old/d.mov"), TYPED);
        assertEquals(Optional.empty(), near.written());

        SidecarWriter absolute = writer(SidecarWriterConfig.builder().elements("{Card}")
                .destinations(dir.resolve("originals") + "/"));
        assertTrue(absolute.write(dir.resolve("originals/c.mov"), TYPED).written().isPresent());
    }

    @Test
    void noElementWithAValue_isSkipped_notAnEmptySidecar() throws IOException {
        Path clip = clip("a.MOV");
        SidecarWriter.Result r = writer(SidecarWriterConfig.builder().elements("{Notes}{ShootDay}")).write(clip, TYPED);

        assertTrue(r.skipReason().contains("no element has a value"), r.skipReason());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void elementNameWithSpace_isRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SidecarWriterConfig.builder().elements("{Card}{Shoot Day}"));
        assertTrue(e.getMessage().contains("\"Shoot Day\"") && e.getMessage().contains("space"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SidecarWriterConfig.builder().elements(List.of("Card", "{Shoot date}")));
    }

    @Test
    void malformedElementsText_isRefusedWithThePosition() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SidecarWriterConfig.parseElements("{Card}Location")).getMessage().contains("position 7"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SidecarWriterConfig.parseElements("{Card}{Loc")).getMessage().contains("never closed"));
        assertThrows(IllegalArgumentException.class, () -> SidecarWriterConfig.parseElements("{}"));
        assertThrows(IllegalArgumentException.class, () -> SidecarWriterConfig.parseElements("  "));
        assertThrows(IllegalStateException.class, () -> SidecarWriterConfig.builder().build());
    }

    @Test
    void extensionWithoutDot_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SidecarWriterConfig.builder().extensions(".MOV;R3D"));
        assertTrue(e.getMessage().contains("\"R3D\""), e.getMessage());
    }

    @Test
    void mediaPathWithDotDot_isRefused() throws IOException {
        clip("a.MOV");
        Files.createDirectories(dir.resolve("sub"));
        Path sneaky = dir.resolve("sub/../a.MOV");
        SidecarWriter w = writer(SidecarWriterConfig.builder().elements("{Card}"));

        SidecarException e = assertThrows(SidecarException.class, () -> w.write(sneaky, TYPED));
        assertTrue(e.getMessage().contains(".."), e.getMessage());
        assertFalse(Files.exists(dir.resolve("a.MOV.json")));
    }

    @Test
    void missingMedia_isASidecarException() {
        SidecarWriter w = writer(SidecarWriterConfig.builder().elements("{Card}"));
        SidecarException e = assertThrows(SidecarException.class, () -> w.write(dir.resolve("gone.MOV"), TYPED));
        assertTrue(e.getMessage().contains("no such media file"), e.getMessage());
    }

    @Test
    void replacedNaming_andOtherFormats() throws IOException {
        Path clip = clip("a.MOV");
        writer(SidecarWriterConfig.builder().elements("{Card}{Location}").naming(SidecarNaming.REPLACED)
                .format(SidecarFormat.CSV)).write(clip, TYPED);
        assertEquals("Card,Location\r\nA001,\"Harbour, North\"\r\n",
                Files.readString(dir.resolve("a.csv"), StandardCharsets.UTF_8));

        writer(SidecarWriterConfig.builder().elements("{Card}").format(SidecarFormat.XML)).write(clip, TYPED);
        String xml = Files.readString(dir.resolve("a.MOV.xml"));
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<metadata_view>"), xml);
        assertTrue(xml.contains("<Card>\n      <field_values><value>A001</value></field_values>"), xml);
    }

    @Test
    void rewrite_replacesAtomically_andLeavesNoTemporaryFile() throws IOException {
        Path clip = clip("a.MOV");
        SidecarWriter w = writer(SidecarWriterConfig.builder().elements("{Card}"));
        w.write(clip, TYPED);
        w.write(clip, MetadataValues.builder().add("Card", "A002").build());

        assertEquals(List.of(FieldValue.of("A002")), Sidecars.reader().readFor(clip).orElseThrow().values("Card"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("a.MOV", "a.MOV.json"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void sidecarPathThatIsAFolder_isNotReplaced() throws IOException {
        Path clip = clip("a.MOV");
        Files.createDirectory(dir.resolve("a.MOV.json"));
        SidecarWriter w = writer(SidecarWriterConfig.builder().elements("{Card}"));

        assertThrows(SidecarException.class, () -> w.write(clip, TYPED));
        assertTrue(Files.isDirectory(dir.resolve("a.MOV.json")));
    }

    @Test
    void xmlFieldNameThatIsNoXmlName_isASidecarExceptionNamingIt() throws IOException {
        Path clip = clip("a.MOV");
        SidecarWriter w = writer(SidecarWriterConfig.builder().elements("{1st}").format(SidecarFormat.XML));
        SidecarException e = assertThrows(SidecarException.class,
                () -> w.write(clip, MetadataValues.builder().add("1st", "x").build()));
        assertTrue(e.getMessage().contains("\"1st\""), e.getMessage());
        assertFalse(Files.exists(dir.resolve("a.MOV.xml")));
    }

    @Test
    void offShootPreset_keysBecomeWriterSettings() {
        OffShootPreset preset = OffShootPreset.parse("{\"name\": \"Shoot\", \"createIconikSidecars\": true,"
                + " \"iconikSidecarElements\": [\"{Card}\", \"{Location}\"],"
                + " \"iconikSidecarExtensions\": [\".R3D\", \".MOV\"],"
                + " \"iconikSidecarDestinations\": [\"RAID\", \"*/proxies\"]}");

        SidecarWriterConfig config = preset.toConfig().build();

        assertTrue(preset.createSidecars());
        assertEquals(List.of("Card", "Location"), config.elements());
        assertEquals(List.of(".R3D", ".MOV"), config.extensions());
        assertEquals(List.of("RAID", "*/proxies"), config.destinations());
    }

    @Test
    void offShootPreset_legacyHedgeKeys_andBadValues() {
        OffShootPreset legacy = OffShootPreset.parse("{\"createIconikSidecars\": false,"
                + " \"iconikSidecarParameterNames\": [\"{Card}\"]}");
        assertFalse(legacy.createSidecars());
        assertEquals(List.of("Card"), legacy.elements());

        IllegalArgumentException space = assertThrows(IllegalArgumentException.class,
                () -> OffShootPreset.parse("{\"iconikSidecarElements\": [\"{Shoot date}\"]}"));
        assertTrue(space.getMessage().contains("\"Shoot date\""), space.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> OffShootPreset.parse("{\"iconikSidecarExtensions\": \".MOV\"}"));
        assertTrue(type.getMessage().contains("iconikSidecarExtensions"), type.getMessage());
        IllegalArgumentException json = assertThrows(IllegalArgumentException.class,
                () -> OffShootPreset.parse("{\"iconikSidecarElements\": [\n"));
        assertTrue(json.getMessage().contains("line 2"), json.getMessage());
    }
}
