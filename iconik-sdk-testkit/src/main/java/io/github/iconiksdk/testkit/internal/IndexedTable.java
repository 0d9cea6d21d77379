// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One table of the {@link Store}: its rows by key in insertion order, as a {@link LinkedHashMap} that the handlers
 * use directly, plus indexes of field values that answer {@link #where} without reading every row (a look-up by
 * scanning cost every new file a pass over all the files held: quadratic in a large ingest).
 *
 * <p>Rows are live JSON objects that handlers change in place (a PATCH, a status), so no index can be told of
 * every change. Instead the table notes every row it hands out or takes in (get, put, compute, the rows a
 * {@code where} returns) as touched, and a whole-table view (values, entries, keys, forEach) as everything touched.
 * {@code where} indexes the touched rows again under their current values (after a whole-table view it rebuilds
 * its indexes), and checks each row it found against the value asked for, dropping entries that no longer match.
 * Touched rows stay touched until {@link #settle()}, which the store's holder calls when nobody holds a row any
 * more: at the start of a section under the store's monitor. Without it the answers stay right and get slower.
 * Not thread-safe, like the store: callers hold the store's monitor.
 */
final class IndexedTable extends LinkedHashMap<String, ObjectNode> {

    private static final long serialVersionUID = 1L;

    /** field → value → keys of rows that had that value when indexed (a superset: checked on reading). */
    private final transient Map<String, Map<String, Set<String>>> indexes = new HashMap<>();
    /** Keys of rows handed out or stored since the indexes were last brought up to date. */
    private final transient Set<String> touched = new HashSet<>();
    private transient boolean everythingTouched;
    /** Insertion number of each key, for answers in insertion order (a key removed and put again goes last). */
    private final transient Map<String, Long> order = new HashMap<>();
    private transient long inserted;

    /**
     * The rows whose field has the given text value, in insertion order.
     *
     * @param field the field
     * @param value the text value it must have
     * @return the live rows
     */
    List<ObjectNode> where(String field, String value) {
        if (everythingTouched) {
            indexes.clear(); // any row may have changed through a whole-table view: rebuilt as asked for
        } else {
            indexTouched();
        }
        Map<String, Set<String>> index = indexes.get(field);
        if (index == null) {
            index = new HashMap<>();
            for (Map.Entry<String, ObjectNode> e : super.entrySet()) {
                add(index, field, e.getKey(), e.getValue());
            }
            indexes.put(field, index);
        }
        Set<String> keys = index.get(value);
        if (keys == null) {
            return new ArrayList<>();
        }
        List<String> found = new ArrayList<>(keys.size());
        for (Iterator<String> it = keys.iterator(); it.hasNext(); ) {
            String key = it.next();
            ObjectNode row = super.get(key);
            if (row != null && value.equals(Json.text(row, field))) {
                found.add(key);
            } else {
                it.remove(); // removed, or its value changed: it is indexed under the new one
            }
        }
        if (keys.isEmpty()) {
            index.remove(value);
        }
        if (found.size() > 1) {
            found.sort((a, b) -> Long.compare(order.getOrDefault(a, Long.MAX_VALUE),
                    order.getOrDefault(b, Long.MAX_VALUE)));
        }
        List<ObjectNode> out = new ArrayList<>(found.size());
        for (String key : found) {
            out.add(super.get(key));
            touched.add(key); // live rows: the caller may change them
        }
        return out;
    }

    /**
     * Brings the indexes up to date with every change so far and forgets what was touched. Only when no caller
     * still holds a row it may change: a row changed after this without being touched again would be missed.
     */
    void settle() {
        if (everythingTouched) {
            indexes.clear();
            everythingTouched = false;
        } else {
            indexTouched();
        }
        touched.clear();
    }

    /** Indexes the touched rows again under their current values (their old entries are dropped when read). */
    private void indexTouched() {
        if (indexes.isEmpty()) {
            return;
        }
        for (String key : touched) {
            ObjectNode row = super.get(key);
            if (row != null) {
                indexes.forEach((field, index) -> add(index, field, key, row));
            }
        }
    }

    private static void add(Map<String, Set<String>> index, String field, String key, ObjectNode row) {
        String v = Json.text(row, field);
        if (v != null) {
            index.computeIfAbsent(v, x -> new HashSet<>()).add(key);
        }
    }

    private void stored(String key, boolean wasThere) {
        if (!wasThere && super.containsKey(key)) {
            order.put(key, inserted++);
        }
        touched.add(key);
    }

    /**
     * Visits every row without marking anything touched: for readers that copy rows and hand out none.
     *
     * @param action receives each key and row, in insertion order; must not change the row
     */
    void forEachUnchanged(BiConsumer<String, ObjectNode> action) {
        super.forEach(action);
    }

    // ---- every way in and out of a LinkedHashMap, noting what may change

    @Override
    public ObjectNode get(Object key) {
        ObjectNode row = super.get(key);
        if (row != null) {
            touched.add((String) key);
        }
        return row;
    }

    @Override
    public ObjectNode getOrDefault(Object key, ObjectNode defaultValue) {
        ObjectNode row = get(key);
        return row != null || containsKey(key) ? row : defaultValue;
    }

    @Override
    public ObjectNode put(String key, ObjectNode value) {
        boolean was = super.containsKey(key);
        ObjectNode old = super.put(key, value);
        stored(key, was);
        return old;
    }

    @Override
    public ObjectNode putIfAbsent(String key, ObjectNode value) {
        boolean was = super.containsKey(key);
        ObjectNode old = super.putIfAbsent(key, value);
        stored(key, was);
        return old;
    }

    @Override
    public void putAll(Map<? extends String, ? extends ObjectNode> m) {
        m.forEach(this::put);
    }

    @Override
    public ObjectNode computeIfAbsent(String key, Function<? super String, ? extends ObjectNode> f) {
        boolean was = super.containsKey(key);
        ObjectNode row = super.computeIfAbsent(key, f);
        stored(key, was);
        return row;
    }

    @Override
    public ObjectNode computeIfPresent(String key,
                                       BiFunction<? super String, ? super ObjectNode, ? extends ObjectNode> f) {
        ObjectNode row = super.computeIfPresent(key, f);
        touched.add(key);
        return row;
    }

    @Override
    public ObjectNode compute(String key, BiFunction<? super String, ? super ObjectNode, ? extends ObjectNode> f) {
        boolean was = super.containsKey(key);
        ObjectNode row = super.compute(key, f);
        stored(key, was);
        return row;
    }

    @Override
    public ObjectNode merge(String key, ObjectNode value,
                            BiFunction<? super ObjectNode, ? super ObjectNode, ? extends ObjectNode> f) {
        boolean was = super.containsKey(key);
        ObjectNode row = super.merge(key, value, f);
        stored(key, was);
        return row;
    }

    @Override
    public ObjectNode replace(String key, ObjectNode value) {
        ObjectNode old = super.replace(key, value);
        touched.add(key);
        return old;
    }

    @Override
    public boolean replace(String key, ObjectNode oldValue, ObjectNode newValue) {
        boolean done = super.replace(key, oldValue, newValue);
        touched.add(key);
        return done;
    }

    @Override
    public ObjectNode remove(Object key) {
        order.remove(key);
        return super.remove(key); // its index entries are dropped when a look-up finds them stale
    }

    @Override
    public boolean remove(Object key, Object value) {
        boolean done = super.remove(key, value);
        if (done) {
            order.remove(key);
        }
        return done;
    }

    @Override
    public void clear() {
        super.clear();
        order.clear();
        everythingTouched = true;
    }

    @Override
    public Collection<ObjectNode> values() {
        everythingTouched = true; // any row may be changed through it
        return super.values();
    }

    @Override
    public Set<Map.Entry<String, ObjectNode>> entrySet() {
        everythingTouched = true;
        return super.entrySet();
    }

    @Override
    public Set<String> keySet() {
        everythingTouched = true;
        return super.keySet();
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super ObjectNode> action) {
        everythingTouched = true;
        super.forEach(action);
    }

    @Override
    public void replaceAll(BiFunction<? super String, ? super ObjectNode, ? extends ObjectNode> f) {
        everythingTouched = true;
        super.replaceAll(f);
    }
}
