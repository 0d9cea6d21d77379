// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the jobs the fake queues for work iconik does itself: {@code MEDIAINFO} (technical metadata on the file's
 * format), {@code TRANSCODE} (a proxy and keyframes of a file) and {@code KEYFRAMES} (keyframes of a proxy). A job
 * moves READY → STARTED at half its time and → FINISHED at its end, then creates what iconik would; with no time
 * set it stays READY until {@link #runAll()}. Jobs a client creates itself are the client's to move and are never
 * run. No thread of its own: time is looked at whenever the fake is asked something. Callers hold the store's
 * monitor.
 */
public final class JobRunner {

    /** Which work a queued job stands for. */
    enum Kind { MEDIAINFO, TRANSCODE, KEYFRAMES }

    private final Context ctx;
    private final Clock clock;
    private volatile Duration completeAfter;

    JobRunner(Context ctx, Clock clock, Duration completeAfter) {
        this.ctx = ctx;
        this.clock = clock;
        this.completeAfter = completeAfter;
    }

    /** @param after how long a queued job takes from READY to FINISHED, or null for never on its own */
    public void completeAfter(Duration after) {
        this.completeAfter = after;
    }

    /**
     * Queues a job for the fake's own work.
     *
     * @param asset the asset it works on
     * @param kind what it does
     * @param sourceId the file (MEDIAINFO, TRANSCODE) or proxy (KEYFRAMES) it reads
     * @param title its title
     * @param priority its priority, or null for iconik's default 5
     * @return the job's id
     */
    String queue(ObjectNode asset, Kind kind, String sourceId, String title, Integer priority) {
        ObjectNode j = Json.object();
        String now = Json.now();
        String assetId = Json.text(asset, "id");
        j.put("id", Context.newId());
        j.put("title", title);
        j.put("type", kind.name());
        j.put("status", "READY");
        j.put("object_type", "assets");
        j.put("object_id", assetId);
        j.putArray("related_objects").addObject().put("object_type", "assets").put("object_id", assetId);
        j.put("created_by", ctx.userId());
        j.put("priority", priority == null ? 5 : priority);
        j.put("progress", 0);
        j.put("has_children", false);
        j.putArray("steps");
        j.put("date_created", now);
        j.put("date_modified", now);
        String id = Json.text(j, "id");
        ctx.store.table(Store.JOBS).put(id, j);
        ObjectNode work = Json.object();
        work.put("kind", kind.name());
        work.put("asset_id", assetId);
        work.put("source_id", sourceId);
        work.put("queued_ms", clock.millis());
        ctx.store.table(Store.JOB_WORK).put(id, work);
        advance();
        return id;
    }

    /**
     * Moves every queued job as far as its time allows.
     *
     * @return whether some job changed
     */
    public boolean advance() {
        Duration after = completeAfter;
        if (after == null || ctx.store.table(Store.JOB_WORK).isEmpty()) {
            return false;
        }
        boolean changed = false;
        long now = clock.millis();
        long total = after.toMillis();
        for (String jobId : new ArrayList<>(ctx.store.table(Store.JOB_WORK).keySet())) {
            ObjectNode work = ctx.store.table(Store.JOB_WORK).get(jobId);
            if (!waiting(jobId, work)) {
                continue;
            }
            long elapsed = now - work.path("queued_ms").asLong();
            if (elapsed >= total) {
                finish(jobId, work);
                changed = true;
            } else if (elapsed * 2 >= total) {
                changed |= ctx.store.get(Store.JOBS, jobId).map(this::start).orElse(false);
            }
        }
        return changed;
    }

    /**
     * Finishes every queued job now, whatever its time.
     *
     * @return the ids of the jobs finished (or failed)
     */
    public List<String> runAll() {
        List<String> done = new ArrayList<>();
        for (String jobId : new ArrayList<>(ctx.store.table(Store.JOB_WORK).keySet())) {
            ObjectNode work = ctx.store.table(Store.JOB_WORK).get(jobId);
            if (waiting(jobId, work)) {
                finish(jobId, work);
                done.add(jobId);
            }
        }
        return done;
    }

    /** @return whether a job's work is still to do: not done, and the job not paused by a client */
    private boolean waiting(String jobId, ObjectNode work) {
        return !work.path("done").asBoolean(false) && !ctx.store.get(Store.JOBS, jobId)
                .map(j -> "PAUSED".equals(Json.text(j, "status"))).orElse(false);
    }

    /**
     * A client's {@code PAUSE}, {@code RESUME}, {@code ABORT} or {@code RESTART} of a job ({@code PUT jobs/state/}).
     * [I] iconik documents the actions, not their effect; the fake: PAUSE holds a READY, STARTED or WAITING job
     * ({@code PAUSED}) and stops its clock; RESUME makes it READY again, its clock going on where it stopped; ABORT
     * ends an unfinished job {@code ABORTED}; RESTART makes any job READY with its clock at zero, and the fake's own
     * jobs (mediainfo, transcode, keyframes) then run again. Jobs a client created itself only change status.
     *
     * @param job the job
     * @param action the action
     */
    void changeState(ObjectNode job, String action) {
        String jobId = Json.text(job, "id");
        String status = Json.text(job, "status");
        ObjectNode work = ctx.store.table(Store.JOB_WORK).get(jobId);
        long now = clock.millis();
        boolean ended = List.of("FINISHED", "FINISHED_WITH_WARNING", "FAILED", "ABORTED", "SKIPPED").contains(status);
        switch (action) {
            case "PAUSE" -> {
                if (List.of("READY", "STARTED", "WAITING").contains(status)) {
                    job.put("status", "PAUSED");
                    if (work != null) {
                        work.put("paused_ms", now);
                    }
                }
            }
            case "RESUME" -> {
                if ("PAUSED".equals(status)) {
                    job.put("status", "READY");
                    if (work != null && work.has("paused_ms")) {
                        work.put("queued_ms", work.path("queued_ms").asLong() + now - work.path("paused_ms")
                                .asLong());
                        work.remove("paused_ms");
                    }
                }
            }
            case "ABORT" -> {
                if (!ended) {
                    job.put("status", "ABORTED");
                    job.put("completed_at", Json.now());
                    if (work != null) {
                        work.put("done", true);
                    }
                }
            }
            default -> {
                job.put("status", "READY");
                job.put("progress", 0);
                job.remove(List.of("completed_at", "started_at", "error_message"));
                if (work != null) {
                    work.put("done", false);
                    work.put("queued_ms", now);
                    work.remove("paused_ms");
                }
            }
        }
        Context.touch(job);
        advance();
    }

    private boolean start(ObjectNode job) {
        if (!"READY".equals(Json.text(job, "status"))) {
            return false;
        }
        job.put("status", "STARTED");
        job.put("started_at", Json.now());
        job.put("progress", 50);
        Context.touch(job);
        return true;
    }

    private void finish(String jobId, ObjectNode work) {
        work.put("done", true); // kept, so that a RESTART can run it again
        ObjectNode job = ctx.store.get(Store.JOBS, jobId).orElse(null);
        if (job == null || !List.of("READY", "STARTED").contains(Json.text(job, "status"))) {
            return; // deleted, aborted or changed by a client meanwhile
        }
        start(job);
        String problem;
        try {
            problem = perform(Kind.valueOf(Json.text(work, "kind")), Json.text(work, "asset_id"),
                    Json.text(work, "source_id"));
        } catch (ApiError e) {
            problem = e.getMessage();
        }
        job.put("status", problem == null ? "FINISHED" : "FAILED");
        if (problem != null) {
            job.put("error_message", problem);
        }
        job.put("progress", 100);
        job.put("completed_at", Json.now());
        Context.touch(job);
    }

    /** @return null when done, else why the job failed */
    private String perform(Kind kind, String assetId, String sourceId) {
        ObjectNode asset = ctx.store.get(Store.ASSETS, assetId).orElse(null);
        if (asset == null || "DELETED".equals(Json.text(asset, "status"))) {
            return "Asset " + assetId + " no longer exists";
        }
        if (kind == Kind.KEYFRAMES) {
            ObjectNode proxy = ctx.store.get(Store.PROXIES, sourceId).orElse(null);
            if (proxy == null) {
                return "Proxy " + sourceId + " no longer exists";
            }
            keyframes(asset, baseName(Json.text(proxy, "name")));
            return null;
        }
        ObjectNode file = ctx.store.get(Store.FILES, sourceId).orElse(null);
        if (file == null) {
            return "File " + sourceId + " no longer exists";
        }
        String name = Json.text(file, "original_name") == null ? Json.text(file, "name")
                : Json.text(file, "original_name");
        if (kind == Kind.MEDIAINFO) {
            mediainfo(file, name);
        } else {
            proxy(asset, baseName(name));
            keyframes(asset, baseName(name));
        }
        return null;
    }

    private void mediainfo(ObjectNode file, String name) {
        String formatId = Json.text(file, "format_id");
        ObjectNode format = formatId == null ? null : ctx.store.get(Store.FORMATS, formatId).orElse(null);
        if (format == null) {
            throw ApiError.of(404, "File " + Json.text(file, "id") + " has no format to describe");
        }
        ObjectNode info = Json.object();
        String ext = extension(name);
        info.put("source", "mediainfo");
        info.put("file_name", name == null ? "" : name);
        info.put("file_extension", ext);
        info.put("file_size", String.valueOf(file.path("size").asLong(0)));
        info.put("internet_media_type", mediaType(ext));
        info.put("format", ext.isEmpty() ? "Unknown" : ext.toUpperCase(Locale.ROOT));
        format.putArray("metadata").add(info);
        Context.touch(format);
    }

    private void proxy(ObjectNode asset, String base) {
        ObjectNode storage = ctx.defaultStorage("PROXIES");
        ObjectNode p = rendition(asset, storage);
        p.put("name", base + ".mp4");
        p.put("filename", base + ".mp4");
        p.put("codec", "h264");
        p.put("format", "MP4");
        p.put("frame_rate", "25");
        p.put("bit_rate", 2_000_000);
        p.put("audio_bitrate", 128_000);
        p.putObject("resolution").put("width", 1280).put("height", 720);
        ctx.store.table(Store.PROXIES).put(Json.text(p, "id"), p);
    }

    private void keyframes(ObjectNode asset, String base) {
        ObjectNode storage = ctx.defaultStorage("KEYFRAMES");
        for (String type : List.of("KEYFRAME", "POSTER")) {
            ObjectNode k = rendition(asset, storage);
            String file = base + "_" + type.toLowerCase(Locale.ROOT) + ".jpg";
            k.put("type", type);
            k.put("name", file);
            k.put("filename", file);
            k.put("format", "JPEG");
            k.put("is_custom_keyframe", false);
            k.putObject("resolution").put("width", 1280).put("height", 720);
            ObjectNode tc = k.putObject("time_code");
            tc.put("frames_number", 0);
            tc.put("is_drop_frame", false);
            tc.putObject("time_base").put("numerator", 1).put("denominator", 25);
            ctx.store.table(Store.KEYFRAMES).put(Json.text(k, "id"), k);
        }
    }

    private static ObjectNode rendition(ObjectNode asset, ObjectNode storage) {
        ObjectNode o = Json.object();
        String now = Json.now();
        o.put("id", Context.newId());
        o.put("asset_id", Json.text(asset, "id"));
        o.put("status", "CLOSED");
        o.put("is_public", false);
        o.put("version_id", AssetApi.versionId(asset));
        o.put("date_created", now);
        o.put("date_modified", now);
        o.put("storage_id", Json.text(storage, "id"));
        o.put("storage_method", Json.text(storage, "method"));
        return o;
    }

    private static String baseName(String name) {
        if (name == null || name.isBlank()) {
            return "asset";
        }
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static String extension(String name) {
        if (name == null) {
            return "";
        }
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    private static String mediaType(String ext) {
        return switch (ext) {
            case "mov" -> "video/quicktime";
            case "mp4", "m4v" -> "video/mp4";
            case "mxf" -> "application/mxf";
            case "wav" -> "audio/wav";
            case "mp3" -> "audio/mpeg";
            case "jpg", "jpeg" -> "image/jpeg";
            case "png" -> "image/png";
            case "tif", "tiff" -> "image/tiff";
            case "pdf" -> "application/pdf";
            default -> "application/octet-stream";
        };
    }
}
