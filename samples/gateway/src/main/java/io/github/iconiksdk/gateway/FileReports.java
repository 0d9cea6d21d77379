// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import io.github.iconiksdk.api.upload.Registration;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One file's state for the status page's search box and {@code /file.json?path=…}: whether the gateway has seen
 * it, whether it is registered and as which asset (with a link to the asset in iconik), whether renditions or the
 * original's upload are still pending, and what this run saw happen to it. Answers from the registration journal
 * (which survives restarts) and from {@link GatewayStatus#file(String)} (this run only). Never touches the disk: a
 * path is only a key to look up, and one that could leave the storage root is refused all the same.
 */
final class FileReports {

    /** The longest path looked up. */
    static final int MAX_PATH = 4096;

    /** What the registration journal knows of one file. */
    interface Journal {

        /** A journal that knows nothing (before the first pass opened it). */
        Journal NONE = new Journal() { };

        /**
         * @param path the file's path relative to the storage root
         * @return its complete registration, or empty when unknown or unfinished
         */
        default Optional<Registration> registration(String path) {
            return Optional.empty();
        }

        /**
         * @param path the file's path relative to the storage root
         * @return the work wanted for it and not done yet: {@code RENDITIONS}, {@code ORIGINAL}
         */
        default List<String> pendingWork(String path) {
            return List.of();
        }
    }

    private final GatewayStatus status;
    private final Journal journal;
    private final String iconikWeb;

    /**
     * @param status    the run's status (its per-file trails)
     * @param journal   the registration journal's answers
     * @param iconikWeb iconik's address, where links to assets point ({@code https://app.iconik.io})
     */
    FileReports(GatewayStatus status, Journal journal, URI iconikWeb) {
        this.status = Objects.requireNonNull(status, "status");
        this.journal = Objects.requireNonNull(journal, "journal");
        String web = Objects.requireNonNull(iconikWeb, "iconikWeb").toString();
        this.iconikWeb = web.endsWith("/") ? web.substring(0, web.length() - 1) : web;
    }

    /**
     * Checks a path typed into the search box.
     *
     * @param path the path, relative to the storage root with {@code /} between folders
     * @return the path, a leading {@code ./} or {@code /} and trailing spaces removed
     * @throws IllegalArgumentException naming the problem, for an empty path, one with a {@code ..} segment, a
     *                                  backslash or a control character, or one longer than {@link #MAX_PATH}
     */
    static String checkPath(String path) {
        String p = path == null ? "" : path.strip();
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (p.isEmpty()) {
            throw new IllegalArgumentException("path: give a file's path relative to the storage root, such as"
                    + " day1/A001_C003.mov");
        }
        if (p.length() > MAX_PATH) {
            throw new IllegalArgumentException("path: longer than " + MAX_PATH + " characters");
        }
        if (p.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\')) {
            throw new IllegalArgumentException("path: control characters and backslashes are not allowed; separate"
                    + " folders with /");
        }
        for (String segment : p.split("/", -1)) {
            if (segment.equals("..")) {
                throw new IllegalArgumentException("path: " + p + " has a .. segment; paths stay under the storage"
                        + " root");
            }
        }
        return p;
    }

    /**
     * The report of one file.
     *
     * @param path the path typed, relative to the storage root
     * @return the report as {@code /file.json} serialises it, or empty when neither the journal nor this run knows
     *         the file
     * @throws IllegalArgumentException if the path is not acceptable (see {@link #checkPath(String)})
     */
    Optional<Map<String, Object>> report(String path) {
        String p = checkPath(path);
        Optional<Registration> registration = journal.registration(p);
        Optional<GatewayStatus.FileTrail> trail = status.file(p);
        List<String> pending = journal.pendingWork(p);
        if (registration.isEmpty() && trail.isEmpty() && pending.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", p);
        m.put("scanned", true);
        m.put("registered", registration.isPresent());
        String assetId = registration.map(Registration::assetId).orElse(null);
        m.put("asset_id", assetId);
        m.put("asset_url", assetId == null ? null : iconikWeb + "/asset/" + assetId);
        m.put("format_id", registration.map(Registration::formatId).orElse(null));
        m.put("file_set_id", registration.map(Registration::fileSetId).orElse(null));
        m.put("file_id", registration.map(Registration::fileId).orElse(null));
        m.put("renditions", pending.contains("RENDITIONS") ? "pending (a transcode or its upload is still to do)"
                : registration.isPresent() ? "none pending" : "not yet (after registration)");
        int uploads = trail.map(GatewayStatus.FileTrail::uploads).orElse(0);
        long bytes = trail.map(GatewayStatus.FileTrail::bytes).orElse(0L);
        m.put("uploads", uploads + " objects (" + bytes + " bytes) uploaded in this run"
                + (pending.contains("ORIGINAL") ? "; the original's upload is pending" : ""));
        m.put("pending_work", pending);
        m.put("failures", trail.map(GatewayStatus.FileTrail::failures).orElse(0));
        m.put("last_event", trail.filter(t -> !t.lastEvent().isEmpty()).map(t -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("at", t.lastAt().toString());
            e.put("what", t.lastEvent());
            return e;
        }).orElse(null));
        return Optional.of(m);
    }
}
