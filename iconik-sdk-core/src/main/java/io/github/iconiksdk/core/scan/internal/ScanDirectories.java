// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.scan.internal;

import java.util.ArrayList;
import java.util.List;

/** Normalises the scan directories of a storage. */
public final class ScanDirectories {

    private ScanDirectories() {
    }

    /**
     * Turns scan directories as configured into relative, {@code /}-separated paths in path order, none inside
     * another; no directories (or the root itself among them) means the whole root, {@code [""]}.
     *
     * @param directories as configured: relative to the root, with or without leading or trailing {@code /},
     *                    {@code \} accepted as a separator
     * @return the normalised list
     * @throws IllegalArgumentException if a directory leaves the root ({@code ..}) naming it
     */
    public static List<String> normalise(List<String> directories) {
        List<String> cleaned = new ArrayList<>();
        for (String d : directories) {
            String[] parts = d.replace('\\', '/').split("/");
            StringBuilder sb = new StringBuilder();
            for (String p : parts) {
                if (p.isEmpty() || p.equals(".")) {
                    continue;
                }
                if (p.equals("..")) {
                    throw new IllegalArgumentException("scan directory '" + d + "' leaves the storage root");
                }
                if (sb.length() > 0) {
                    sb.append('/');
                }
                sb.append(p);
            }
            cleaned.add(sb.toString());
        }
        if (cleaned.isEmpty() || cleaned.contains("")) {
            return List.of("");
        }
        cleaned.sort((a, b) -> PathOrder.compare(a + "/", b + "/"));
        List<String> out = new ArrayList<>();
        for (String d : cleaned) {
            if (!out.isEmpty() && PathOrder.inSubtree(d, out.get(out.size() - 1))) {
                continue;
            }
            out.add(d);
        }
        return List.copyOf(out);
    }
}
