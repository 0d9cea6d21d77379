// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.command.internal;

import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.core.command.CommandQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command journal opens as the SDK's other SQLite files do (one helper: SqliteDatabase). */
class CommandJournalTest {

    @TempDir
    Path tmp;

    @Test
    void aJournalInAFolderWithQuestionMarkAndHash_keepsItsRowsAcrossReopening() throws Exception {
        Path file = Files.createDirectories(tmp.resolve("data?#%20")).resolve("commands.db");
        try (CommandJournal j = CommandJournal.open(file, Clock.systemUTC())) {
            assertTrue(j.receive(CommandQueue.EVENTS, "e1", "SCAN", 5, "{\"id\":\"e1\"}"));
        }
        assertTrue(Files.exists(file), "the file has the name asked for, not one cut at '?' or '#'");
        try (CommandJournal j = CommandJournal.open(file, Clock.systemUTC())) {
            assertEquals("SCAN", j.find(CommandQueue.EVENTS, "e1").orElseThrow().type());
            assertEquals(CommandJournal.State.RECEIVED, j.find(CommandQueue.EVENTS, "e1").orElseThrow().state());
        }
    }

    @Test
    void aJournalWrittenByANewerSdk_isRefused_namingTheFile() throws Exception {
        Path file = tmp.resolve("commands.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = c.createStatement()) {
            st.execute("PRAGMA user_version = " + (CommandJournal.SCHEMA_VERSION + 1));
        }
        IconikException e = assertThrows(IconikException.class, () -> CommandJournal.open(file, Clock.systemUTC()));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
}
