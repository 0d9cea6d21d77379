// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.ingest;

import io.github.iconiksdk.core.client.model.FileSettings;
import io.github.iconiksdk.core.config.ConfigurationException;
import io.github.iconiksdk.core.pattern.PatternSet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A storage's settings as the ingest pipeline uses them, read from iconik once per pass and derived once per change:
 * the compiled pattern lists, the mount point, the scan interval and growing-file threshold with iconik's defaults
 * applied, and the switches that decide which work a registered file gets.
 *
 * @param storageId        the storage's id
 * @param fileSettings     the settings exactly as iconik returned them
 * @param mountPoint       the storage's root on this machine ({@code mount_point})
 * @param patterns         the scan, transcode and upload pattern lists, compiled
 * @param scanDirectories  the folders scanned below the mount point ({@code scan_directories}); empty for all
 * @param growingThreshold how long a file must stay unchanged before it is registered
 *                         ({@code growing_files_threshold}, default 10 s)
 * @param scanInterval     the time between two passes of the daemon ({@code scan_interval_seconds}, default 5 s)
 * @param scanEnabled      whether the storage is to be scanned at all ({@code scan}, default true)
 * @param makeRenditions   whether proxies or keyframes are made locally ({@code local_proxy_creation} or
 *                         {@code local_keyframe_creation}, each default true [I])
 * @param uploadOriginals  whether originals are uploaded to iconik's storage for files ({@code upload_files})
 * @param metadataViewId   the view sidecar values are checked against ({@code metadata_view_id}), if any
 */
public record StorageSettings(String storageId, FileSettings fileSettings, Path mountPoint, PatternSet patterns,
                              List<String> scanDirectories, Duration growingThreshold, Duration scanInterval,
                              boolean scanEnabled, boolean makeRenditions, boolean uploadOriginals,
                              Optional<String> metadataViewId) {

    /** iconik's default scan interval, used when the storage does not say. */
    public static final Duration DEFAULT_SCAN_INTERVAL = Duration.ofSeconds(5);
    /** The growing-file threshold used when the storage does not say. */
    public static final Duration DEFAULT_GROWING_THRESHOLD = Duration.ofSeconds(10);

    /**
     * Validates the settings.
     *
     * @param storageId        the storage's id
     * @param fileSettings     the settings exactly as iconik returned them
     * @param mountPoint       the storage's root on this machine
     * @param patterns         the compiled pattern lists
     * @param scanDirectories  the folders scanned below the mount point; empty for all
     * @param growingThreshold how long a file must stay unchanged before it is registered
     * @param scanInterval     the time between two passes of the daemon
     * @param scanEnabled      whether the storage is to be scanned at all
     * @param makeRenditions   whether proxies or keyframes are made locally
     * @param uploadOriginals  whether originals are uploaded
     * @param metadataViewId   the view sidecar values are checked against, if any
     * @throws NullPointerException if any argument is null
     */
    public StorageSettings {
        Objects.requireNonNull(storageId, "storageId");
        Objects.requireNonNull(fileSettings, "fileSettings");
        Objects.requireNonNull(mountPoint, "mountPoint");
        Objects.requireNonNull(patterns, "patterns");
        scanDirectories = List.copyOf(scanDirectories);
        Objects.requireNonNull(growingThreshold, "growingThreshold");
        Objects.requireNonNull(scanInterval, "scanInterval");
        Objects.requireNonNull(metadataViewId, "metadataViewId");
    }

    /**
     * Derives the pipeline's settings from what iconik returned for a storage. Does not touch the file system.
     *
     * @param storageId the storage's id
     * @param settings  its {@code settings} object
     * @return the derived settings
     * @throws ConfigurationException if {@code mount_point} is missing
     * @throws io.github.iconiksdk.api.pattern.InvalidPatternException if a pattern list holds an invalid pattern
     *                                                                  (the exception names it)
     */
    public static StorageSettings of(String storageId, FileSettings settings) {
        Objects.requireNonNull(storageId, "storageId");
        Objects.requireNonNull(settings, "settings");
        String mount = settings.mountPoint();
        if (mount == null || mount.isBlank()) {
            throw new ConfigurationException("mount_point", "storage " + storageId + " has no mount_point");
        }
        PatternSet patterns = PatternSet.builder().scanIgnore(orEmpty(settings.scanIgnore()))
                .scanInclude(orEmpty(settings.scanInclude())).transcodeIgnore(orEmpty(settings.transcodeIgnore()))
                .transcodeInclude(orEmpty(settings.transcodeInclude())).uploadIgnore(orEmpty(settings.uploadIgnore()))
                .build();
        Duration threshold = settings.growingFilesThreshold() == null ? DEFAULT_GROWING_THRESHOLD
                : Duration.ofSeconds(Math.max(0, settings.growingFilesThreshold().longValue()));
        Integer interval = settings.scanIntervalSeconds();
        String view = settings.metadataViewId();
        return new StorageSettings(storageId, settings, Path.of(mount), patterns, orEmpty(settings.scanDirectories()),
                threshold, interval == null || interval < 1 ? DEFAULT_SCAN_INTERVAL : Duration.ofSeconds(interval),
                !Boolean.FALSE.equals(settings.scan()),
                !Boolean.FALSE.equals(settings.localProxyCreation())
                        || !Boolean.FALSE.equals(settings.localKeyframeCreation()),
                Boolean.TRUE.equals(settings.uploadFiles()),
                view == null || view.isBlank() ? Optional.empty() : Optional.of(view));
    }

    /**
     * The names (as iconik spells them) of the settings a pass depends on that differ from an earlier reading.
     *
     * @param earlier the settings read before
     * @return the changed settings' names, in a fixed order; empty when nothing that matters changed
     */
    public List<String> changedSince(StorageSettings earlier) {
        FileSettings a = earlier.fileSettings();
        FileSettings b = fileSettings;
        List<String> out = new ArrayList<>();
        check(out, "mount_point", a, b, FileSettings::mountPoint);
        check(out, "scan_directories", a, b, FileSettings::scanDirectories);
        check(out, "scan_ignore", a, b, FileSettings::scanIgnore);
        check(out, "scan_include", a, b, FileSettings::scanInclude);
        check(out, "transcode_ignore", a, b, FileSettings::transcodeIgnore);
        check(out, "transcode_include", a, b, FileSettings::transcodeInclude);
        check(out, "upload_ignore", a, b, FileSettings::uploadIgnore);
        check(out, "scan", a, b, FileSettings::scan);
        check(out, "scan_interval_seconds", a, b, FileSettings::scanIntervalSeconds);
        check(out, "growing_files_threshold", a, b, FileSettings::growingFilesThreshold);
        check(out, "upload_files", a, b, FileSettings::uploadFiles);
        check(out, "local_proxy_creation", a, b, FileSettings::localProxyCreation);
        check(out, "local_keyframe_creation", a, b, FileSettings::localKeyframeCreation);
        check(out, "enable_collection_directory_mapping", a, b, FileSettings::enableCollectionDirectoryMapping);
        check(out, "metadata_view_id", a, b, FileSettings::metadataViewId);
        check(out, "metadata_conversion_url", a, b, FileSettings::metadataConversionUrl);
        check(out, "aggregate_identical_files", a, b, FileSettings::aggregateIdenticalFiles);
        check(out, "title_includes_extension", a, b, FileSettings::titleIncludesExtension);
        check(out, "filename_is_external_id", a, b, FileSettings::filenameIsExternalId);
        check(out, "access_group_id", a, b, FileSettings::accessGroupId);
        return out;
    }

    private static void check(List<String> out, String name, FileSettings a, FileSettings b,
                              Function<FileSettings, Object> get) {
        if (!Objects.equals(get.apply(a), get.apply(b))) {
            out.add(name);
        }
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}
