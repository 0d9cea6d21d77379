// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The gateway's problems grouped by kind, so that 30 files failing the same way show as one line counted 30 times,
 * with the latest example, instead of 30 lines. A problem's kind is its message with what differs between files
 * taken out: the file's path (when the reporter names it apart), then anything that looks like a path or file name,
 * an id (UUID or long hex) or a long number (sizes, durations, ports). Thread-safe; at most {@link #MAX_GROUPS}
 * kinds are kept, the one seen longest ago making room for a new one (its count is then lost, and counted in
 * {@link #evicted()}).
 */
final class ErrorGroups {

    /** How many kinds are kept at most. */
    static final int MAX_GROUPS = 100;
    /** The longest kind kept; longer ones are cut (messages are kept whole in the example). */
    static final int MAX_KIND = 300;

    private static final Pattern UUID = Pattern.compile(
            "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
    private static final Pattern HEX = Pattern.compile("\\b[0-9a-fA-F]{16,}\\b");
    /** A character of a path-like token. */
    private static final String TOKEN = "[^\\s:;,'\"()<>\\[\\]]";
    /** A token with a slash in it (a path), or a name with a short extension (a file name such as A001.mov). */
    private static final Pattern PATH = Pattern.compile("(?<![\\w<])(?:" + TOKEN + "*/" + TOKEN + "*|"
            + "[^\\s/:;,'\"()<>\\[\\]]+\\.[A-Za-z0-9]{2,5})(?![\\w>])");
    private static final Pattern NUMBER = Pattern.compile("\\b\\d{4,}\\b");

    private final Map<String, Group> groups = new LinkedHashMap<>();
    private long evicted;

    /**
     * One kind of problem.
     *
     * @param kind        the message with what differs between occurrences replaced by {@code <file>},
     *                    {@code <path>}, {@code <id>} or {@code <n>}
     * @param count       how many times it happened since the start
     * @param first       when it happened first
     * @param latestAt    when it happened last
     * @param latest      the last occurrence's full message
     */
    record Group(String kind, long count, Instant first, Instant latestAt, String latest) {

        /**
         * @param kind     the message with what differs between occurrences replaced by placeholders
         * @param count    how many times it happened since the start
         * @param first    when it happened first
         * @param latestAt when it happened last
         * @param latest   the last occurrence's full message
         * @throws NullPointerException if any is null
         */
        Group {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(latestAt, "latestAt");
            Objects.requireNonNull(latest, "latest");
        }
    }

    /**
     * The kind of a message: what is left when what differs between files is taken out.
     *
     * @param message the message
     * @param path    the file it is about, as the reporter named it apart, or null
     * @return the kind
     */
    static String kind(String message, String path) {
        String k = String.valueOf(message);
        if (path != null && !path.isEmpty()) {
            // the path as given, or inside a longer one (the absolute path under the mount point)
            k = k.replaceAll(TOKEN + "*" + Pattern.quote(path) + "(?![\\w.])", "<file>");
            int slash = path.lastIndexOf('/');
            String name = path.substring(slash + 1);
            if (slash >= 0 && name.length() >= 3) {
                k = k.replaceAll("(?<![\\w.])" + Pattern.quote(name) + "(?![\\w.])", "<file>");
            }
        }
        k = PATH.matcher(k).replaceAll("<path>");
        k = UUID.matcher(k).replaceAll("<id>");
        k = HEX.matcher(k).replaceAll("<id>");
        k = NUMBER.matcher(k).replaceAll("<n>");
        return k.length() <= MAX_KIND ? k : k.substring(0, MAX_KIND - 1) + "…";
    }

    /**
     * Counts one problem in its group.
     *
     * @param at      when it happened
     * @param message what, in full
     * @param path    the file it is about when known apart from the message, or null
     */
    synchronized void add(Instant at, String message, String path) {
        String text = String.valueOf(message);
        String kind = kind(text, path);
        Group g = groups.remove(kind);
        if (g == null && groups.size() >= MAX_GROUPS) {
            String oldest = groups.keySet().iterator().next();
            groups.remove(oldest);
            evicted++;
        }
        groups.put(kind, g == null ? new Group(kind, 1, at, at, text)
                : new Group(kind, g.count() + 1, g.first(), at, text));
    }

    /** @return the groups, the most recently seen first */
    synchronized List<Group> groups() {
        List<Group> out = new ArrayList<>(groups.values());
        out.sort(Comparator.comparing(Group::latestAt).reversed());
        return out;
    }

    /** @return how many kinds were dropped to make room for newer ones */
    synchronized long evicted() {
        return evicted;
    }
}
