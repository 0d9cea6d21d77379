// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GatewayMain.execute} builds only the command its first argument names (a faster start, issue 17): that
 * command's usage, help and behaviour are those of the full command line, and other first arguments get the full
 * one.
 */
class OneCommandLineTest {

    @TempDir
    Path tmp;

    private static String help(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        assertEquals(0, cl.execute(args));
        return out.toString();
    }

    @Test
    void everyCommand_hasTheSameHelpAlone_asInTheFullCommandLine() {
        CommandLine full = GatewayMain.commandLine();
        int commands = 0;
        for (String name : full.getSubcommands().keySet()) {
            CommandLine alone = GatewayMain.commandLineFor(name);
            if (name.equals("completion")) {
                assertNull(alone); // not an annotated command: the full command line serves it
                continue;
            }
            assertNotNull(alone, name);
            assertEquals(help(GatewayMain.commandLine(), name, "--help"), help(alone, name, "--help"), name);
            commands++;
        }
        assertTrue(commands >= 9, "commands compared: " + commands);
    }

    @Test
    void unknownFirstArgument_getsNoOneCommandLine() {
        assertNull(GatewayMain.commandLineFor("sacn"));
        assertNull(GatewayMain.commandLineFor("--version"));
    }

    @Test
    void scanAlone_scansAndReportsUsageErrorsLikeTheFullCommandLine() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path clip = Files.writeString(root.resolve("clip.mov"), "x");
        Files.setLastModifiedTime(clip, FileTime.from(Instant.parse("2024-05-01T10:00:00Z")));
        String[] args = {"scan", root.toString(), "--state", tmp.resolve("s.db").toString(), "--no-checksum"};

        StringWriter out = new StringWriter();
        CommandLine alone = GatewayMain.commandLineFor("scan");
        alone.setOut(new PrintWriter(out, true));
        alone.setErr(new PrintWriter(new StringWriter(), true));
        assertEquals(0, alone.execute(args));
        assertTrue(out.toString().startsWith("NEW\tclip.mov\t"), out.toString());

        StringWriter errAlone = new StringWriter();
        CommandLine again = GatewayMain.commandLineFor("scan");
        again.setErr(new PrintWriter(errAlone, true));
        StringWriter errFull = new StringWriter();
        CommandLine full = GatewayMain.commandLine();
        full.setErr(new PrintWriter(errFull, true));
        assertEquals(full.execute("scan", "--no-such-option"), again.execute("scan", "--no-such-option"));
        assertEquals(errFull.toString(), errAlone.toString());
    }
}
