// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The storage's {@code asset_versions_suffix}: with auto-versioning on, a NEW file named like an older one plus the
 * suffix ({@code clip_v2.mov} beside {@code clip.mov}) becomes the next version of the older file's asset. iconik
 * documents the suffix as {@code _v#} by default, {@code #} standing for the version number, and says the numbers
 * must be sequential. Our reading of that [I]:
 * <ul>
 *   <li>the suffix stands right before the extension ({@code clip_v2.mov}; a name without an extension ends with
 *   it); a suffix without {@code #} takes the number at its end; unset or blank means {@code _v#};</li>
 *   <li>version {@code N} (2 or more) follows version {@code N-1} of the same name and extension, written with or
 *   without the same leading zeros ({@code clip_v03.mov} follows {@code clip_v02.mov} or {@code clip_v2.mov}); version
 *   2 also follows the name without a suffix ({@code clip.mov}), when no {@code clip_v1.mov} is registered;</li>
 *   <li>numbers 0 and 1 start a chain: such a file has no predecessor;</li>
 *   <li>the match is case-sensitive, like iconik's patterns.</li>
 * </ul>
 * Thread-safe and immutable.
 */
public final class VersionSuffix {

    /** iconik's documented default suffix. */
    public static final String DEFAULT = "_v#";

    private final Pattern stem;
    private final String before;
    private final String after;

    private VersionSuffix(String suffix) {
        int hash = suffix.indexOf('#');
        this.before = hash < 0 ? suffix : suffix.substring(0, hash);
        this.after = hash < 0 ? "" : suffix.substring(hash + 1);
        this.stem = Pattern.compile("^(.+)" + Pattern.quote(before) + "(\\d+)" + Pattern.quote(after) + "$",
                Pattern.DOTALL);
    }

    /**
     * @param setting the storage's {@code asset_versions_suffix}, or {@code null} when unset
     * @return the suffix rule ({@link #DEFAULT} when unset or blank)
     */
    public static VersionSuffix of(String setting) {
        return new VersionSuffix(setting == null || setting.isBlank() ? DEFAULT : setting);
    }

    /**
     * The files whose asset a file would be the next version of, by name alone, nearest first: for
     * {@code A/clip_v3.mov}, {@code A/clip_v2.mov}; for {@code A/clip_v2.mov}, {@code A/clip_v1.mov} then
     * {@code A/clip.mov}.
     *
     * @param path a file relative to the storage root
     * @return the candidates (empty when the name carries no version number of 2 or more)
     * @throws NullPointerException if {@code path} is null
     */
    public List<String> predecessors(String path) {
        int slash = path.lastIndexOf('/');
        String dir = path.substring(0, slash + 1);
        String name = path.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        Matcher m = stem.matcher(base);
        if (!m.matches() || m.group(2).length() > 9) {
            return List.of();
        }
        long n = Long.parseLong(m.group(2));
        if (n < 2) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        String previous = Long.toString(n - 1);
        int width = m.group(2).length();
        if (previous.length() < width) {
            out.add(dir + m.group(1) + before + "0".repeat(width - previous.length()) + previous + after + ext);
        }
        out.add(dir + m.group(1) + before + previous + after + ext);
        if (n == 2) {
            out.add(dir + m.group(1) + ext);
        }
        return List.copyOf(out);
    }
}
