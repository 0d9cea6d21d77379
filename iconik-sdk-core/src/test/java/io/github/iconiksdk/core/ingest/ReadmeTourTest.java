// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.testkit.FakeIconik;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's IngestPipeline example is {@link MyIngest}, word for word, and it works against the fake. */
class ReadmeTourTest {

    private static final String HEADING = "### 0. The whole gateway in your program: `IngestPipeline`";

    @Test
    void readmeExample_isMyIngest_wordForWord() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int at = readme.indexOf(HEADING);
        assertTrue(at >= 0, "README.md has no section " + HEADING);
        int start = readme.indexOf("```java\n", at) + "```java\n".length();
        String block = readme.substring(start, readme.indexOf("```\n", start));
        String source = Files.readString(Path.of("src/test/java/io/github/iconiksdk/core/ingest/MyIngest.java"),
                StandardCharsets.UTF_8);
        String shown = source.substring(source.indexOf("import "));
        assertEquals(shown, block, "README.md's IngestPipeline example differs from MyIngest.java");
    }

    @Test
    void readmeExample_registersEveryFileOfTheFakesStorage(@TempDir Path tmp) throws Exception {
        Path root = Files.createDirectories(tmp.resolve("storage"));
        for (String p : new String[] {"A001/clip.mov", "A001/clip2.mov", "audio/take.wav"}) {
            Files.createDirectories(root.resolve(p).getParent());
            Files.writeString(root.resolve(p), "content of " + p);
        }
        FakeIconik fake = FakeIconik.builder().port(0).mountPoint(root.toString())
                .storageSetting("growing_files_threshold", "0")
                .storageSetting("local_proxy_creation", "false").storageSetting("local_keyframe_creation", "false")
                .build().start();
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            MyIngest.main(new String[] {fake.url(), fake.appId(), fake.authToken(), fake.storageId(),
                    tmp.resolve("data").toString()});
        } finally {
            System.setOut(out);
            fake.stop();
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("CREATED A001/clip.mov"), text);
        assertTrue(text.contains("registered 3 files (3 new"), text);
        Set<String> names = new TreeSet<>();
        for (JsonNode f : fake.allFiles()) {
            names.add(f.path("original_name").asText());
        }
        assertEquals(Set.of("clip.mov", "clip2.mov", "take.wav"), names);
    }
}
