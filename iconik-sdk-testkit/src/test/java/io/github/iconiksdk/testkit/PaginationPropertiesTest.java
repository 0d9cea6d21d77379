// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeTry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Following iconik's links visits every object exactly once, in creation order, whatever the page size. */
class PaginationPropertiesTest {

    private static FakeIconik fake;
    private static Http http;

    @BeforeContainer
    static void start() {
        fake = FakeIconik.builder().build().start();
        http = Http.of(fake);
    }

    @AfterContainer
    static void stop() {
        fake.stop();
    }

    @BeforeTry
    void reset() {
        fake.reset();
    }

    private static List<String> walk(String first) {
        List<String> ids = new ArrayList<>();
        String next = first;
        int guard = 0;
        while (next != null && guard++ < 100) {
            JsonNode page = http.get(next).json();
            page.get("objects").forEach(o -> ids.add(o.get("id").asText()));
            next = page.has("next_url") ? page.get("next_url").asText() : null;
        }
        return ids;
    }

    @Property(tries = 15)
    void pageStyle_nextUrlVisitsEveryAssetOnce(@ForAll @IntRange(max = 23) int count,
                                               @ForAll @IntRange(min = 1, max = 7) int perPage) {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            created.add(http.post("/API/assets/v1/assets/", Map.of("title", "a" + i)).json().get("id").asText());
        }
        assertEquals(created, walk("/API/assets/v1/assets/?per_page=" + perPage));
    }

    @Property(tries = 15)
    void cursorStyle_lastIdVisitsEveryFileOnce(@ForAll @IntRange(max = 23) int count,
                                               @ForAll @IntRange(min = 1, max = 7) int perPage) {
        String asset = http.post("/API/assets/v1/assets/", Map.of("title", "a")).json().get("id").asText();
        String base = "/API/files/v1/assets/" + asset;
        String format = http.post(base + "/formats/", Map.of("name", "ORIGINAL")).json().get("id").asText();
        String set = http.post(base + "/file_sets/", Map.of("format_id", format, "name", "s")).json().get("id")
                .asText();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            created.add(http.post(base + "/files/", Map.of("original_name", "f" + i, "file_set_id", set)).json()
                    .get("id").asText());
        }
        assertEquals(created, walk(base + "/files/?per_page=" + perPage));
    }
}
