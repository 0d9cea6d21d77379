// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jobs the fake queues for its own work run and create what iconik would. */
class FakeJobsTest {

    private static final String F = "/API/files/v1";
    private static final String A = "/API/assets/v1";
    private static final String J = "/API/jobs/v1";

    /** A clock a test moves by hand. */
    static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-12-04T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final List<FakeIconik> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(FakeIconik::stop);
    }

    private FakeIconik start(FakeIconik.Builder b) {
        FakeIconik f = b.build().start();
        started.add(f);
        return f;
    }

    /** An asset with an ORIGINAL format, a file set and a closed file on the default cloud storage. */
    private record Original(String assetId, String formatId, String fileId) {
    }

    private static Original original(Http http, String name) {
        String assetId = http.post(A + "/assets/", Map.of("title", name)).json().get("id").asText();
        String a = F + "/assets/" + assetId;
        String formatId = http.post(a + "/formats/", Map.of("name", "ORIGINAL")).json().get("id").asText();
        String fsId = http.post(a + "/file_sets/", Map.of("format_id", formatId, "name", name)).json().get("id")
                .asText();
        JsonNode file = http.post(a + "/files/", Map.of("original_name", name, "file_set_id", fsId, "size", 42,
                "status", "CLOSED")).json();
        return new Original(assetId, formatId, file.get("id").asText());
    }

    private static String status(Http http, String jobId) {
        return http.get(J + "/jobs/" + jobId + "/").json().get("status").asText();
    }

    @Test
    void transcodeJob_staysReadyByDefault_andRunJobsCreatesProxyAndKeyframes() {
        FakeIconik fake = start(FakeIconik.builder());
        Http http = Http.of(fake);
        Original o = original(http, "clip.mov");
        Http.Answer answer = http.post(F + "/assets/" + o.assetId() + "/files/" + o.fileId() + "/keyframes/", Map.of());
        String jobId = answer.json().get("job_id").asText();
        assertEquals("READY", status(http, jobId));
        assertEquals(0, fake.proxies(o.assetId()).size());

        assertEquals(List.of(jobId), fake.runJobs());

        JsonNode job = http.get(J + "/jobs/" + jobId + "/").json();
        assertEquals("FINISHED", job.get("status").asText());
        assertEquals("TRANSCODE", job.get("type").asText());
        assertEquals(100, job.get("progress").asInt());
        assertTrue(job.has("started_at") && job.has("completed_at"));
        JsonNode proxies = http.get(F + "/assets/" + o.assetId() + "/proxies/").json().get("objects");
        assertEquals(1, proxies.size());
        assertEquals("CLOSED", proxies.get(0).get("status").asText());
        assertEquals(fake.defaultStorageId("PROXIES"), proxies.get(0).get("storage_id").asText());
        assertEquals("clip.mp4", proxies.get(0).get("name").asText());
        List<String> types = new ArrayList<>();
        fake.keyframes(o.assetId()).forEach(k -> types.add(k.get("type").asText()));
        assertEquals(List.of("KEYFRAME", "POSTER"), types);
        fake.keyframes(o.assetId()).forEach(k -> assertEquals(fake.defaultStorageId("KEYFRAMES"),
                k.get("storage_id").asText()));
        assertEquals(List.of(), fake.runJobs(), "a finished job is not run twice");
    }

    @Test
    void clientStateActions_pauseHoldsTheClock_resumeGoesOn_abortEnds_restartRunsAgain() {
        ManualClock clock = new ManualClock();
        FakeIconik fake = start(FakeIconik.builder().clock(clock).jobsCompleteAfter(Duration.ofSeconds(10)));
        Http http = Http.of(fake);
        Original o = original(http, "clip.mov");
        String jobId = http.post(F + "/assets/" + o.assetId() + "/files/" + o.fileId() + "/keyframes/", Map.of())
                .json().get("job_id").asText();
        clock.advance(Duration.ofSeconds(4));
        assertEquals(201, http.put(J + "/jobs/state/", Map.of("job_ids", List.of(jobId), "action", "PAUSE"))
                .status());
        clock.advance(Duration.ofSeconds(60));
        assertEquals("PAUSED", status(http, jobId));
        assertEquals(List.of(), fake.runJobs(), "a paused job is not run");
        assertEquals(0, fake.proxies(o.assetId()).size());

        http.put(J + "/jobs/state/", Map.of("job_ids", List.of(jobId), "action", "RESUME"));
        assertEquals("READY", status(http, jobId));
        clock.advance(Duration.ofSeconds(5)); // 4 + 5 of 10 seconds: the paused minute did not count
        assertEquals("STARTED", status(http, jobId));
        clock.advance(Duration.ofSeconds(1));
        assertEquals("FINISHED", status(http, jobId));
        assertEquals(1, fake.proxies(o.assetId()).size());

        http.put(J + "/jobs/state/", Map.of("job_ids", List.of(jobId), "action", "RESTART"));
        assertEquals("READY", status(http, jobId));
        clock.advance(Duration.ofSeconds(10));
        assertEquals("FINISHED", status(http, jobId));
        assertEquals(2, fake.proxies(o.assetId()).size(), "a restarted transcode makes its proxy again");

        String other = http.post(F + "/assets/" + o.assetId() + "/files/" + o.fileId() + "/mediainfo/", Map.of())
                .json().get("job_id").asText();
        http.put(J + "/jobs/state/", Map.of("job_ids", List.of(other), "action", "ABORT"));
        clock.advance(Duration.ofSeconds(20));
        assertEquals("ABORTED", status(http, other));
        assertEquals(0, http.get(F + "/assets/" + o.assetId() + "/formats/" + o.formatId() + "/").json()
                .get("metadata").size(), "an aborted mediainfo job wrote nothing");
        assertEquals(400, http.put(J + "/jobs/state/", Map.of("job_ids", List.of(other), "action", "STOP"))
                .status());
        assertEquals(404, http.put(J + "/jobs/priority/", Map.of("job_ids",
                List.of(java.util.UUID.randomUUID().toString()), "priority", 3)).status());
    }

    @Test
    void mediainfoJob_putsTechnicalMetadataOnTheFilesFormat() {
        FakeIconik fake = start(FakeIconik.builder().jobsCompleteAfter(Duration.ZERO));
        Http http = Http.of(fake);
        Original o = original(http, "clip.mov");
        String jobId = http.post(F + "/assets/" + o.assetId() + "/files/" + o.fileId() + "/mediainfo/", Map.of())
                .json().get("job_id").asText();
        assertEquals("FINISHED", status(http, jobId));
        JsonNode metadata = http.get(F + "/assets/" + o.assetId() + "/formats/" + o.formatId() + "/").json()
                .get("metadata");
        assertEquals(1, metadata.size());
        assertEquals("video/quicktime", metadata.get(0).get("internet_media_type").asText());
        assertEquals("42", metadata.get(0).get("file_size").asText());
    }

    @Test
    void withCompleteAfter_jobsMoveReadyStartedFinished_asTimePasses() {
        ManualClock clock = new ManualClock();
        FakeIconik fake = start(FakeIconik.builder().clock(clock).jobsCompleteAfter(Duration.ofSeconds(10)));
        Http http = Http.of(fake);
        Original o = original(http, "clip.mov");
        String proxyId = http.post(F + "/assets/" + o.assetId() + "/proxies/", Map.of("name", "p.mp4")).json()
                .get("id").asText();
        String jobId = http.post(F + "/assets/" + o.assetId() + "/proxies/" + proxyId + "/keyframes/", Map.of())
                .json().get("job_id").asText();
        assertEquals("READY", status(http, jobId));
        clock.advance(Duration.ofSeconds(5));
        assertEquals("STARTED", status(http, jobId));
        assertEquals(0, fake.keyframes(o.assetId()).size());
        clock.advance(Duration.ofSeconds(5));
        assertEquals("FINISHED", status(http, jobId));
        assertEquals(2, fake.keyframes(o.assetId()).size());
    }

    @Test
    void jobWhoseFileIsGone_fails_andClientJobsAreNeverRun() {
        FakeIconik fake = start(FakeIconik.builder());
        Http http = Http.of(fake);
        Original o = original(http, "clip.mov");
        String a = F + "/assets/" + o.assetId();
        String jobId = http.post(a + "/files/" + o.fileId() + "/keyframes/", Map.of()).json().get("job_id").asText();
        assertEquals(204, http.delete(a + "/files/" + o.fileId() + "/").status());
        String clientJob = http.post(J + "/jobs/", Map.of("title", "mine", "type", "TRANSCODE", "status", "READY"))
                .json().get("id").asText();

        assertEquals(List.of(jobId), fake.runJobs());

        JsonNode job = http.get(J + "/jobs/" + jobId + "/").json();
        assertEquals("FAILED", job.get("status").asText());
        assertTrue(job.get("error_message").asText().contains(o.fileId()));
        assertEquals("READY", status(http, clientJob));
        assertEquals(0, fake.proxies(o.assetId()).size());
    }

    @Test
    void jobsCompleteAfter_setLater_finishesWaitingJobs() {
        FakeIconik fake = start(FakeIconik.builder());
        Http http = Http.of(fake);
        Original o = original(http, "clip.mov");
        String jobId = http.post(F + "/assets/" + o.assetId() + "/files/" + o.fileId() + "/keyframes/", Map.of())
                .json().get("job_id").asText();
        fake.jobsCompleteAfter(Duration.ZERO);
        assertEquals("FINISHED", status(http, jobId));
        assertEquals(1, fake.proxies(o.assetId()).size());
    }
}
