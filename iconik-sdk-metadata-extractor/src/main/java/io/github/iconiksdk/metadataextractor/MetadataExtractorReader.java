// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.metadataextractor;

import com.drew.imaging.FileType;
import com.drew.imaging.FileTypeDetector;
import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.iptc.IptcDirectory;
import com.drew.metadata.xmp.XmpDirectory;
import io.github.iconiksdk.core.media.EmbeddedMetadata;
import io.github.iconiksdk.core.media.EmbeddedMetadataException;
import io.github.iconiksdk.core.media.EmbeddedMetadataReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@link EmbeddedMetadataReader} built on Drew Noakes' metadata-extractor: XMP (every simple property and the
 * items of every array, by qualified name), IPTC IIM, EXIF and GPS from every format the library reads (JPEG, TIFF,
 * PNG, WebP, HEIF/HEIC, PSD, camera RAW containers, and MP4/QuickTime where the container carries them). Reads
 * only the metadata segments, not the pixels; a file whose type the library does not know yields
 * {@link EmbeddedMetadata#empty()}. Thread-safe (stateless).
 */
public final class MetadataExtractorReader implements EmbeddedMetadataReader {

    private static final Logger LOG = LoggerFactory.getLogger(MetadataExtractorReader.class);

    /** {@code dc:subject[2]} → {@code dc:subject} and the item's index. */
    private static final Pattern ITEM = Pattern.compile("^([^\\[/]+)\\[(\\d+)]$");
    private static final Pattern EXIF_DATE = Pattern.compile("(\\d{4}):(\\d{2}):(\\d{2})[ T](\\d{2}:\\d{2}:\\d{2})");
    private static final Pattern IIM_DATE = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern IIM_TIME = Pattern.compile("(\\d{2})(\\d{2})(\\d{2})([+-]\\d{4})?");

    /** A reader; it is found by {@link java.util.ServiceLoader} as well. */
    public MetadataExtractorReader() {
    }

    @Override
    public String name() {
        return "metadata-extractor";
    }

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException if {@code file} is null
     */
    @Override
    public EmbeddedMetadata read(Path file) {
        Objects.requireNonNull(file, "file");
        Metadata metadata;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 << 10)) {
            FileType type = FileTypeDetector.detectFileType((BufferedInputStream) in);
            if (type == FileType.Unknown) {
                return EmbeddedMetadata.empty();
            }
            metadata = ImageMetadataReader.readMetadata(in, Files.size(file), type);
        } catch (ImageProcessingException e) {
            throw new EmbeddedMetadataException("cannot read the embedded metadata of " + file + ": "
                    + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new EmbeddedMetadataException("cannot read the embedded metadata of " + file + ": " + e, e);
        }
        EmbeddedMetadata.Builder out = EmbeddedMetadata.builder();
        for (XmpDirectory xmp : metadata.getDirectoriesOfType(XmpDirectory.class)) {
            xmp(xmp.getXmpProperties(), out);
        }
        for (IptcDirectory iptc : metadata.getDirectoriesOfType(IptcDirectory.class)) {
            iptc(iptc, out);
        }
        for (ExifIFD0Directory ifd0 : metadata.getDirectoriesOfType(ExifIFD0Directory.class)) {
            out.add("exif:image_description", ifd0.getString(ExifIFD0Directory.TAG_IMAGE_DESCRIPTION));
            out.add("exif:artist", ifd0.getString(ExifIFD0Directory.TAG_ARTIST));
            out.add("exif:copyright", ifd0.getString(ExifIFD0Directory.TAG_COPYRIGHT));
        }
        for (ExifSubIFDDirectory sub : metadata.getDirectoriesOfType(ExifSubIFDDirectory.class)) {
            out.add("exif:date_time_original", exifDate(sub.getString(ExifSubIFDDirectory.TAG_DATETIME_ORIGINAL)));
        }
        for (GpsDirectory gps : metadata.getDirectoriesOfType(GpsDirectory.class)) {
            GeoLocation at = gps.getGeoLocation();
            if (at != null && !at.isZero()) {
                String lat = String.format(Locale.ROOT, "%.6f", at.getLatitude());
                String lon = String.format(Locale.ROOT, "%.6f", at.getLongitude());
                out.add("gps:latitude", lat);
                out.add("gps:longitude", lon);
                out.add("gps:position", lat + ", " + lon);
            }
        }
        for (Directory d : metadata.getDirectories()) {
            d.getErrors().forEach(err -> LOG.debug("{}: {} segment: {}", file, d.getName(), err));
        }
        return out.build();
    }

    /**
     * XMP properties by path, as the library lists them: {@code dc:subject[1]}, {@code dc:description[1]},
     * {@code photoshop:DateCreated}. Array items keep their order; qualifiers ({@code …/?xml:lang}) and struct
     * fields ({@code …/ns:field}) are left out.
     */
    static void xmp(Map<String, String> properties, EmbeddedMetadata.Builder out) {
        Map<String, TreeMap<Integer, String>> arrays = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, String> p : properties.entrySet()) {
            String path = p.getKey();
            if (path.contains("/")) {
                continue;
            }
            Matcher item = ITEM.matcher(path);
            if (item.matches()) {
                arrays.computeIfAbsent(item.group(1), k -> new TreeMap<>())
                        .put(Integer.parseInt(item.group(2)), p.getValue());
            } else if (!path.contains("[")) {
                out.add("xmp:" + path, p.getValue());
            }
        }
        arrays.forEach((name, items) -> items.values().forEach(v -> out.add("xmp:" + name, v)));
    }

    private static void iptc(IptcDirectory iptc, EmbeddedMetadata.Builder out) {
        if (iptc.getKeywords() != null) {
            iptc.getKeywords().forEach(k -> out.add("iptc:keywords", k));
        }
        out.add("iptc:caption", iptc.getString(IptcDirectory.TAG_CAPTION));
        out.add("iptc:headline", iptc.getString(IptcDirectory.TAG_HEADLINE));
        out.add("iptc:object_name", iptc.getString(IptcDirectory.TAG_OBJECT_NAME));
        String[] byLine = iptc.getStringArray(IptcDirectory.TAG_BY_LINE);
        if (byLine != null) {
            for (String b : byLine) {
                out.add("iptc:by-line", b);
            }
        }
        out.add("iptc:copyright_notice", iptc.getString(IptcDirectory.TAG_COPYRIGHT_NOTICE));
        String date = iptc.getString(IptcDirectory.TAG_DATE_CREATED);
        if (date != null) {
            Matcher d = IIM_DATE.matcher(date.strip());
            if (d.matches()) {
                String iso = d.group(1) + "-" + d.group(2) + "-" + d.group(3);
                String time = iptc.getString(IptcDirectory.TAG_TIME_CREATED);
                Matcher t = time == null ? null : IIM_TIME.matcher(time.strip());
                if (t != null && t.matches()) {
                    iso += "T" + t.group(1) + ":" + t.group(2) + ":" + t.group(3) + (t.group(4) == null ? ""
                            : t.group(4).substring(0, 3) + ":" + t.group(4).substring(3));
                }
                out.add("iptc:date_created", iso);
            }
        }
    }

    /** EXIF's {@code 2024:05:01 10:20:30} as ISO 8601 {@code 2024-05-01T10:20:30}; other text unchanged. */
    static String exifDate(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = EXIF_DATE.matcher(value.strip());
        return m.matches() ? m.group(1) + "-" + m.group(2) + "-" + m.group(3) + "T" + m.group(4) : value;
    }
}
