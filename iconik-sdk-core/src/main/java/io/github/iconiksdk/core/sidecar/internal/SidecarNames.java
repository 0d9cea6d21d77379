// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.sidecar.internal;

import io.github.iconiksdk.api.sidecar.SidecarFormat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The naming rules of sidecars, as pure functions of file names (no file system access), so that a scanner holding
 * a directory listing can apply them without touching the disk again.
 *
 * <p>Search order for media file {@code clip.MOV}: {@code clip.MOV.json}, {@code clip.MOV.xml}, {@code clip.MOV.csv},
 * {@code clip.json}, {@code clip.xml}, {@code clip.csv}. The media name must match exactly; the sidecar extension
 * is compared ignoring case. A media file whose own extension is a sidecar extension ({@code data.csv}) has only
 * appended candidates ({@code data.csv.json}): with replaced names, {@code clip.json} and {@code clip.xml} would each
 * be the other's sidecar.
 */
public final class SidecarNames {

    private static final SidecarFormat[] ORDER = {SidecarFormat.JSON, SidecarFormat.XML, SidecarFormat.CSV};

    private SidecarNames() {
    }

    /**
     * The encoding a file name's extension stands for.
     *
     * @param fileName a file name
     * @return JSON, XML or CSV, or empty when the extension is none of them
     */
    public static Optional<SidecarFormat> formatOf(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String ext = fileName.substring(dot + 1);
        for (SidecarFormat format : ORDER) {
            if (format.extension().equalsIgnoreCase(ext)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /**
     * The stems a sidecar may start with, in search order: the whole media name, then the name without its
     * extension (when it has one and it is not a sidecar extension).
     */
    private static List<String> bases(String mediaName) {
        List<String> bases = new ArrayList<>(2);
        bases.add(mediaName);
        int dot = mediaName.lastIndexOf('.');
        if (dot > 0 && formatOf(mediaName).isEmpty()) {
            bases.add(mediaName.substring(0, dot));
        }
        return bases;
    }

    /**
     * The sidecar names of a media file in search order, with lower-case extensions.
     *
     * @param mediaName the media file's name
     * @return the candidate names, most specific first
     */
    public static List<String> candidateNames(String mediaName) {
        List<String> names = new ArrayList<>(6);
        for (String base : bases(mediaName)) {
            for (SidecarFormat format : ORDER) {
                names.add(base + "." + format.extension());
            }
        }
        return names;
    }

    /**
     * Where a file name falls in a media file's search order.
     *
     * @return the slot (0 to 5), or -1 when the name is not a sidecar of that media file
     */
    private static int slotOf(String mediaName, List<String> bases, String candidate) {
        if (candidate.equals(mediaName)) {
            return -1;
        }
        for (int b = 0; b < bases.size(); b++) {
            String base = bases.get(b);
            if (candidate.length() > base.length() + 1 && candidate.startsWith(base)
                    && candidate.charAt(base.length()) == '.') {
                String ext = candidate.substring(base.length() + 1);
                for (int f = 0; f < ORDER.length; f++) {
                    if (ORDER[f].extension().equalsIgnoreCase(ext)) {
                        return b * ORDER.length + f;
                    }
                }
            }
        }
        return -1;
    }

    /**
     * The sidecars of a media file among the names of the files beside it, in search order (names in the same slot,
     * differing only in the case of the extension, in string order).
     *
     * @param mediaName    the media file's name
     * @param siblingNames the names of the regular files in its folder (may include the media file itself)
     * @return the sidecars found; the first is the one to read
     */
    public static List<String> candidatesAmong(String mediaName, Collection<String> siblingNames) {
        List<String> bases = bases(mediaName);
        List<String> found = new ArrayList<>();
        for (String name : siblingNames) {
            if (slotOf(mediaName, bases, name) >= 0) {
                found.add(name);
            }
        }
        found.sort(Comparator.<String>comparingInt(n -> slotOf(mediaName, bases, n))
                .thenComparing(Comparator.naturalOrder()));
        return found;
    }

    /**
     * Whether a file is the sidecar (chosen or passed over) of a media file beside it: its extension is
     * {@code .json}, {@code .xml} or {@code .csv} (any case) and a sibling exists whose search order names it.
     *
     * @param fileName     the file's name
     * @param siblingNames the names of the regular files in its folder (may include the file itself)
     * @return whether it is the sidecar of a neighbour
     */
    public static boolean isSidecarOfNeighbour(String fileName, Collection<String> siblingNames) {
        return sidecarsOfNeighbours(withName(siblingNames, fileName)).contains(fileName);
    }

    private static Collection<String> withName(Collection<String> names, String name) {
        if (names.contains(name)) {
            return names;
        }
        List<String> all = new ArrayList<>(names);
        all.add(name);
        return all;
    }

    /**
     * The files, among the names of one folder's regular files, that are sidecars of a media file beside them. Linear
     * in the number of names.
     *
     * @param fileNames the names of the regular files of one folder
     * @return those that are sidecars of a neighbour
     */
    public static Set<String> sidecarsOfNeighbours(Collection<String> fileNames) {
        Set<String> names = fileNames instanceof Set<?> ? (Set<String>) fileNames : new HashSet<>(fileNames);
        Set<String> stemsOfMedia = new HashSet<>();
        for (String name : names) {
            int dot = name.lastIndexOf('.');
            if (dot > 0 && formatOf(name).isEmpty()) {
                stemsOfMedia.add(name.substring(0, dot));
            }
        }
        Set<String> sidecars = new LinkedHashSet<>();
        for (String name : fileNames) {
            if (formatOf(name).isEmpty()) {
                continue;
            }
            String base = name.substring(0, name.lastIndexOf('.'));
            if (base.isEmpty()) {
                continue;
            }
            // Appended form: the media file is named exactly base. Replaced form: some media file has stem base.
            if (names.contains(base) || stemsOfMedia.contains(base)) {
                sidecars.add(name);
            }
        }
        return sidecars;
    }

    /**
     * The media files, among a folder's file names, whose chosen sidecar (first in search order) is the given file:
     * those whose values must be applied again when that sidecar changes.
     *
     * @param sidecarName  the sidecar's name
     * @param siblingNames the names of the regular files in its folder
     * @return the media file names, in the order of {@code siblingNames}; empty when it is nobody's chosen sidecar
     */
    public static List<String> mediaFilesOf(String sidecarName, Collection<String> siblingNames) {
        List<String> media = new ArrayList<>();
        if (formatOf(sidecarName).isEmpty()) {
            return media;
        }
        String base = sidecarName.substring(0, sidecarName.lastIndexOf('.'));
        if (base.isEmpty()) {
            return media;
        }
        for (String name : siblingNames) {
            if (name.equals(sidecarName)) {
                continue;
            }
            int dot = name.lastIndexOf('.');
            boolean mayBeMedia = name.equals(base)
                    || (dot > 0 && name.substring(0, dot).equals(base) && formatOf(name).isEmpty());
            if (mayBeMedia) {
                List<String> found = candidatesAmong(name, siblingNames);
                if (!found.isEmpty() && found.get(0).equals(sidecarName)) {
                    media.add(name);
                }
            }
        }
        return media;
    }

    /**
     * The name of the sidecar to write for a media file.
     *
     * @param mediaName the media file's name
     * @param format    the encoding
     * @param replaced  whether the extension replaces the media extension (else it is appended)
     * @return the sidecar's name
     */
    public static String nameFor(String mediaName, SidecarFormat format, boolean replaced) {
        String base = mediaName;
        int dot = mediaName.lastIndexOf('.');
        if (replaced && dot > 0 && formatOf(mediaName).isEmpty()) {
            base = mediaName.substring(0, dot);
        }
        return base + "." + format.extension().toLowerCase(Locale.ROOT);
    }
}
