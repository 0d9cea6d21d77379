// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.sidecar.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * OffShoot's destination filter: each entry is a volume name ({@code RAID}), or, when it holds a {@code /}, a
 * {@code \} or a {@code *}, a folder path glob ({@code *}{@code /proxies}) in which {@code *} stands for any run of
 * characters, {@code /} included. A glob matches when it matches a whole folder path at or above the media file (a
 * clip deep inside a destination is still in it). Comparison is exact, case included.
 */
public final class DestinationFilter {

    private final List<String> volumes = new ArrayList<>();
    private final List<Pattern> globs = new ArrayList<>();
    private final List<String> entries;

    /**
     * Compiles the filter.
     *
     * @param entries the destinations; empty means every destination
     */
    public DestinationFilter(List<String> entries) {
        this.entries = List.copyOf(entries);
        for (String entry : entries) {
            if (entry.indexOf('/') >= 0 || entry.indexOf('\\') >= 0 || entry.indexOf('*') >= 0) {
                globs.add(toRegex(entry.replace('\\', '/')));
            } else {
                volumes.add(entry);
            }
        }
    }

    private static Pattern toRegex(String glob) {
        String g = glob.length() > 1 && glob.endsWith("/") ? glob.substring(0, glob.length() - 1) : glob;
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            if (c == '*') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(".*");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /**
     * Checks a media file against the filter.
     *
     * @param mediaFile the media file (made absolute)
     * @param volume    supplies its volume name; called only when a volume entry needs it
     * @return empty when the file is in a destination, else the reason it is not
     */
    public Optional<String> mismatch(Path mediaFile, Supplier<Optional<String>> volume) {
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        if (!globs.isEmpty()) {
            Path dir = mediaFile.toAbsolutePath().normalize().getParent();
            for (Path d = dir; d != null; d = d.getParent()) {
                String text = d.toString().replace('\\', '/');
                for (Pattern glob : globs) {
                    if (glob.matcher(text).matches()) {
                        return Optional.empty();
                    }
                }
            }
        }
        Optional<String> name = Optional.empty();
        if (!volumes.isEmpty()) {
            name = volume.get();
            if (name.isPresent() && volumes.contains(name.get())) {
                return Optional.empty();
            }
        }
        String where = mediaFile.toAbsolutePath().normalize().getParent()
                + (volumes.isEmpty() ? "" : " (volume " + name.map(n -> "\"" + n + "\"").orElse("without a name")
                + ")");
        return Optional.of("destination " + where + " matches none of " + String.join(";", entries));
    }
}
