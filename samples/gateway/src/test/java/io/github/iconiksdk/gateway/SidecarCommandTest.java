// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SidecarCommandTest {

    static final String TREE = "{\"metadata_values\":{\"project\":{\"field_values\":[{\"value\":\"Harbour Doc\"}]},"
            + "\"keywords\":{\"field_values\":[{\"value\":\"drone\"},{\"value\":\"sunset\"}]}}}";

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static String body(String name) {
        if (name.toLowerCase().endsWith(".xml")) {
            return "<metadata_view><metadata_values><project><field_values><value>Harbour Doc</value></field_values>"
                    + "</project><keywords><field_values><value>drone</value><value>sunset</value></field_values>"
                    + "</keywords></metadata_values></metadata_view>";
        }
        if (name.toLowerCase().endsWith(".csv")) {
            return "project,keywords,keywords\nHarbour Doc,drone,sunset\n";
        }
        return TREE;
    }

    @ParameterizedTest
    @ValueSource(strings = {"A001.MOV.json", "A001.MOV.xml", "A001.MOV.csv", "A001.json", "A001.xml", "A001.CSV"})
    void read_printsTheTree_forEachNamingFormAndEncoding(String sidecar) throws IOException {
        Path clip = file("A001.MOV", "clip");
        file(sidecar, body(sidecar));

        CommandRun run = CommandRun.run("sidecar", "read", clip.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(TREE + "\n", run.out().replace("\r\n", "\n"));
        assertEquals("", run.err());
    }

    @Test
    void read_noSidecar_printsEmptyTree() throws IOException {
        CommandRun run = CommandRun.run("sidecar", "read", file("A001.MOV", "clip").toString());

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("{\"metadata_values\":{}}", run.out().strip());
    }

    @Test
    void read_reportsPassedOverCandidatesOnStderr() throws IOException {
        Path clip = file("A001.MOV", "clip");
        file("A001.MOV.json", TREE);
        file("A001.xml", body("x.xml"));

        CommandRun run = CommandRun.run("sidecar", "read", clip.toString());

        assertEquals(0, run.exitCode());
        assertEquals(TREE, run.out().strip());
        assertTrue(run.err().contains("A001.xml") && run.err().contains("ignored"), run.err());
    }

    @Test
    void read_malformed_exits1NamingFileAndPosition() throws IOException {
        Path clip = file("A001.MOV", "clip");
        Path sidecar = file("A001.MOV.json", "{\"metadata_values\": {\n  \"project\": [");

        CommandRun run = CommandRun.run("sidecar", "read", clip.toString());

        assertEquals(1, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().contains(sidecar + ":2:"), run.err());
    }

    @Test
    void read_missingMedia_exits1() {
        CommandRun run = CommandRun.run("sidecar", "read", dir.resolve("nope.MOV").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("no such file"), run.err());
    }

    @Test
    void write_acceptanceExample_writesOnlyTheSelectedExtensions() throws IOException {
        Path a = file("a.MOV", "x");
        Path b = file("b.r3d", "x");
        Path c = file("c.wav", "x");

        CommandRun run = CommandRun.run("sidecar", "write", "--elements", "{Card}{Location}", "--set", "Card=A001",
                "--set", "Location=Harbour, North", "--extensions", ".MOV;.R3D", a.toString(), b.toString(),
                c.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(a + ".json\n" + b + ".json\n", run.out().replace("\r\n", "\n"));
        assertTrue(run.err().contains("skipped " + c) && run.err().contains(".MOV;.R3D"), run.err());
        assertFalse(Files.exists(dir.resolve("c.wav.json")));
        CommandRun back = CommandRun.run("sidecar", "read", a.toString());
        assertEquals("{\"metadata_values\":{\"Card\":{\"field_values\":[{\"value\":\"A001\"}]},"
                + "\"Location\":{\"field_values\":[{\"value\":\"Harbour, North\"}]}}}", back.out().strip());
    }

    @Test
    void write_elementWithSpace_exits2NamingIt() throws IOException {
        Path a = file("a.MOV", "x");

        CommandRun run = CommandRun.run("sidecar", "write", "--elements", "{Card}{Shoot Day}", "--set", "Card=A001",
                a.toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Shoot Day"), run.err());
        assertFalse(Files.exists(dir.resolve("a.MOV.json")));
    }

    @Test
    void write_destinationsAndVolume_skipWithReason() throws IOException {
        Path a = file("a.MOV", "x");

        CommandRun other = CommandRun.run("sidecar", "write", "--elements", "{Card}", "--set", "Card=A001",
                "--destinations", "RAID", "--volume", "SHUTTLE", a.toString());
        assertEquals(0, other.exitCode());
        assertEquals("", other.out());
        assertTrue(other.err().contains("SHUTTLE") && other.err().contains("RAID"), other.err());

        CommandRun raid = CommandRun.run("sidecar", "write", "--elements", "{Card}", "--set", "Card=A001",
                "--destinations", "Backup;RAID", "--volume", "RAID", "--format", "XML", a.toString());
        assertEquals(0, raid.exitCode(), raid.err());
        assertEquals(a + ".xml", raid.out().strip());
    }

    @Test
    void write_badUsage_exits2() throws IOException {
        Path a = file("a.MOV", "x");
        assertEquals(2, CommandRun.run("sidecar", "write", "--set", "Card=A001", a.toString()).exitCode());
        assertEquals(2, CommandRun.run("sidecar", "write", "--elements", "{Card}", "--set", "Card", a.toString())
                .exitCode());
        assertEquals(2, CommandRun.run("sidecar", "write", "--elements", "{Card}", "--format", "yaml",
                a.toString()).exitCode());
        assertEquals(2, CommandRun.run("sidecar", "write", "--elements", "{Card}", "--extensions", "MOV",
                a.toString()).exitCode());
        assertEquals(2, CommandRun.run("sidecar", "write", "--elements", "{Card}").exitCode());
        assertEquals(2, CommandRun.run("sidecar").exitCode());
    }

    @Test
    void write_missingFile_exits1_afterWritingTheOthers() throws IOException {
        Path a = file("a.MOV", "x");

        CommandRun run = CommandRun.run("sidecar", "write", "--elements", "{Card}", "--set", "Card=A001",
                dir.resolve("gone.MOV").toString(), a.toString());

        assertEquals(1, run.exitCode());
        assertEquals(a + ".json", run.out().strip());
        assertTrue(run.err().contains("gone.MOV"), run.err());
    }

    @Test
    void write_fromOffShootPreset() throws IOException {
        Path a = file("a.MOV", "x");
        Path b = file("b.wav", "x");
        Path preset = file("preset.json", "{\"iconikSidecarElements\": [\"{Card}\"],"
                + " \"iconikSidecarExtensions\": [\".mov\"]}");

        CommandRun run = CommandRun.run("sidecar", "write", "--preset", preset.toString(), "--set", "Card=A001",
                "--set", "Other=x", a.toString(), b.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(a + ".json", run.out().strip());
        assertTrue(run.err().contains("--set Other"), run.err());
    }
}
