// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.sidecar.internal;

import io.github.iconiksdk.api.metadata.FieldValue;
import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.sidecar.SidecarException;
import io.github.iconiksdk.api.sidecar.SidecarNaming;
import io.github.iconiksdk.api.sidecar.SidecarWriter;
import io.github.iconiksdk.core.sidecar.SidecarWriterConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** The SDK's {@link SidecarWriter}: filters, then encodes the configured elements and writes atomically. */
public final class DefaultSidecarWriter implements SidecarWriter {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultSidecarWriter.class);

    private final SidecarWriterConfig config;
    private final DestinationFilter destinations;
    private final Function<Path, Optional<String>> volumeOf;

    /**
     * Creates a writer.
     *
     * @param config   its settings
     * @param volumeOf finds the volume name of a media file when the settings name none
     */
    public DefaultSidecarWriter(SidecarWriterConfig config, Function<Path, Optional<String>> volumeOf) {
        this.config = Objects.requireNonNull(config, "config");
        this.destinations = new DestinationFilter(config.destinations());
        this.volumeOf = Objects.requireNonNull(volumeOf, "volumeOf");
    }

    @Override
    public Result write(Path mediaFile, MetadataValues values) {
        Objects.requireNonNull(mediaFile, "mediaFile");
        Objects.requireNonNull(values, "values");
        for (Path part : mediaFile) {
            if (part.toString().equals("..")) {
                throw new SidecarException(mediaFile, -1, -1, "the media path holds \"..\"; refused so that no"
                        + " sidecar is written outside its destination", null);
            }
        }
        Path name = mediaFile.getFileName();
        if (name == null) {
            throw new SidecarException(mediaFile, -1, -1, "not a file name", null);
        }
        if (!Files.isRegularFile(mediaFile)) {
            throw new SidecarException(mediaFile, -1, -1, Files.exists(mediaFile)
                    ? "not a regular file" : "no such media file", null);
        }
        String mediaName = name.toString();
        if (!config.acceptsExtension(mediaName)) {
            return skipped(mediaFile, "extension not in " + String.join(";", config.extensions()));
        }
        Optional<String> elsewhere = destinations.mismatch(mediaFile, () ->
                config.volumeName().isPresent() ? config.volumeName() : volumeOf.apply(mediaFile));
        if (elsewhere.isPresent()) {
            return skipped(mediaFile, elsewhere.get());
        }
        MetadataValues.Builder selected = MetadataValues.builder();
        boolean any = false;
        for (String element : config.elements()) {
            for (FieldValue value : values.values(element)) {
                if (!value.value().isEmpty()) {
                    selected.add(element, value);
                    any = true;
                }
            }
        }
        if (!any) {
            return skipped(mediaFile, "no element has a value (elements " + String.join(", ", config.elements())
                    + ")");
        }
        String sidecarName = SidecarNames.nameFor(mediaName, config.format(),
                config.naming() == SidecarNaming.REPLACED);
        Path sidecar = mediaFile.resolveSibling(sidecarName);
        if (Files.isDirectory(sidecar, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(sidecar)) {
            throw new SidecarException(sidecar, -1, -1, "exists and is a folder or a symbolic link; not replaced",
                    null);
        }
        byte[] bytes = SidecarCodecs.encode(sidecar, selected.build(), config.format())
                .getBytes(StandardCharsets.UTF_8);
        try {
            AtomicFiles.write(sidecar, bytes);
        } catch (IOException e) {
            throw new SidecarException(sidecar, -1, -1, "cannot be written: " + e, e);
        }
        LOG.debug("wrote sidecar {}", sidecar);
        return new Result(mediaFile, sidecar, null);
    }

    private static Result skipped(Path mediaFile, String reason) {
        LOG.debug("no sidecar for {}: {}", mediaFile, reason);
        return new Result(mediaFile, null, reason);
    }
}
