// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.media;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds directory assets among a storage's files, as the ISG does when the storage has
 * {@code enable_directory_assets}: the clips of camera cards and numbered image sequences, each to become one asset
 * with one file set holding every file of it. Pure: works on paths relative to the storage root ({@code /}
 * separated), reads nothing from disk. Thread-safe and immutable.
 *
 * <p>Camera cards, recognised by their folder structure (case-insensitive) [I: the structures are the vendors'
 * documented layouts; which files the ISG counts to a clip is our reading]:
 * <ul>
 *   <li>Panasonic P2: {@code CONTENTS/VIDEO/<id>.MXF}; the clip holds every file under {@code CONTENTS} whose base
 *   name starts with {@code <id>} (AUDIO {@code <id>00.MXF}, CLIP {@code <id>.XML}, ICON, PROXY, VOICE). Title:
 *   {@code <id>}.</li>
 *   <li>Sony XDCAM EX: {@code BPAV/CLPR/<clip>/…}: every file in the clip folder. Title: the folder name.</li>
 *   <li>Sony XDCAM/SxS: {@code XDROOT/Clip/<id>.MXF}; files in {@code Clip} and {@code Sub} whose base name starts
 *   with {@code <id>}. Title: {@code <id>}.</li>
 *   <li>AVCHD: {@code PRIVATE/AVCHD/BDMV/STREAM/<id>.MTS}, with {@code CLIPINF/<id>.CPI}. Title: {@code <id>}.</li>
 *   <li>Canon XF: {@code CONTENTS/CLIPS001/<clip>/…}: every file in the clip folder. Title: the folder name.</li>
 *   <li>RED: {@code <reel>.RDM/<clip>.RDC/…}: every file in the {@code .RDC} folder. Title: the clip name.</li>
 * </ul>
 * A card's other files ({@code LASTCLIP.TXT}, {@code MEDIAPRO.XML}, {@code INDEX.BDM}, playlists …) belong to no
 * clip and are {@linkplain Result#cardFiles() not registered} as assets of their own.
 *
 * <p>Image sequences: files in one folder named {@code <prefix><frame number><suffix>.<ext>} with the same prefix,
 * suffix, extension ({@code dpx}, {@code exr}, {@code tif}, {@code tiff}, {@code png}, {@code jpg}, {@code jpeg})
 * and number width, at least {@link #DEFAULT_MIN_FRAMES} of them (configurable). Title: the name with the frame
 * number replaced by the range, {@code frame_[0001-0048].dpx}; missing numbers inside the range are reported as
 * {@linkplain DirectoryAsset#gaps() gaps}. A card's files are never taken as a sequence.
 */
public final class DirectoryAssets {

    /** Frames a numbered run needs to be taken as a sequence, unless configured otherwise. */
    public static final int DEFAULT_MIN_FRAMES = 3;

    /** Files a card holds at its root, beside its structure, that belong to no clip. */
    private static final Set<String> CARD_ROOT_FILES = Set.of("LASTCLIP.TXT", "MEDIAPRO.XML", "DISCMETA.XML");
    /** The folders a card structure starts with under its root (upper case); a RED card's root is its .RDM. */
    private static final Set<String> CARD_FOLDERS = Set.of("CONTENTS", "BPAV", "XDROOT", "PRIVATE");
    private static final Set<String> SEQUENCE_EXTENSIONS = Set.of("dpx", "exr", "tif", "tiff", "png", "jpg", "jpeg");
    /** prefix, frame number (the last run of digits), suffix, extension. */
    private static final Pattern NUMBERED = Pattern.compile("^(.*?)(\\d+)([^\\d/]*)\\.([A-Za-z0-9]+)$");

    private final int minFrames;

    private DirectoryAssets(int minFrames) {
        this.minFrames = minFrames;
    }

    /** @return a detector with the default minimum sequence length */
    public static DirectoryAssets defaults() {
        return new DirectoryAssets(DEFAULT_MIN_FRAMES);
    }

    /**
     * @param minFrames the frames a numbered run needs to be a sequence
     * @return a detector
     * @throws IllegalArgumentException if {@code minFrames} is below 2
     */
    public static DirectoryAssets withMinFrames(int minFrames) {
        if (minFrames < 2) {
            throw new IllegalArgumentException("minFrames must be at least 2: " + minFrames);
        }
        return new DirectoryAssets(minFrames);
    }

    /** The kind of a directory asset. */
    public enum Kind {
        /** One clip of a camera card. */
        CARD_CLIP,
        /** A numbered image sequence. */
        IMAGE_SEQUENCE
    }

    /**
     * One directory asset.
     *
     * @param kind    card clip or image sequence
     * @param card    for a clip, the card format ({@code P2}, {@code XDCAM_EX}, {@code XDCAM}, {@code AVCHD},
     *                {@code CANON_XF}, {@code RED}); for a sequence, the lower-case extension
     * @param title   the asset's title ({@code 0001AB}, {@code frame_[0001-0048].dpx})
     * @param baseDir the folder the file set is based on: the card's root for a clip, the sequence's folder
     * @param key     a stable identity for the journal, kept while a sequence grows: for a clip its card root
     *                and {@code [title]} ({@code card/[0001AB]}), for a sequence its folder and frame pattern
     *                ({@code shots/frame_%04d.dpx})
     * @param files   every file of it, sorted
     * @param first   the first frame number of a sequence (0 for a clip)
     * @param last    the last frame number of a sequence (0 for a clip)
     * @param gaps    frame numbers missing inside a sequence's range, ascending
     */
    public record DirectoryAsset(Kind kind, String card, String title, String baseDir, String key, List<String> files,
                                 long first, long last, List<Long> gaps) {

        /**
         * Validates and copies.
         *
         * @param kind    card clip or image sequence
         * @param card    the card format, or the sequence's extension
         * @param title   the asset's title
         * @param baseDir the folder the file set is based on
         * @param key     a stable identity for the journal
         * @param files   every file of it
         * @param first   the first frame number of a sequence (0 for a clip)
         * @param last    the last frame number of a sequence (0 for a clip)
         * @param gaps    frame numbers missing inside the range
         * @throws NullPointerException     if a reference is null
         * @throws IllegalArgumentException if {@code files} is empty
         */
        public DirectoryAsset {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(baseDir, "baseDir");
            Objects.requireNonNull(key, "key");
            files = List.copyOf(new TreeSet<>(files));
            gaps = List.copyOf(gaps);
            if (files.isEmpty()) {
                throw new IllegalArgumentException("directory asset " + key + " has no files");
            }
        }

        /**
         * For a sequence, the ffmpeg image2 pattern of its frames relative to the storage root
         * ({@code shots/frame_%04d.dpx}).
         *
         * @return the pattern, or empty for a card clip
         */
        public java.util.Optional<String> framePattern() {
            if (kind != Kind.IMAGE_SEQUENCE) {
                return java.util.Optional.empty();
            }
            String name = files.get(0).substring(files.get(0).lastIndexOf('/') + 1);
            Matcher m = NUMBERED.matcher(name);
            if (!m.matches()) {
                return java.util.Optional.empty();
            }
            String pattern = m.group(1).replace("%", "%%") + "%0" + m.group(2).length() + "d"
                    + m.group(3).replace("%", "%%") + "." + m.group(4);
            return java.util.Optional.of(baseDir.isEmpty() ? pattern : baseDir + "/" + pattern);
        }

        /**
         * The file a proxy is made from: a sequence's first frame, or a clip's video essence (P2
         * {@code CONTENTS/VIDEO/<id>.MXF}, XDCAM {@code Clip/<id>.MXF}, AVCHD {@code STREAM/<id>.MTS}, XDCAM EX
         * {@code .MP4}, Canon XF {@code .MXF}, RED {@code .R3D}) [I: the essence ffmpeg can read]; a P2 clip's sound,
         * kept in files of its own, is in {@link #soundEssences()}.
         *
         * @return the file, or empty when the clip has none of its card's essence files
         */
        public java.util.Optional<String> essence() {
            if (kind == Kind.IMAGE_SEQUENCE) {
                return java.util.Optional.of(files.get(0));
            }
            for (String f : files) {
                String u = f.toUpperCase(Locale.ROOT);
                boolean match = switch (card) {
                    case "P2" -> u.contains("/VIDEO/") || u.startsWith("CONTENTS/VIDEO/");
                    case "XDCAM" -> (u.contains("/CLIP/") || u.startsWith("XDROOT/CLIP/")) && u.endsWith(".MXF");
                    case "AVCHD" -> u.endsWith(".MTS");
                    case "XDCAM_EX" -> u.endsWith(".MP4");
                    case "CANON_XF" -> u.endsWith(".MXF");
                    default -> u.endsWith(".R3D");
                };
                if (match) {
                    return java.util.Optional.of(f);
                }
            }
            return java.util.Optional.empty();
        }

        /**
         * The files of a card clip that hold its sound apart from its video essence, in track order: a P2 clip's
         * {@code CONTENTS/AUDIO/<id>00.MXF}, {@code <id>01.MXF} … (P2 keeps each channel in an MXF of its own; the
         * other cards' essences carry their sound [I]).
         *
         * @return the sound files (empty for a sequence and for the other cards)
         */
        public List<String> soundEssences() {
            if (kind != Kind.CARD_CLIP || !"P2".equals(card)) {
                return List.of();
            }
            return files.stream().filter(f -> {
                String u = f.toUpperCase(Locale.ROOT);
                return (u.startsWith("CONTENTS/AUDIO/") || u.contains("/CONTENTS/AUDIO/")) && u.endsWith(".MXF");
            }).toList();
        }

        /** @return the number of frames present (sequences), or of files (clips) */
        public int count() {
            return files.size();
        }
    }

    /**
     * What a set of files holds.
     *
     * @param assets    the directory assets found, sorted by key
     * @param cardFiles card files that belong to no clip (not registered as assets)
     * @param others    the files that are neither: registered one asset per file as usual
     */
    public record Result(List<DirectoryAsset> assets, List<String> cardFiles, List<String> others) {

        /**
         * Copies.
         *
         * @param assets    the directory assets found
         * @param cardFiles card files that belong to no clip
         * @param others    the remaining files
         */
        public Result {
            assets = List.copyOf(assets);
            cardFiles = List.copyOf(cardFiles);
            others = List.copyOf(others);
        }

        /**
         * @param path a file's path
         * @return the directory asset holding it, if any
         */
        public java.util.Optional<DirectoryAsset> assetOf(String path) {
            for (DirectoryAsset a : assets) {
                if (Collections.binarySearch(a.files(), path) >= 0) {
                    return java.util.Optional.of(a);
                }
            }
            return java.util.Optional.empty();
        }
    }

    /**
     * Sorts files into directory assets, card files and ordinary files.
     *
     * @param paths files relative to the storage root
     * @return the result
     * @throws NullPointerException if {@code paths} or a path is null
     */
    public Result detect(Collection<String> paths) {
        TreeSet<String> left = new TreeSet<>(paths);
        List<DirectoryAsset> assets = new ArrayList<>();
        List<String> cardFiles = new ArrayList<>();
        cards(left, assets, cardFiles);
        sequences(left, assets);
        assets.sort(java.util.Comparator.comparing(DirectoryAsset::key));
        Collections.sort(cardFiles);
        return new Result(assets, cardFiles, new ArrayList<>(left));
    }

    /**
     * The root of the camera card a file may lie in, by its path alone: the folder holding {@code CONTENTS},
     * {@code BPAV}, {@code XDROOT} or {@code PRIVATE/AVCHD}, a RED {@code .RDM} folder itself, or the folder of a
     * card's own file ({@code LASTCLIP.TXT}, {@code MEDIAPRO.XML}, {@code DISCMETA.XML}). A caller looking for a
     * file's clip lists the card from there; {@link #detect} decides whether it is a card.
     *
     * @param path a file relative to the storage root
     * @return the card root ({@code ""} for the storage root), or empty when the file lies in no card structure
     * @throws NullPointerException if {@code path} is null
     */
    public static java.util.Optional<String> cardRootOf(String path) {
        String[] seg = path.split("/");
        if (CARD_ROOT_FILES.contains(seg[seg.length - 1].toUpperCase(Locale.ROOT))) {
            return java.util.Optional.of(String.join("/", java.util.Arrays.copyOfRange(seg, 0, seg.length - 1)));
        }
        for (int i = 0; i < seg.length - 1; i++) {
            CardAt at = cardAt(seg, i);
            if (at != null) {
                return java.util.Optional.of(at.root());
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Whether a folder directly under a card root is where one of the card structures starts ({@code CONTENTS},
     * {@code BPAV}, {@code XDROOT}, {@code PRIVATE}; any case): what a caller lists to find a card's clips.
     *
     * @param name a folder's name
     * @return true for a card structure's top folder
     * @throws NullPointerException if {@code name} is null
     */
    public static boolean isCardFolder(String name) {
        return CARD_FOLDERS.contains(name.toUpperCase(Locale.ROOT));
    }

    /**
     * Whether a file is named like a frame of an image sequence ({@code <prefix><number>.<dpx|exr|tif|tiff|png|jpg
     * |jpeg>}); whether it is one depends on its neighbours.
     *
     * @param path a file relative to the storage root
     * @return true if it may be a frame
     * @throws NullPointerException if {@code path} is null
     */
    public static boolean isNumberedStill(String path) {
        Matcher m = NUMBERED.matcher(path.substring(path.lastIndexOf('/') + 1));
        return m.matches() && SEQUENCE_EXTENSIONS.contains(m.group(4).toLowerCase(Locale.ROOT));
    }

    /**
     * Where a card structure starts, if segment {@code i} (a folder) starts one: the card's root, and its format
     * ({@code ""} for a {@code CONTENTS} folder whose next folder does not tell P2 from Canon XF). The one place
     * that knows the cards' top folders: {@link #cardRootOf} and {@link #detect} both ask it.
     */
    private record CardAt(String root, String format) {
    }

    private static CardAt cardAt(String[] seg, int i) {
        String s = seg[i].toUpperCase(Locale.ROOT);
        if (s.endsWith(".RDM")) {
            return new CardAt(String.join("/", java.util.Arrays.copyOfRange(seg, 0, i + 1)), "RED");
        }
        if (!CARD_FOLDERS.contains(s)) {
            return null;
        }
        String next = i + 1 < seg.length - 1 ? seg[i + 1].toUpperCase(Locale.ROOT) : "";
        String format;
        if (s.equals("CONTENTS")) {
            format = next.equals("VIDEO") ? "P2" : next.startsWith("CLIPS") ? "CANON_XF" : "";
        } else if (s.equals("BPAV")) {
            format = "XDCAM_EX";
        } else if (s.equals("XDROOT")) {
            format = "XDCAM";
        } else if (next.equals("AVCHD")) {
            format = "AVCHD"; // PRIVATE/AVCHD
        } else {
            return null; // a PRIVATE folder of something else
        }
        return new CardAt(String.join("/", java.util.Arrays.copyOfRange(seg, 0, i)), format);
    }

    // ---- cards ----------------------------------------------------------------------------------------------

    /** A card: its root folder (relative; "" for the storage root), format, and the clips found in it. */
    private void cards(TreeSet<String> left, List<DirectoryAsset> assets, List<String> cardFiles) {
        Map<String, String> roots = new TreeMap<>(); // card root → format
        for (String p : left) {
            String[] seg = p.split("/");
            for (int i = 0; i < seg.length - 1; i++) {
                CardAt at = cardAt(seg, i);
                if (at != null && !at.format().isEmpty()) {
                    roots.putIfAbsent(at.root(), at.format());
                }
            }
        }
        for (Map.Entry<String, String> card : roots.entrySet()) {
            String root = card.getKey();
            String prefix = root.isEmpty() ? "" : root + "/";
            List<String> files = new ArrayList<>();
            for (String p : left) {
                if (p.startsWith(prefix) && isCardPath(card.getValue(), p.substring(prefix.length()))) {
                    files.add(p);
                }
            }
            Map<String, List<String>> clips = switch (card.getValue()) {
                case "P2" -> byId(files, prefix, "CONTENTS/VIDEO/", "CONTENTS/");
                case "XDCAM" -> byId(files, prefix, "XDROOT/CLIP/", "XDROOT/");
                case "AVCHD" -> byId(files, prefix, "PRIVATE/AVCHD/BDMV/STREAM/", "PRIVATE/AVCHD/BDMV/");
                case "XDCAM_EX" -> byFolder(files, prefix, "BPAV/CLPR/");
                case "CANON_XF" -> byFolder(files, prefix, "CONTENTS/CLIPS");
                default -> byFolder(files, prefix, ""); // RED: the .RDC folders right under the .RDM root
            };
            for (Map.Entry<String, List<String>> clip : clips.entrySet()) {
                String title = clip.getKey();
                assets.add(new DirectoryAsset(Kind.CARD_CLIP, card.getValue(), title, root,
                        (root.isEmpty() ? "" : root + "/") + "[" + title + "]", clip.getValue(), 0, 0, List.of()));
                clip.getValue().forEach(files::remove);
            }
            cardFiles.addAll(files);
            left.removeAll(files);
            clips.values().forEach(left::removeAll);
        }
    }

    /** Whether a path under a card root is part of that card's structure. */
    private static boolean isCardPath(String format, String rel) {
        String u = rel.toUpperCase(Locale.ROOT);
        return switch (format) {
            case "P2", "CANON_XF" -> u.startsWith("CONTENTS/") || u.equals("LASTCLIP.TXT");
            case "XDCAM_EX" -> u.startsWith("BPAV/");
            case "XDCAM" -> u.startsWith("XDROOT/") || u.equals("MEDIAPRO.XML") || u.equals("DISCMETA.XML");
            case "AVCHD" -> u.startsWith("PRIVATE/");
            default -> true; // RED: everything inside the .RDM folder
        };
    }

    /**
     * Clips named by the base names of the essence files in {@code essenceDir}; each holds the files under
     * {@code scope} whose base name starts with the id (longest id wins). Ids are upper-cased for matching.
     */
    private static Map<String, List<String>> byId(List<String> files, String prefix, String essenceDir,
                                                  String scope) {
        Map<String, List<String>> clips = new TreeMap<>();
        for (String f : files) {
            String rel = f.substring(prefix.length());
            String u = rel.toUpperCase(Locale.ROOT);
            if (u.startsWith(essenceDir) && u.indexOf('/', essenceDir.length()) < 0) {
                String base = baseName(rel.substring(essenceDir.length()));
                if (essenceDir.endsWith("STREAM/") || u.endsWith(".MXF")) {
                    clips.put(base, new ArrayList<>());
                }
            }
        }
        List<String> ids = new ArrayList<>(clips.keySet());
        ids.sort((a, b) -> b.length() - a.length());
        for (String f : files) {
            String rel = f.substring(prefix.length());
            if (!rel.toUpperCase(Locale.ROOT).startsWith(scope)) {
                continue;
            }
            String base = baseName(rel.substring(rel.lastIndexOf('/') + 1)).toUpperCase(Locale.ROOT);
            for (String id : ids) {
                if (base.startsWith(id.toUpperCase(Locale.ROOT))) {
                    clips.get(id).add(f);
                    break;
                }
            }
        }
        return clips;
    }

    /** Clips as the folders right under {@code clipsDir} (its last segment may be a prefix, as in CLIPS001). */
    private static Map<String, List<String>> byFolder(List<String> files, String prefix, String clipsDir) {
        Map<String, List<String>> clips = new TreeMap<>();
        for (String f : files) {
            String rel = f.substring(prefix.length());
            String u = rel.toUpperCase(Locale.ROOT);
            if (!u.startsWith(clipsDir)) {
                continue;
            }
            String[] seg = rel.split("/");
            int parts = clipsDir.isEmpty() ? 0 : clipsDir.split("/").length; // segments of clipsDir
            if (clipsDir.endsWith("CLIPS")) {
                parts = 2; // CONTENTS/CLIPS001
            }
            if (seg.length < parts + 2) {
                continue; // a file directly in the clips folder belongs to no clip
            }
            String folder = seg[parts];
            if (clipsDir.isEmpty() && !folder.toUpperCase(Locale.ROOT).endsWith(".RDC")) {
                continue;
            }
            String title = clipsDir.isEmpty() ? folder.substring(0, folder.length() - 4) : folder;
            clips.computeIfAbsent(title, k -> new ArrayList<>()).add(f);
        }
        return clips;
    }

    private static String baseName(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    // ---- sequences ------------------------------------------------------------------------------------------

    private void sequences(TreeSet<String> left, List<DirectoryAsset> assets) {
        Map<String, TreeMap<Long, String>> runs = new LinkedHashMap<>();
        Map<String, String[]> parts = new LinkedHashMap<>();
        for (String p : left) {
            int slash = p.lastIndexOf('/');
            String dir = slash < 0 ? "" : p.substring(0, slash);
            Matcher m = NUMBERED.matcher(p.substring(slash + 1));
            if (!m.matches() || !SEQUENCE_EXTENSIONS.contains(m.group(4).toLowerCase(Locale.ROOT))) {
                continue;
            }
            String key = dir + "\u0000" + m.group(1) + "\u0000" + m.group(2).length() + "\u0000" + m.group(3)
                    + "\u0000" + m.group(4);
            runs.computeIfAbsent(key, k -> new TreeMap<>()).put(Long.parseLong(m.group(2)), p);
            parts.putIfAbsent(key, new String[] {dir, m.group(1), m.group(3), m.group(4)});
        }
        for (Map.Entry<String, TreeMap<Long, String>> run : runs.entrySet()) {
            TreeMap<Long, String> frames = run.getValue();
            if (frames.size() < minFrames) {
                continue;
            }
            String[] p = parts.get(run.getKey());
            int width = Integer.parseInt(run.getKey().split("\u0000")[2]);
            long first = frames.firstKey();
            long last = frames.lastKey();
            String range = "[" + pad(first, width) + "-" + pad(last, width) + "]";
            String title = p[1] + range + p[2] + "." + p[3];
            List<Long> gaps = new ArrayList<>();
            for (long f = first; f <= last && gaps.size() < 10_000; f++) {
                if (!frames.containsKey(f)) {
                    gaps.add(f);
                }
            }
            String pattern = p[1].replace("%", "%%") + "%0" + width + "d" + p[2].replace("%", "%%") + "." + p[3];
            assets.add(new DirectoryAsset(Kind.IMAGE_SEQUENCE, p[3].toLowerCase(Locale.ROOT), title, p[0],
                    (p[0].isEmpty() ? "" : p[0] + "/") + pattern, new ArrayList<>(frames.values()), first, last,
                    gaps));
            left.removeAll(frames.values());
        }
    }

    private static String pad(long n, int width) {
        String s = Long.toString(n);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }
}
