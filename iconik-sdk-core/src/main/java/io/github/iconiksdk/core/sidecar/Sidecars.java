// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.sidecar;

import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.sidecar.SidecarException;
import io.github.iconiksdk.api.sidecar.SidecarFormat;
import io.github.iconiksdk.api.sidecar.SidecarReader;
import io.github.iconiksdk.api.sidecar.SidecarWriter;
import io.github.iconiksdk.core.sidecar.internal.DefaultSidecarReader;
import io.github.iconiksdk.core.sidecar.internal.DefaultSidecarWriter;
import io.github.iconiksdk.core.sidecar.internal.JsonSidecarCodec;
import io.github.iconiksdk.core.sidecar.internal.SidecarCodecs;
import io.github.iconiksdk.core.sidecar.internal.SidecarNames;
import io.github.iconiksdk.core.sidecar.internal.SidecarText;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Entry points for iconik sidecars: readers, writers, the naming rules as pure functions, and the three encodings.
 * Rules: {@code spec/sidecars.md}.
 *
 * <pre>{@code
 * SidecarReader reader = Sidecars.reader();
 * Optional<MetadataValues> values = reader.readFor(Path.of("/media/A001C003.MOV"));
 *
 * SidecarWriter writer = Sidecars.writer(SidecarWriterConfig.builder()
 *         .elements("{Card}{Location}").extensions(".MOV;.R3D").build());
 * writer.write(clip, MetadataValues.builder().add("Card", "A001").build());
 * }</pre>
 */
public final class Sidecars {

    /** The largest sidecar read: 1 MiB. */
    public static final int MAX_SIDECAR_BYTES = SidecarText.MAX_BYTES;

    private Sidecars() {
    }

    /**
     * A reader that parses JSON, XML and CSV sidecars locally.
     *
     * @return the reader (thread-safe)
     */
    public static SidecarReader reader() {
        return new DefaultSidecarReader(null);
    }

    /**
     * A reader that sends every sidecar's raw bytes to the storage's conversion URL and takes the JSON it answers.
     *
     * @param hook the conversion URL and its headers
     * @return the reader (thread-safe)
     * @throws NullPointerException if {@code hook} is null
     */
    public static SidecarReader reader(ConversionHook hook) {
        Objects.requireNonNull(hook, "hook");
        return new DefaultSidecarReader(hook::convert);
    }

    /**
     * A writer with OffShoot's settings; when the settings name no volume, each file's volume is the last element
     * of its mount point ({@link Volumes#volumeNameOf}).
     *
     * @param config the settings
     * @return the writer (thread-safe)
     * @throws NullPointerException if {@code config} is null
     */
    public static SidecarWriter writer(SidecarWriterConfig config) {
        return new DefaultSidecarWriter(config, file -> {
            try {
                return Volumes.volumeNameOf(file);
            } catch (UncheckedIOException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * Parses sidecar content held in memory, for example from an upload.
     *
     * @param file    the sidecar's name or path, for messages
     * @param content its bytes
     * @param format  its encoding
     * @return the tree
     * @throws SidecarException if the content is over 1 MiB, empty, not UTF-8, malformed or of the wrong shape
     */
    public static MetadataValues parse(Path file, byte[] content, SidecarFormat format) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(format, "format");
        return SidecarCodecs.parse(file, content, format);
    }

    /**
     * Encodes a tree in one of the three encodings, as the writer does.
     *
     * @param values the tree
     * @param format the encoding
     * @return the text (write it as UTF-8)
     * @throws IllegalArgumentException if a name or value cannot be carried by that encoding (a lone surrogate; in
     *                                  XML a field name that is not an XML name or a control character)
     */
    public static String encode(MetadataValues values, SidecarFormat format) {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(format, "format");
        try {
            return SidecarCodecs.encode(Path.of("sidecar." + format.extension()), values, format);
        } catch (SidecarException e) {
            throw new IllegalArgumentException(e.reason(), e);
        }
    }

    /**
     * iconik's metadata API body for a tree, on one line: {@code {"metadata_values":{"project":{"field_values":
     * [{"value":"Harbour Doc"}]}}}}. The empty tree gives {@code {"metadata_values":{}}}.
     *
     * @param values the tree
     * @return the compact JSON
     * @throws IllegalArgumentException if a name or value holds a lone surrogate
     */
    public static String toJson(MetadataValues values) {
        Objects.requireNonNull(values, "values");
        encode(values, SidecarFormat.JSON); // the same checks as a written sidecar
        return JsonSidecarCodec.write(values, false);
    }

    /**
     * The encoding a file's extension names, ignoring case.
     *
     * @param fileName a file name
     * @return JSON, XML or CSV, or empty for any other extension
     */
    public static Optional<SidecarFormat> formatOf(String fileName) {
        return SidecarNames.formatOf(Objects.requireNonNull(fileName, "fileName"));
    }

    /**
     * The names a media file's sidecar may have, in search order ({@code clip.MOV.json}, {@code clip.MOV.xml},
     * {@code clip.MOV.csv}, {@code clip.json}, {@code clip.xml}, {@code clip.csv}).
     *
     * @param mediaFileName the media file's name
     * @return the candidate names, lower-case extensions
     */
    public static List<String> candidateNames(String mediaFileName) {
        return SidecarNames.candidateNames(Objects.requireNonNull(mediaFileName, "mediaFileName"));
    }

    /**
     * The sidecars of a media file among the file names of its folder, in search order; the first is the one read.
     *
     * @param mediaFileName the media file's name
     * @param siblingNames  the names of the regular files in its folder
     * @return the sidecars found
     */
    public static List<String> candidatesAmong(String mediaFileName, Collection<String> siblingNames) {
        return SidecarNames.candidatesAmong(Objects.requireNonNull(mediaFileName, "mediaFileName"),
                Objects.requireNonNull(siblingNames, "siblingNames"));
    }

    /**
     * Whether a file is the sidecar of a media file beside it, and so, by default, not an asset of its own: its
     * extension is {@code .json}, {@code .xml} or {@code .csv} (any case) and a regular file beside it has it among
     * its sidecar candidates (chosen or passed over). A {@code .json} with no media file beside it is an ordinary
     * file. A pure function of the names: no file system access.
     *
     * @param fileName     the file's name
     * @param siblingNames the names of the regular files in the same folder (may include the file itself)
     * @return whether it is the sidecar of a neighbour
     */
    public static boolean isSidecarOfNeighbour(String fileName, Collection<String> siblingNames) {
        return SidecarNames.isSidecarOfNeighbour(Objects.requireNonNull(fileName, "fileName"),
                Objects.requireNonNull(siblingNames, "siblingNames"));
    }

    /**
     * The same test for a whole folder at once, linear in its size: which of its files are sidecars of a neighbour.
     * A scanner holding a directory listing calls this once per folder.
     *
     * @param fileNames the names of the regular files of one folder
     * @return those that are sidecars of a neighbour
     */
    public static Set<String> sidecarsOfNeighbours(Collection<String> fileNames) {
        return SidecarNames.sidecarsOfNeighbours(Objects.requireNonNull(fileNames, "fileNames"));
    }

    /**
     * The media files whose chosen sidecar is the given file: when the scanner reports that sidecar MODIFIED (or
     * NEW), these are the files whose metadata is read and applied again. A pure function of the names.
     *
     * @param sidecarName  the sidecar's name
     * @param siblingNames the names of the regular files in its folder
     * @return the media file names; empty when no media file beside it reads this sidecar
     */
    public static List<String> mediaFilesOf(String sidecarName, Collection<String> siblingNames) {
        return SidecarNames.mediaFilesOf(Objects.requireNonNull(sidecarName, "sidecarName"),
                Objects.requireNonNull(siblingNames, "siblingNames"));
    }

    /**
     * Whether a file on disk is the sidecar of a media file beside it; lists its folder.
     *
     * @param file the file
     * @return whether it is the sidecar of a neighbour; false when its folder cannot be listed
     */
    public static boolean isSidecarOfNeighbour(Path file) {
        Objects.requireNonNull(file, "file");
        Path name = file.getFileName();
        if (name == null || formatOf(name.toString()).isEmpty()) {
            return false;
        }
        Path dir = file.toAbsolutePath().getParent();
        List<String> siblings = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (Files.isRegularFile(entry)) {
                    siblings.add(entry.getFileName().toString());
                }
            }
        } catch (IOException e) {
            return false;
        }
        return SidecarNames.isSidecarOfNeighbour(name.toString(), siblings);
    }
}
