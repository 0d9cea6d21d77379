// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * {@link Store#where} answers from indexes; whatever the handlers do to the rows (in place, through a whole-table
 * view, between two look-ups of one request), it answers what a scan of the table in insertion order would.
 */
class StoreIndexPropertiesTest {

    private static final String[] FIELDS = {"asset_id", "file_set_id"};

    /** What {@code where} answered before it had indexes: every row, in order, whose field has the value. */
    private static List<ObjectNode> scan(Store store, String field, String value) {
        List<ObjectNode> out = new ArrayList<>();
        ((IndexedTable) store.table(Store.FILES)).forEachUnchanged((k, row) -> {
            if (value.equals(Json.text(row, field))) {
                out.add(row);
            }
        });
        return out;
    }

    private static void check(Store store, String field, String value) {
        List<ObjectNode> want = scan(store, field, value);
        List<ObjectNode> got = store.where(Store.FILES, field, value);
        assertEquals(want.size(), got.size(), field + "=" + value + ": " + got + " instead of " + want);
        for (int i = 0; i < want.size(); i++) {
            assertSame(want.get(i), got.get(i), field + "=" + value + " at " + i);
        }
    }

    private static ObjectNode row(Random r) {
        ObjectNode n = Json.object();
        for (String f : FIELDS) {
            if (r.nextInt(8) > 0) {
                n.put(f, "v" + r.nextInt(4));
            }
        }
        return n;
    }

    @Property(tries = 300)
    void whereAnswersAsAScanDoes(@ForAll long seed) {
        Random r = new Random(seed);
        Store store = new Store(null);
        LinkedHashMap<String, ObjectNode> files = store.table(Store.FILES);
        for (int step = 0; step < 400; step++) {
            String key = "k" + r.nextInt(24);
            String field = FIELDS[r.nextInt(FIELDS.length)];
            String value = "v" + r.nextInt(4);
            switch (r.nextInt(12)) {
                case 0, 1 -> files.put(key, row(r));
                case 2 -> {
                    ObjectNode n = files.get(key); // a handler changes a row in place
                    if (n != null) {
                        n.put(field, value);
                    }
                }
                case 3 -> files.remove(key);
                case 4 -> {
                    for (ObjectNode n : files.values()) { // a handler walks the table and changes a row
                        if (r.nextInt(6) == 0) {
                            n.put(field, value);
                        }
                    }
                }
                case 5 -> store.settle(); // a new request: nobody holds a row
                case 6 -> {
                    ObjectNode held = files.get(key); // held across a look-up, then changed: one request
                    check(store, field, value);
                    if (held != null) {
                        held.put(field, "v" + r.nextInt(4));
                    }
                    check(store, field, value);
                }
                case 7 -> {
                    List<ObjectNode> found = store.where(Store.FILES, field, value); // a look-up's rows changed
                    if (!found.isEmpty()) {
                        found.get(r.nextInt(found.size())).put(field, "v" + r.nextInt(4));
                    }
                }
                case 8 -> files.computeIfAbsent(key, k -> row(r)).put(field, value);
                case 9 -> files.values().removeIf(n -> r.nextInt(10) == 0);
                case 10 -> {
                    ObjectNode n = files.get(key);
                    if (n != null) {
                        n.remove(field);
                    }
                }
                default -> check(store, field, value);
            }
            if (r.nextInt(4) == 0) {
                check(store, field, value);
            }
        }
        for (String f : FIELDS) {
            for (int v = 0; v < 4; v++) {
                check(store, f, "v" + v);
            }
        }
    }

    @Property(tries = 50)
    void restoredTablesAreIndexedAfresh(@ForAll long seed) {
        Random r = new Random(seed);
        Store store = new Store(null);
        for (int i = 0; i < 30; i++) {
            store.table(Store.FILES).put("k" + i, row(r));
        }
        check(store, "asset_id", "v1");
        ObjectNode dump = store.dump();
        for (int i = 0; i < 30; i++) {
            store.table(Store.FILES).put("k" + i, row(r));
        }
        check(store, "asset_id", "v1");
        store.restore(dump);
        for (int v = 0; v < 4; v++) {
            check(store, "asset_id", "v" + v);
            check(store, "file_set_id", "v" + v);
        }
    }
}
