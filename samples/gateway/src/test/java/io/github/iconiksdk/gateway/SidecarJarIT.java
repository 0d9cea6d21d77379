// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance lines against the runnable jar (the shaded jar must carry the XML parser and CSV module):
 * {@code sidecar write} then {@code sidecar read} in a clip folder, in every encoding.
 */
class SidecarJarIT {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private Run gateway(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-jar", System.getProperty("gateway.jar")));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out, err);
    }

    @Test
    void acceptance_writeThenReadInEveryEncoding() throws Exception {
        for (String clip : List.of("a.MOV", "b.r3d", "c.wav")) {
            Files.write(dir.resolve(clip), new byte[] {1});
        }
        Run write = gateway("sidecar", "write", "--elements", "{Card}{Location}", "--set", "Card=A001", "--set",
                "Location=Harbour, North", "--extensions", ".MOV;.R3D", "a.MOV", "b.r3d", "c.wav");
        assertEquals(0, write.exit(), write.err());
        assertEquals("a.MOV.json\nb.r3d.json\n", write.out());
        assertTrue(write.err().contains("skipped c.wav"), write.err());
        assertFalse(Files.exists(dir.resolve("c.wav.json")));

        String expected = "{\"metadata_values\":{\"Card\":{\"field_values\":[{\"value\":\"A001\"}]},"
                + "\"Location\":{\"field_values\":[{\"value\":\"Harbour, North\"}]}}}\n";
        for (String format : List.of("json", "xml", "csv")) {
            Files.deleteIfExists(dir.resolve("a.MOV.json"));
            Run w = gateway("sidecar", "write", "--elements", "{Card}{Location}", "--set", "Card=A001", "--set",
                    "Location=Harbour, North", "--format", format, "a.MOV");
            assertEquals("a.MOV." + format + "\n", w.out(), w.err());
            Run read = gateway("sidecar", "read", "a.MOV");
            assertEquals(0, read.exit(), read.err());
            assertEquals(expected, read.out(), format);
            Files.delete(dir.resolve("a.MOV." + format));
        }
    }

    @Test
    void acceptance_elementWithSpace_malformedSidecar_andNoSidecar() throws Exception {
        Files.write(dir.resolve("a.MOV"), new byte[] {1});
        Run space = gateway("sidecar", "write", "--elements", "{Shoot Day}", "--set", "Shoot Day=1", "a.MOV");
        assertEquals(2, space.exit());
        assertTrue(space.err().contains("Shoot Day"), space.err());

        assertEquals("{\"metadata_values\":{}}\n", gateway("sidecar", "read", "a.MOV").out());

        Files.writeString(dir.resolve("a.xml"), "<metadata_view>\n<metadata_values><x>");
        Run bad = gateway("sidecar", "read", "a.MOV");
        assertEquals(1, bad.exit());
        assertEquals("", bad.out());
        assertTrue(bad.err().contains("a.xml:2:"), bad.err());
    }
}
