// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.sidecar.internal;

import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.sidecar.Sidecar;
import io.github.iconiksdk.api.sidecar.SidecarException;
import io.github.iconiksdk.api.sidecar.SidecarFormat;
import io.github.iconiksdk.api.sidecar.SidecarReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The SDK's {@link SidecarReader}: lists the media file's folder once, picks the first candidate in search order,
 * and parses it locally or hands its raw bytes to a conversion hook.
 */
public final class DefaultSidecarReader implements SidecarReader {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultSidecarReader.class);

    private final BiFunction<Path, byte[], MetadataValues> converter;

    /**
     * Creates a reader.
     *
     * @param converter turns a sidecar's raw bytes into the tree (the conversion URL), or {@code null} to parse the
     *                  three encodings locally
     */
    public DefaultSidecarReader(BiFunction<Path, byte[], MetadataValues> converter) {
        this.converter = converter;
    }

    @Override
    public Optional<Sidecar> find(Path mediaFile) {
        Objects.requireNonNull(mediaFile, "mediaFile");
        Path name = mediaFile.getFileName();
        if (name == null) {
            return Optional.empty();
        }
        String mediaName = name.toString();
        Path dir = mediaFile.toAbsolutePath().getParent();
        // Every candidate starts with the media name or its stem: a cheap filter before the exact rules.
        int dot = mediaName.lastIndexOf('.');
        String prefix = dot > 0 ? mediaName.substring(0, dot) : mediaName;
        List<String> siblings = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir,
                p -> p.getFileName().toString().startsWith(prefix))) {
            for (Path entry : entries) {
                if (Files.isRegularFile(entry)) {
                    siblings.add(entry.getFileName().toString());
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new SidecarException(dir, -1, -1, "cannot list the folder of " + mediaFile + ": " + e, e);
        }
        List<String> found = SidecarNames.candidatesAmong(mediaName, siblings);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Path chosen = mediaFile.resolveSibling(found.get(0));
        List<Path> ignored = new ArrayList<>();
        for (String other : found.subList(1, found.size())) {
            ignored.add(mediaFile.resolveSibling(other));
        }
        if (!ignored.isEmpty()) {
            LOG.debug("sidecar of {}: chose {}, passed over {}", mediaFile, chosen, ignored);
        }
        SidecarFormat format = SidecarNames.formatOf(found.get(0)).orElseThrow();
        return Optional.of(new Sidecar(chosen, format, ignored));
    }

    @Override
    public MetadataValues read(Sidecar sidecar) {
        Objects.requireNonNull(sidecar, "sidecar");
        byte[] bytes = SidecarText.readBytes(sidecar.file());
        if (converter != null) {
            return converter.apply(sidecar.file(), bytes);
        }
        return SidecarCodecs.parse(sidecar.file(), bytes, sidecar.format());
    }
}
