// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.github.iconiksdk.testkit.internal.Context.JOBS;

/** Jobs: create, read, update (with {@code merge_metadata}), steps, delete and query. */
final class JobApi {

    private static final List<String> ACTIONS = List.of("ABORT", "CHANGE_PRIORITY", "PAUSE", "RESTART", "RESUME");

    private final Context ctx;

    JobApi(Context ctx) {
        this.ctx = ctx;
    }

    void register(Router r) {
        r.add("POST", JOBS + "/jobs/", this::create);
        r.add("GET", JOBS + "/jobs/", this::list);
        r.add("GET", JOBS + "/jobs/{job_id}/", c -> Reply.json(200, job(c.param("job_id"))));
        r.add("PATCH", JOBS + "/jobs/{job_id}/", c -> update(c, true));
        r.add("PUT", JOBS + "/jobs/{job_id}/", c -> update(c, false));
        r.add("DELETE", JOBS + "/jobs/{job_id}/", this::delete);
        r.add("PATCH", JOBS + "/jobs/{job_id}/steps/", this::steps);
        r.add("PUT", JOBS + "/jobs/{job_id}/steps/", this::steps);
        r.add("PATCH", JOBS + "/jobs/{job_id}/steps/{job_step_id}/", c -> step(c, true));
        r.add("PUT", JOBS + "/jobs/{job_id}/steps/{job_step_id}/", c -> step(c, false));
        r.add("DELETE", JOBS + "/jobs/", this::deleteMany);
        r.add("PUT", JOBS + "/jobs/priority/", this::priority);
        r.add("PUT", JOBS + "/jobs/state/", this::state);
    }

    /**
     * Starts the DELETE job iconik makes when a gateway must delete files.
     *
     * @return its id
     */
    static String deleteJob(Context ctx, ObjectNode asset) {
        return gatewayJob(ctx, asset, "DELETE", "Delete files of " + Json.text(asset, "title"));
    }

    /**
     * Starts a job of an asset that a storage gateway carries out (a deletion, a transfer, a local transcode).
     *
     * @return its id
     */
    static String gatewayJob(Context ctx, ObjectNode asset, String type, String title) {
        ObjectNode j = Json.object();
        String now = Json.now();
        String assetId = Json.text(asset, "id");
        j.put("id", Context.newId());
        j.put("title", title);
        j.put("type", type);
        j.put("status", "STARTED");
        j.put("object_type", "assets");
        j.put("object_id", assetId);
        ObjectNode related = j.putArray("related_objects").addObject();
        related.put("object_type", "assets");
        related.put("object_id", assetId);
        j.put("created_by", ctx.userId());
        j.put("priority", 5);
        j.put("progress", 0);
        j.put("has_children", false);
        j.putArray("steps");
        j.put("started_at", now);
        j.put("date_created", now);
        j.put("date_modified", now);
        ctx.store.table(Store.JOBS).put(Json.text(j, "id"), j);
        return Json.text(j, "id");
    }

    /** Finishes a DELETE job once its gateway has acknowledged every deletion. */
    static void deletionDone(Context ctx, String jobId) {
        if (!ctx.store.where(Store.DELETIONS, "job_id", jobId).isEmpty()) {
            return;
        }
        ctx.store.get(Store.JOBS, jobId).ifPresent(j -> {
            j.put("status", "FINISHED");
            j.put("progress", 100);
            j.put("completed_at", Json.now());
            Context.touch(j);
        });
    }

    /** Ends a gateway's job: FINISHED, or FAILED when the gateway said it failed. */
    static void gatewayJobDone(Context ctx, String jobId, boolean failed) {
        if (jobId == null) {
            return;
        }
        ctx.store.get(Store.JOBS, jobId).ifPresent(j -> {
            j.put("status", failed ? "FAILED" : "FINISHED");
            j.put("progress", 100);
            j.put("completed_at", Json.now());
            Context.touch(j);
        });
    }

    private ObjectNode job(String id) {
        return ctx.store.get(Store.JOBS, id).orElseThrow(() -> ApiError.notFound("Job", id));
    }

    private static ObjectNode check(ObjectNode in) {
        JsonNode related = in.get("related_objects");
        if (related != null) {
            if (related.size() == 0) {
                throw ApiError.fields(Map.of("related_objects", "Shorter than minimum length 1."));
            }
            ArrayNode fixed = Json.array();
            related.forEach(o -> fixed.add(Shapes.RELATED_OBJECT.accept(o, "object_id", "object_type")));
            in.set("related_objects", fixed);
        }
        JsonNode action = in.get("action_context");
        if (action != null) {
            ObjectNode full = Json.object();
            for (String a : ACTIONS) {
                JsonNode v = action.get(a);
                ObjectNode value = full.putObject(a);
                if (v != null && v.isObject()) {
                    if (v.has("bulk")) {
                        value.put("bulk", v.get("bulk").asBoolean());
                    }
                    if (v.hasNonNull("url")) {
                        value.put("url", v.get("url").asText());
                    }
                }
            }
            in.set("action_context", full);
        }
        return in;
    }

    private static void progress(ObjectNode job) {
        long total = job.path("progress_total").asLong(0);
        long done = job.path("progress_processed").asLong(0);
        job.put("progress", total <= 0 ? 0 : (int) Math.min(100, done * 100 / total));
    }

    private Reply create(Call c) {
        ObjectNode in = check(Shapes.JOB.accept(c.json(), "title", "type", "status"));
        if (in.hasNonNull("parent_id")) {
            job(Json.text(in, "parent_id")).put("has_children", true);
        }
        ObjectNode j = Json.object();
        String now = Json.now();
        j.put("id", Context.newId());
        j.put("created_by", ctx.userId());
        j.put("priority", 5);
        j.put("has_children", false);
        j.putArray("steps");
        j.put("date_created", now);
        j.put("date_modified", now);
        j.setAll(in);
        progress(j);
        ctx.store.table(Store.JOBS).put(Json.text(j, "id"), j);
        return Reply.json(201, j);
    }

    private Reply update(Call c, boolean patch) {
        ObjectNode j = job(c.param("job_id"));
        ObjectNode in = check(patch ? Shapes.JOB.accept(c.json()) : Shapes.JOB.accept(c.json(), "title", "type",
                "status"));
        boolean merge = "true".equalsIgnoreCase(c.query("merge_metadata"));
        JsonNode metadata = in.remove("metadata");
        j.setAll(in);
        if (metadata != null) {
            if (merge && j.has("metadata") && j.get("metadata").isObject()) {
                ((ObjectNode) j.get("metadata")).setAll((ObjectNode) metadata);
            } else {
                j.set("metadata", metadata);
            }
        }
        String status = Json.text(j, "status");
        if (List.of("FINISHED", "FINISHED_WITH_WARNING", "FAILED", "ABORTED", "SKIPPED").contains(status)
                && !j.has("completed_at")) {
            j.put("completed_at", Json.now());
        }
        if ("STARTED".equals(status) && !j.has("started_at")) {
            j.put("started_at", Json.now());
        }
        progress(j);
        Context.touch(j);
        return Reply.json(200, j);
    }

    private Reply steps(Call c) {
        ObjectNode j = job(c.param("job_id"));
        JsonNode body = c.json();
        if (!body.path("steps").isArray()) {
            throw ApiError.fields(Map.of("steps", "Missing data for required field."));
        }
        ArrayNode current = j.withArray("steps");
        for (JsonNode s : body.get("steps")) {
            ObjectNode step = Shapes.JOB_STEP.accept(s, "label", "status");
            step.put("date_updated", Json.now());
            String id = Json.text(step, "id");
            boolean replaced = false;
            for (int i = 0; i < current.size() && id != null; i++) {
                if (id.equals(Json.text(current.get(i), "id"))) {
                    ((ObjectNode) current.get(i)).setAll(step);
                    replaced = true;
                }
            }
            if (!replaced) {
                if (id == null) {
                    step.put("id", Context.newId());
                }
                current.add(step);
            }
        }
        Context.touch(j);
        return Reply.json(200, j);
    }

    private static final Shape JOB_IDS = Shape.of("job_ids:[u]");
    private static final Shape JOBS_PRIORITY = Shape.of("job_ids:[u] priority:i");
    private static final Shape JOBS_STATE = Shape.of("job_ids:[u] action:e(PAUSE|RESUME|ABORT|RESTART)");

    /** @return the jobs named by a bulk body's {@code job_ids} (1 to 500), each checked to exist */
    private List<ObjectNode> jobs(ObjectNode in) {
        JsonNode ids = in.get("job_ids");
        if (ids.isEmpty() || ids.size() > 500) {
            throw ApiError.fields(Map.of("job_ids", "Length must be between 1 and 500."));
        }
        List<ObjectNode> out = new ArrayList<>();
        ids.forEach(id -> out.add(job(id.asText())));
        return out;
    }

    /** One step of a job, by id ({@code JobStepSchema}); answers the job, as iconik's spec says. */
    private Reply step(Call c, boolean patch) {
        ObjectNode j = job(c.param("job_id"));
        String stepId = c.param("job_step_id");
        ObjectNode in = patch ? Shapes.JOB_STEP.accept(c.json()) : Shapes.JOB_STEP.accept(c.json(), "label",
                "status");
        in.remove("id");
        for (JsonNode s : j.withArray("steps")) {
            if (stepId.equals(Json.text(s, "id"))) {
                ((ObjectNode) s).setAll(in);
                ((ObjectNode) s).put("date_updated", Json.now());
                Context.touch(j);
                return Reply.json(200, j);
            }
        }
        throw ApiError.notFound("Job step", stepId);
    }

    private Reply deleteMany(Call c) {
        for (ObjectNode j : jobs(JOB_IDS.accept(c.json(), "job_ids"))) {
            ctx.store.table(Store.JOBS).remove(Json.text(j, "id"));
        }
        return Reply.empty(204);
    }

    private Reply priority(Call c) {
        ObjectNode in = JOBS_PRIORITY.accept(c.json(), "job_ids", "priority");
        int p = in.get("priority").asInt();
        if (p < 1 || p > 10) {
            throw ApiError.fields(Map.of("priority", "Must be greater than or equal to 1 and less than or equal to"
                    + " 10."));
        }
        for (ObjectNode j : jobs(in)) {
            j.put("priority", p);
            Context.touch(j);
        }
        return Reply.empty(201);
    }

    private Reply state(Call c) {
        ObjectNode in = JOBS_STATE.accept(c.json(), "job_ids", "action");
        String action = Json.text(in, "action");
        for (ObjectNode j : jobs(in)) {
            ctx.jobs.changeState(j, action);
        }
        return Reply.empty(201);
    }

    private Reply delete(Call c) {
        job(c.param("job_id"));
        ctx.store.table(Store.JOBS).remove(c.param("job_id"));
        return Reply.empty(204);
    }

    private Reply list(Call c) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode j : ctx.store.table(Store.JOBS).values()) {
            boolean ok = true;
            for (String f : List.of("type", "status", "object_type", "object_id", "parent_id")) {
                String want = c.query(f);
                if (want != null && !List.of(want.split(",")).contains(Json.text(j, f))) {
                    ok = false;
                }
            }
            if (ok) {
                out.add(j);
            }
        }
        return Reply.json(200, Pages.page(c, out, 10, 100));
    }
}
