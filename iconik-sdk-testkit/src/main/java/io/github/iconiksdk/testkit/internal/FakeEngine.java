// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.iconiksdk.testkit.FaultKind;
import io.github.iconiksdk.testkit.RecordedRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The fake iconik itself, plugged into WireMock as a response-definition transformer that answers every request:
 * faults first, then authentication (App-ID and Auth-Token on {@code /API/} paths), then the route, under one lock
 * so that each request is applied atomically. Keeps the request journal.
 */
public final class FakeEngine implements ResponseDefinitionTransformerV2 {

    private static final Logger LOG = LoggerFactory.getLogger(FakeEngine.class);
    private static final int JOURNAL_LIMIT = 20_000;
    private static final long JOURNAL_BYTES_LIMIT = 64L * 1024 * 1024;

    private final Store store;
    private final Router router = new Router();
    private final Router control = new Router();
    private final RequestCounts counts = new RequestCounts();
    private final JobRunner jobs;
    private final Access access;
    private final FaultPlan faults;
    private final RateLimit rateLimit;
    private final Uploads uploads;
    private final Deque<RecordedRequest> journal = new ArrayDeque<>();
    private long journalChars;

    /**
     * Creates the engine.
     *
     * @param store the state
     * @param faults the fault plan
     * @param rateLimit the enforced request limit of iconik's API (upload URLs are not limited)
     * @param baseUrl the fake's own URL once it listens
     * @param clock the clock the fake's own jobs run by
     * @param jobsCompleteAfter how long the fake's own jobs take, or null for never on their own
     */
    public FakeEngine(Store store, FaultPlan faults, RateLimit rateLimit, Supplier<String> baseUrl,
                      java.time.Clock clock, java.time.Duration jobsCompleteAfter) {
        this.store = store;
        this.faults = faults;
        this.rateLimit = rateLimit;
        Context ctx = new Context(store, baseUrl);
        this.jobs = new JobRunner(ctx, clock, jobsCompleteAfter);
        ctx.jobs = jobs;
        this.uploads = new Uploads(ctx, faults, this::record);
        CollectionApi collections = new CollectionApi(ctx);
        AssetApi assets = new AssetApi(ctx, collections);
        collections.assets(assets);
        new StorageApi(ctx).register(router);
        new GatewayQueueApi(ctx, uploads).register(router);
        assets.register(router);
        collections.register(router);
        new FileApi(ctx, uploads).register(router);
        new RenditionApi(ctx, uploads).register(router);
        new MetadataApi(ctx).register(router);
        new JobApi(ctx).register(router);
        this.access = new Access(ctx);
        ctx.access = access;
        new AclApi(ctx, access).register(router);
        new UserApi(ctx, access).register(router);
        SearchApi search = new SearchApi(ctx, assets, collections);
        search.register(router);
        new SavedSearchApi(ctx, search).register(router);
        new ShareApi(ctx).register(router);
        new SegmentApi(ctx).register(router);
        new CategoryApi(ctx).register(router);
        new ExportLocationApi(ctx).register(router);
        new VersionApi(ctx, assets).register(router);
        new VersionContentsApi(ctx, assets).register(router);
        new DeleteQueueApi(ctx, assets, collections).register(router);
        new CollectionPathApi(ctx, collections).register(router);
        new PosterApi(ctx, uploads).register(router);
        new ReadBackApi(ctx).register(router);
        uploads.register(router);
        new ControlApi(store, faults, counts, this::clearJournal).register(control);
    }

    @Override
    public String getName() {
        return "iconik-fake";
    }

    /** Starts the server behind the upload URLs (bodies stream there, not through WireMock). */
    public void startUploads() {
        uploads.start();
    }

    /** Stops the server behind the upload URLs. */
    public void stopUploads() {
        uploads.stop();
    }

    /** @return every route the fake serves, as {@code METHOD template} */
    public List<String> routes() {
        List<String> out = new ArrayList<>();
        router.routes().forEach(r -> out.add(r.method() + " " + r.template()));
        return out;
    }

    /** @return the state (hold its monitor while reading it) */
    public Store store() {
        return store;
    }

    /** @return a copy of the request journal, oldest first */
    public List<RecordedRequest> journal() {
        synchronized (journal) {
            return List.copyOf(journal);
        }
    }

    /** Empties the request journal and the request counters. */
    public void clearJournal() {
        synchronized (journal) {
            journal.clear();
            journalChars = 0;
            counts.clear();
        }
    }

    /** @return the runner of the fake's own jobs (hold the store's monitor while using it) */
    public JobRunner jobs() {
        return jobs;
    }

    /**
     * Creates a user of the fake with an Auth-Token of its own, in a new group holding the given roles.
     *
     * @param email its email
     * @param roles the roles of its group, as iconik names them ({@code can_read_assets}, ...)
     * @return {@code [user id, group id, Auth-Token]}
     */
    public String[] createUser(String email, java.util.Collection<String> roles) {
        synchronized (store) {
            ObjectNode group = Json.object();
            String now = Json.now();
            String groupId = Context.newId();
            group.put("id", groupId);
            group.put("name", "Roles of " + email);
            roles.forEach(group.putArray("roles")::add);
            group.put("is_saml_group", false);
            group.put("date_created", now);
            group.put("date_modified", now);
            store.table(Store.GROUPS).put(groupId, group);
            ObjectNode user = Json.object();
            String userId = Context.newId();
            user.put("id", userId);
            user.put("email", email);
            user.put("first_name", email.contains("@") ? email.substring(0, email.indexOf('@')) : email);
            user.put("type", "STANDARD");
            user.put("status", "ACTIVE");
            user.put("is_admin", false);
            user.putArray("groups").add(groupId);
            user.putArray("system_domains").add(store.meta("system_domain_id"));
            user.put("system_domain_id", store.meta("system_domain_id"));
            user.put("date_created", now);
            user.put("date_modified", now);
            store.table(Store.USERS).put(userId, user);
            String token = tokenFor(userId);
            saveQuietly();
            return new String[] {userId, groupId, token};
        }
    }

    /**
     * Issues a new Auth-Token for an existing user.
     *
     * @param userId the user
     * @return the token
     * @throws IllegalArgumentException when there is no such user
     */
    public String tokenFor(String userId) {
        synchronized (store) {
            if (store.get(Store.USERS, userId).isEmpty()) {
                throw new IllegalArgumentException("the fake iconik has no user " + userId);
            }
            byte[] b = new byte[32];
            new java.security.SecureRandom().nextBytes(b);
            String token = java.util.HexFormat.of().formatHex(b);
            ObjectNode t = Json.object();
            t.put("user_id", userId);
            store.table(Store.TOKENS).put(token, t);
            saveQuietly();
            return token;
        }
    }

    /** @return the request counters (every request answered since start or the last clear, never trimmed) */
    public RequestCounts counts() {
        return counts;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request req = serveEvent.getRequest();
        String method = req.getMethod().getName().toUpperCase(Locale.ROOT);
        Call call = new Call(method, req.getUrl(), req.getBody(), req::getHeader);
        synchronized (store) {
            store.settle(); // no request holds a row of the store now
            if (jobs.advance()) {
                saveQuietly();
            }
        }
        if (ControlApi.isControl(call.path())) {
            Reply answer = control(call, req.getClientIp());
            return toDefinition(answer, answer.body() == null ? null : answer.body().toString(), 0);
        }
        FaultPlan.Decision decision = faults.decide(method, call.path());
        FaultKind fault = decision.fault();
        Router.Match match = router.find(method, call.path());
        String route = match.route() == null ? null : match.route().template();
        Reply reply;
        boolean applied = false;
        long wait = call.path().startsWith("/API/") ? rateLimit.acquire() : 0;
        if (wait > 0) {
            fault = null;
            reply = Reply.json(429, ApiError.of(429, "Too many requests").body())
                    .header("Retry-After", String.valueOf(wait));
        } else if (fault == FaultKind.SERVER_ERROR) {
            reply = Reply.json(faults.serverErrorStatus(), ApiError.of(503, "Service temporarily unavailable")
                    .body());
        } else if (fault == FaultKind.RATE_LIMITED) {
            reply = Reply.json(429, ApiError.of(429, "Too many requests").body()).header("Retry-After", "1");
        } else if (fault == FaultKind.RESET_BEFORE_APPLY) {
            reply = null;
        } else {
            synchronized (store) {
                reply = handle(call, match);
                applied = reply.status() < 400;
                if (applied && !method.equals("GET")) {
                    saveQuietly();
                }
            }
        }
        boolean reset = fault == FaultKind.RESET_BEFORE_APPLY || fault == FaultKind.RESET_AFTER_APPLY;
        // The answer's JSON, written once for the journal and the wire.
        String json = reset || reply.body() == null ? null : reply.body().toString();
        record(call, req, route, reset ? 0 : reply.status(), fault, applied, json);
        long delay = decision.latency().toMillis();
        if (reset) {
            var b = ResponseDefinitionBuilder.responseDefinition()
                    .withFault(Fault.CONNECTION_RESET_BY_PEER);
            if (delay > 0) {
                b.withFixedDelay((int) delay);
            }
            return b.build();
        }
        return toDefinition(reply, json, delay);
    }

    private void saveQuietly() {
        try {
            store.save();
        } catch (RuntimeException e) {
            LOG.warn("The fake iconik could not save its state: {}", e.getMessage());
        }
    }

    private static ResponseDefinition toDefinition(Reply reply, String json, long delay) {
        var b = ResponseDefinitionBuilder.responseDefinition()
                .withStatus(reply.status());
        List<HttpHeader> headers = new ArrayList<>();
        reply.headers().forEach((k, v) -> headers.add(new HttpHeader(k, v)));
        if (reply.body() != null) {
            headers.add(new HttpHeader("Content-Type", "application/json"));
            b.withBody(json.getBytes(StandardCharsets.UTF_8));
        } else if (reply.raw() != null) {
            b.withBody(reply.raw());
        }
        b.withHeaders(new HttpHeaders(headers));
        if (delay > 0) {
            b.withFixedDelay((int) delay);
        }
        return b.build();
    }

    /**
     * Answers one request (no faults): authentication, then the route.
     *
     * @param call the request
     * @param match its route
     * @return the answer
     */
    private Reply handle(Call call, Router.Match match) {
        try {
            if (call.path().startsWith("/API/")) {
                String user = authenticate(call);
                if (user == null) {
                    return Reply.json(401, ApiError.of(401, "Token is invalid or missing: send App-ID and"
                            + " Auth-Token").body());
                }
                call.user(user);
            }
            if (match.route() == null) {
                if (match.pathKnown()) {
                    return Reply.json(405, ApiError.of(405, "Method " + call.method() + " not allowed on "
                            + call.path()).body());
                }
                return Reply.json(404, ApiError.of(404, "The fake iconik does not serve " + call.method() + " "
                        + call.path()).body());
            }
            call.params(match.params());
            if (call.userId() != null) {
                access.authorize(call, match.route().template());
            }
            return match.route().handler().apply(call);
        } catch (ApiError e) {
            return Reply.json(e.status(), e.body());
        } catch (RuntimeException e) {
            LOG.error("The fake iconik failed on {} {}", call.method(), call.path(), e);
            return Reply.json(500, ApiError.of(500, "Internal error of the fake iconik: " + e).body());
        }
    }

    /** Answers a request of the control surface: loopback callers only, no faults, not journalled or counted. */
    private Reply control(Call call, String clientIp) {
        try {
            if (!loopback(clientIp)) {
                return Reply.json(403, ApiError.of(403, "The fake's control surface answers loopback callers only")
                        .body());
            }
            Router.Match match = this.control.find(call.method(), call.path());
            if (match.route() == null) {
                return Reply.json(match.pathKnown() ? 405 : 404, ApiError.of(match.pathKnown() ? 405 : 404,
                        "The fake's control surface has no " + call.method() + " " + call.path()).body());
            }
            call.params(match.params());
            return match.route().handler().apply(call);
        } catch (ApiError e) {
            return Reply.json(e.status(), e.body());
        } catch (RuntimeException e) {
            LOG.error("The fake iconik failed on {} {}", call.method(), call.path(), e);
            return Reply.json(500, ApiError.of(500, "Internal error of the fake iconik: " + e).body());
        }
    }

    private static boolean loopback(String ip) {
        if (ip == null) {
            return false;
        }
        String a = ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
        return a.startsWith("127.") || a.equals("::1") || a.equals("0:0:0:0:0:0:0:1") || a.equals("localhost");
    }

    /** @return the id of the user whose Auth-Token the request carries (with the right App-ID), or null */
    private String authenticate(Call call) {
        if (!same(call.header("App-ID"), store.meta("app_id"))) {
            return null;
        }
        String token = call.header("Auth-Token");
        if (same(token, store.meta("auth_token"))) {
            return store.meta("user_id");
        }
        ObjectNode t = token == null ? null : store.table(Store.TOKENS).get(token);
        if (t == null) {
            return null;
        }
        ObjectNode u = store.table(Store.USERS).get(Json.text(t, "user_id"));
        return u != null && "ACTIVE".equals(Json.text(u, "status")) ? Json.text(u, "id") : null;
    }

    /**
     * Turns the checks of roles and ACLs on or off for users other than the ready-made administrator.
     *
     * @param on whether to check
     */
    public void enforcePermissions(boolean on) {
        access.enforce(on);
    }

    private static boolean same(String given, String expected) {
        return given != null && expected != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds a request served outside WireMock (the upload server's) to the journal. */
    private void record(RecordedRequest r) {
        synchronized (journal) {
            counts.add(r.method(), r.path(), r.status());
            journal.addLast(r);
            journalChars += size(r);
            while (journal.size() > JOURNAL_LIMIT || (journalChars * 2 > JOURNAL_BYTES_LIMIT && journal.size() > 1)) {
                journalChars -= size(journal.removeFirst());
            }
        }
    }

    private static long size(RecordedRequest r) {
        return r.requestBody().length() + r.responseBody().length() + r.path().length() + r.query().length();
    }

    private void record(Call call, Request req, String route, int status, FaultKind fault, boolean applied,
                        String json) {
        String url = req.getUrl();
        int q = url.indexOf('?');
        String contentType = req.getHeader("Content-Type");
        boolean text = contentType == null || contentType.contains("json") || contentType.startsWith("text");
        String requestBody = text && !call.path().startsWith(Uploads.PREFIX)
                ? new String(req.getBody() == null ? new byte[0] : req.getBody(), StandardCharsets.UTF_8) : "";
        String responseBody = json == null ? "" : json;
        RecordedRequest r = new RecordedRequest(Instant.now(), call.method(), call.path(),
                q < 0 ? "" : url.substring(q + 1), route, status, fault, applied, requestBody, responseBody);
        synchronized (journal) {
            counts.add(call.method(), call.path(), status);
            journal.addLast(r);
            journalChars += size(r);
            while (journal.size() > JOURNAL_LIMIT || (journalChars * 2 > JOURNAL_BYTES_LIMIT && journal.size() > 1)) {
                journalChars -= size(journal.removeFirst());
            }
        }
    }
}
