// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.api.NotFoundException;
import io.github.iconiksdk.api.metadata.FieldValue;
import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.core.client.Credentials;
import io.github.iconiksdk.core.client.Endpoint;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.MetadataWriteMode;
import io.github.iconiksdk.core.client.Paged;
import io.github.iconiksdk.core.client.model.Asset;
import io.github.iconiksdk.core.client.model.AssetCreate;
import io.github.iconiksdk.core.client.model.AssetFile;
import io.github.iconiksdk.core.client.model.AssetUpdate;
import io.github.iconiksdk.core.client.model.CollectionResource;
import io.github.iconiksdk.core.client.model.CollectionCreate;
import io.github.iconiksdk.core.client.model.ContentItem;
import io.github.iconiksdk.core.client.model.FileCreate;
import io.github.iconiksdk.core.client.model.FileDeletion;
import io.github.iconiksdk.core.client.model.FileSet;
import io.github.iconiksdk.core.client.model.FileSetCreate;
import io.github.iconiksdk.core.client.model.FileUpdate;
import io.github.iconiksdk.core.client.model.Format;
import io.github.iconiksdk.core.client.model.FormatCreate;
import io.github.iconiksdk.core.client.model.GatewayEvent;
import io.github.iconiksdk.core.client.model.GatewayReport;
import io.github.iconiksdk.core.client.model.TransferFromStorage;
import io.github.iconiksdk.core.client.model.TransferToStorage;
import io.github.iconiksdk.core.client.model.Job;
import io.github.iconiksdk.core.client.model.JobCreate;
import io.github.iconiksdk.core.client.model.JobUpdate;
import io.github.iconiksdk.core.client.model.Keyframe;
import io.github.iconiksdk.core.client.model.KeyframeCreate;
import io.github.iconiksdk.core.client.model.KeyframeUpdate;
import io.github.iconiksdk.core.client.model.MetadataFieldResource;
import io.github.iconiksdk.core.client.model.MetadataViewResource;
import io.github.iconiksdk.core.client.model.MultipartUrls;
import io.github.iconiksdk.core.client.model.PartUploadUrl;
import io.github.iconiksdk.core.client.model.ProxyResource;
import io.github.iconiksdk.core.client.model.ProxyCreate;
import io.github.iconiksdk.core.client.model.ProxyUpdate;
import io.github.iconiksdk.core.client.model.Storage;
import io.github.iconiksdk.core.client.model.StoragePurpose;
import io.github.iconiksdk.core.client.model.StorageUpdate;
import io.github.iconiksdk.core.resilience.ClientResilience;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

import static io.github.iconiksdk.core.client.internal.Query.segment;

/** The {@link IconikClient} implementation: paths, bodies and paging per iconik's specifications. */
public final class DefaultIconikClient implements IconikClient {

    private static final String FILES = "/API/files/v1/";
    private static final String ASSETS = "/API/assets/v1/";
    private static final String METADATA = "/API/metadata/v1/";
    private static final String JOBS = "/API/jobs/v1/";
    private static final String SEARCH = "/API/search/v1/";
    /** iconik caps several lists at 100 per page; asking for more would be cut silently. */
    private static final int PER_PAGE = 100;

    private final Transport transport;
    private final Credentials credentials;
    private final java.util.Optional<java.net.ProxySelector> proxy;

    /**
     * Creates a client; use {@link IconikClient#builder()}.
     *
     * @param http           the HTTP client
     * @param endpoint       the endpoint
     * @param credentials    the credentials
     * @param requestTimeout per-attempt timeout
     * @param policies       the client's retry, rate limiter, circuit breakers and scheduler
     * @param clock          wall clock
     * @param nanoClock      monotonic clock
     */
    public DefaultIconikClient(HttpClient http, Endpoint endpoint, Credentials credentials, Duration requestTimeout,
                               ClientPolicies policies, Clock clock, LongSupplier nanoClock) {
        this.credentials = credentials;
        this.proxy = http.proxy();
        this.transport = new Transport(http, endpoint, credentials, requestTimeout, policies, clock, nanoClock);
    }

    @Override
    public Endpoint endpoint() {
        return transport.endpoint();
    }

    @Override
    public ClientResilience resilience() {
        return transport.policies();
    }

    @Override
    public java.util.Optional<java.net.ProxySelector> proxy() {
        return proxy;
    }

    @Override
    public String toString() {
        return "IconikClient[endpoint=" + transport.endpoint() + ", appId=" + credentials.appId() + "]";
    }

    // ---- raw ----

    @Override
    public String send(String method, String pathAndQuery, String jsonBody) {
        byte[] body = null;
        if (jsonBody != null) {
            try {
                Json.mapper().readTree(jsonBody);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("the body is not JSON: " + e.getOriginalMessage(), e);
            }
            body = jsonBody.getBytes(StandardCharsets.UTF_8);
        }
        ApiResponse r = transport.execute(ApiRequest.of(normalise(method), pathAndQuery, body));
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Override
    public <T> T send(String method, String pathAndQuery, Object body, Class<T> responseType) {
        return call(ApiRequest.of(normalise(method), pathAndQuery, bytes(body)), responseType);
    }

    @Override
    public Paged<String> paginate(String pathAndQuery) {
        return new PagedList<>(transport, pathAndQuery, PageStyle.AUTO, 0, JsonNode::toString);
    }

    @Override
    public <T> Paged<T> paginate(String pathAndQuery, Class<T> itemType) {
        return list(pathAndQuery, PageStyle.AUTO, 0, itemType);
    }

    // ---- storages ----

    @Override
    public Storage getStorage(String storageId) {
        return get(FILES + "storages/" + segment(storageId) + "/", Storage.class);
    }

    @Override
    public Paged<Storage> listStorages() {
        return list(FILES + "storages/", PageStyle.PAGE, PER_PAGE, Storage.class);
    }

    @Override
    public Storage updateStorage(String storageId, StorageUpdate update) {
        return write("PATCH", FILES + "storages/" + segment(storageId) + "/", update, Storage.class);
    }

    @Override
    public Optional<Storage> matchingStorage(StoragePurpose purpose) {
        Objects.requireNonNull(purpose, "purpose");
        return findOptional(FILES + "storages/matching/" + segment(purpose.name()) + "/", Storage.class);
    }

    @Override
    public void putGatewayStatus(String storageId, String status) {
        Objects.requireNonNull(status, "status");
        write("PUT", FILES + "storages/" + segment(storageId) + "/gateway/status/", Map.of("status", status),
                Void.class);
    }

    @Override
    public void putGatewayReport(String storageId, GatewayReport report) {
        write("PUT", FILES + "storages/" + segment(storageId) + "/gateway/report/", report, Void.class);
    }

    @Override
    public Paged<GatewayEvent> gatewayEvents(String storageId) {
        return list(FILES + "storages/" + segment(storageId) + "/gateway/events/", PageStyle.PAGE, 0,
                GatewayEvent.class);
    }

    @Override
    public void acknowledgeGatewayEvent(String storageId, String eventId) {
        transport.execute(ApiRequest.of("DELETE", FILES + "storages/" + segment(storageId) + "/gateway/events/"
                + segment(eventId) + "/", null));
    }

    @Override
    public Paged<FileDeletion> pendingDeletions(String storageId) {
        return list(FILES + "storages/" + segment(storageId) + "/deletions_from/", PageStyle.LAST_ID, PER_PAGE,
                FileDeletion.class);
    }

    @Override
    public void acknowledgeDeletion(String storageId, String deletionId) {
        transport.execute(ApiRequest.of("DELETE", FILES + "storages/" + segment(storageId) + "/deletions/"
                + segment(deletionId) + "/", null));
    }

    @Override
    public Paged<TransferToStorage> transfersTo(String storageId) {
        return list(FILES + "storages/" + segment(storageId) + "/transfers_to/", PageStyle.LAST_ID, PER_PAGE,
                TransferToStorage.class);
    }

    @Override
    public Paged<TransferFromStorage> transfersFrom(String storageId) {
        return list(FILES + "storages/" + segment(storageId) + "/transfers_from/", PageStyle.LAST_ID, PER_PAGE,
                TransferFromStorage.class);
    }

    @Override
    public void acknowledgeTransferTo(String storageId, String transferId, boolean failed) {
        transport.execute(ApiRequest.of("DELETE", FILES + "storages/" + segment(storageId) + "/transfers_to/"
                + segment(transferId) + "/?" + (failed ? "failed=true" : "completed=true"), null));
    }

    @Override
    public void acknowledgeTransferFrom(String storageId, String transferId, boolean failed) {
        transport.execute(ApiRequest.of("DELETE", FILES + "storages/" + segment(storageId) + "/transfers_from/"
                + segment(transferId) + "/?" + (failed ? "failed=true" : "completed=true"), null));
    }

    @Override
    public String transferUrl(String transferId) {
        JsonNode answer = write("POST", FILES + "transfers/" + segment(transferId) + "/urls/", Map.of(),
                JsonNode.class);
        String url = answer == null ? null : answer.path("url").asText(null);
        if (url == null || url.isEmpty()) {
            throw new IconikException("iconik answered no url for transfer " + transferId);
        }
        return url;
    }

    @Override
    public void requestScan(String storageId, List<String> paths, List<String> files) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("paths", paths == null ? List.of() : List.copyOf(paths));
        body.put("files", files == null ? List.of() : List.copyOf(files));
        write("POST", FILES + "storages/" + segment(storageId) + "/scan/", body, Void.class);
    }

    // ---- assets ----

    @Override
    public Asset createAsset(AssetCreate asset) {
        Objects.requireNonNull(asset, "asset");
        String path = ASSETS + "assets/";
        if (asset.collectionId() != null) {
            path += "?assign_to_collection=true";
        }
        return write("POST", path, asset, Asset.class);
    }

    @Override
    public Asset getAsset(String assetId) {
        return get(ASSETS + "assets/" + segment(assetId) + "/", Asset.class);
    }

    @Override
    public Asset updateAsset(String assetId, AssetUpdate update) {
        return write("PATCH", ASSETS + "assets/" + segment(assetId) + "/", update, Asset.class);
    }

    @Override
    public List<Asset> findAssetsByExternalId(String externalId) {
        Objects.requireNonNull(externalId, "externalId");
        Map<String, Object> term = Map.of("name", "external_id", "value", externalId);
        Map<String, Object> body = Map.of("doc_types", List.of("assets"),
                "filter", Map.of("operator", "AND", "terms", List.of(term)));
        // A search is a read: safe to repeat, although it is a POST.
        ApiRequest request = new ApiRequest("POST", SEARCH + "search/?per_page=" + PER_PAGE, bytes(body), true);
        JsonNode root;
        try {
            root = Bodies.tree(request, transport.execute(request));
        } catch (NotFoundException e) {
            return List.of();
        }
        List<Asset> out = new ArrayList<>();
        for (JsonNode hit : root.path("objects")) {
            Asset a = Bodies.convert(request, hit, Asset.class);
            // iconik's search tokenises; keep exact matches only.
            if (externalId.equals(a.externalId())) {
                out.add(a);
            }
        }
        return List.copyOf(out);
    }

    // ---- formats, file sets, files ----

    @Override
    public Format createFormat(String assetId, FormatCreate format) {
        return write("POST", FILES + "assets/" + segment(assetId) + "/formats/", format, Format.class);
    }

    @Override
    public Optional<Format> findFormat(String assetId, String name) {
        return findOptional(FILES + "assets/" + segment(assetId) + "/formats/" + segment(name) + "/", Format.class);
    }

    @Override
    public Paged<Format> listFormats(String assetId) {
        return list(FILES + "assets/" + segment(assetId) + "/formats/", PageStyle.LAST_ID, PER_PAGE, Format.class);
    }

    @Override
    public FileSet createFileSet(String assetId, FileSetCreate fileSet) {
        return write("POST", FILES + "assets/" + segment(assetId) + "/file_sets/", fileSet, FileSet.class);
    }

    @Override
    public Paged<FileSet> listFileSets(String assetId) {
        return list(FILES + "assets/" + segment(assetId) + "/file_sets/", PageStyle.LAST_ID, PER_PAGE,
                FileSet.class);
    }

    @Override
    public AssetFile createFile(String assetId, FileCreate file) {
        return write("POST", FILES + "assets/" + segment(assetId) + "/files/", file, AssetFile.class);
    }

    @Override
    public AssetFile getFile(String assetId, String fileId) {
        return get(FILES + "assets/" + segment(assetId) + "/files/" + segment(fileId) + "/", AssetFile.class);
    }

    @Override
    public AssetFile refreshUploadUrl(String assetId, String fileId) {
        return get(FILES + "assets/" + segment(assetId) + "/files/" + segment(fileId)
                + "/?generate_signed_post_url=true", AssetFile.class);
    }

    @Override
    public AssetFile updateFile(String assetId, String fileId, FileUpdate update) {
        return write("PATCH", FILES + "assets/" + segment(assetId) + "/files/" + segment(fileId) + "/", update,
                AssetFile.class);
    }

    @Override
    public Paged<AssetFile> listFiles(String assetId) {
        return list(FILES + "assets/" + segment(assetId) + "/files/?generate_signed_url=false", PageStyle.LAST_ID,
                PER_PAGE, AssetFile.class);
    }

    @Override
    public Paged<AssetFile> filesByChecksum(String checksum) {
        return list(FILES + "files/checksum/" + segment(checksum) + "/", PageStyle.LAST_ID, PER_PAGE,
                AssetFile.class);
    }

    @Override
    public Paged<AssetFile> storageFiles(String storageId, String directoryPath, String name) {
        Objects.requireNonNull(directoryPath, "directoryPath");
        Map<String, String> q = new LinkedHashMap<>();
        q.put("directory_path", directoryPath);
        q.put("name", name);
        return list(Query.with(FILES + "storages/" + segment(storageId) + "/files/", q), PageStyle.PAGE, PER_PAGE,
                AssetFile.class);
    }

    @Override
    public boolean fileExistsOnStorage(String storageId, String directoryPath, String fileName) {
        Objects.requireNonNull(directoryPath, "directoryPath");
        Objects.requireNonNull(fileName, "fileName");
        // A lookup sent as POST: safe to repeat.
        ApiRequest request = new ApiRequest("POST", FILES + "files/storages/" + segment(storageId) + "/",
                bytes(Map.of("directory_path", directoryPath, "file_name", fileName)), true);
        try {
            transport.execute(request);
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    @Override
    public MultipartUrls multipartUrls(String assetId, String fileId, String uploadId) {
        return get(Query.with(FILES + "assets/" + segment(assetId) + "/files/" + segment(fileId) + "/multipart_url/",
                Map.of("upload_id", Objects.requireNonNull(uploadId, "uploadId"))), MultipartUrls.class);
    }

    @Override
    public Paged<PartUploadUrl> multipartPartUrls(String assetId, String fileId, String uploadId, int parts) {
        return partUrls(FILES + "assets/" + segment(assetId) + "/files/" + segment(fileId), uploadId, parts);
    }

    @Override
    public MultipartUrls proxyMultipartUrls(String assetId, String proxyId, String uploadId) {
        return get(Query.with(FILES + "assets/" + segment(assetId) + "/proxies/" + segment(proxyId)
                + "/multipart_url/", Map.of("upload_id", Objects.requireNonNull(uploadId, "uploadId"))),
                MultipartUrls.class);
    }

    @Override
    public Paged<PartUploadUrl> proxyMultipartPartUrls(String assetId, String proxyId, String uploadId, int parts) {
        return partUrls(FILES + "assets/" + segment(assetId) + "/proxies/" + segment(proxyId), uploadId, parts);
    }

    private Paged<PartUploadUrl> partUrls(String objectPath, String uploadId, int parts) {
        Objects.requireNonNull(uploadId, "uploadId");
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be at least 1, was " + parts);
        }
        Map<String, String> q = new LinkedHashMap<>();
        q.put("upload_id", uploadId);
        q.put("parts_num", Integer.toString(parts));
        return list(Query.with(objectPath + "/multipart_url/part/", q), PageStyle.PAGE, PER_PAGE,
                PartUploadUrl.class);
    }

    // ---- proxies, keyframes ----

    @Override
    public ProxyResource createProxy(String assetId, ProxyCreate proxy) {
        return write("POST", FILES + "assets/" + segment(assetId) + "/proxies/", proxy, ProxyResource.class);
    }

    @Override
    public ProxyResource updateProxy(String assetId, String proxyId, ProxyUpdate update) {
        return write("PATCH", FILES + "assets/" + segment(assetId) + "/proxies/" + segment(proxyId) + "/", update,
                ProxyResource.class);
    }

    @Override
    public Paged<ProxyResource> listProxies(String assetId) {
        return list(FILES + "assets/" + segment(assetId) + "/proxies/?generate_signed_url=false", PageStyle.LAST_ID,
                PER_PAGE, ProxyResource.class);
    }

    @Override
    public Keyframe createKeyframe(String assetId, KeyframeCreate keyframe) {
        return write("POST", FILES + "assets/" + segment(assetId) + "/keyframes/", keyframe, Keyframe.class);
    }

    @Override
    public Keyframe updateKeyframe(String assetId, String keyframeId, KeyframeUpdate update) {
        return write("PATCH", FILES + "assets/" + segment(assetId) + "/keyframes/" + segment(keyframeId) + "/",
                update, Keyframe.class);
    }

    @Override
    public Paged<Keyframe> listKeyframes(String assetId) {
        return list(FILES + "assets/" + segment(assetId) + "/keyframes/?generate_signed_url=false",
                PageStyle.LAST_ID, PER_PAGE, Keyframe.class);
    }

    // ---- metadata ----

    @Override
    public List<MetadataViewResource> listMetadataViews() {
        List<MetadataViewResource> out = new ArrayList<>();
        paginate(METADATA + "views/", MetadataViewResource.class).forEach(out::add);
        return List.copyOf(out);
    }

    @Override
    public MetadataViewResource getMetadataView(String viewId) {
        return get(METADATA + "views/" + segment(viewId) + "/?merge_fields=true", MetadataViewResource.class);
    }

    @Override
    public Paged<MetadataFieldResource> listMetadataFields() {
        return list(METADATA + "fields/", PageStyle.LAST_FIELD_NAME, PER_PAGE, MetadataFieldResource.class);
    }

    @Override
    public MetadataValues getMetadataValues(String assetId, String viewId) {
        String path = METADATA + "assets/" + segment(assetId) + "/views/" + segment(viewId) + "/";
        ApiRequest request = ApiRequest.of("GET", path, null);
        try {
            return toValues(request, Bodies.tree(request, transport.execute(request)));
        } catch (NotFoundException e) {
            // iconik answers 404 while the asset has no values in the view; the asset itself is checked by callers.
            return MetadataValues.empty();
        }
    }

    @Override
    public MetadataValues putMetadataValues(String assetId, String viewId, MetadataValues values,
                                            MetadataWriteMode mode) {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(mode, "mode");
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode fields = root.putObject("metadata_values");
        values.fields().forEach((name, list) -> {
            ObjectNode field = fields.putObject(name);
            ArrayNode array = field.putArray("field_values");
            list.forEach(v -> array.addObject().put("value", v.value()));
            field.put("mode", mode.name().toLowerCase(Locale.ROOT));
        });
        String path = METADATA + "assets/" + segment(assetId) + "/views/" + segment(viewId) + "/";
        ApiRequest request = new ApiRequest("PUT", path, bytes(root), mode != MetadataWriteMode.APPEND);
        return toValues(request, Bodies.tree(request, transport.execute(request)));
    }

    private static MetadataValues toValues(ApiRequest request, JsonNode root) {
        Map<String, List<FieldValue>> out = new LinkedHashMap<>();
        JsonNode fields = root.path("metadata_values");
        for (Map.Entry<String, JsonNode> f : fields.properties()) {
            List<FieldValue> vs = new ArrayList<>();
            for (JsonNode v : f.getValue().path("field_values")) {
                JsonNode value = v.get("value");
                if (value == null || value.isNull()) {
                    continue;
                }
                JsonNode score = v.get("score");
                vs.add(new FieldValue(value.isValueNode() ? value.asText() : value.toString(),
                        score != null && score.isNumber() ? score.asDouble() : null));
            }
            out.put(f.getKey(), vs);
        }
        return new MetadataValues(out);
    }

    // ---- collections ----

    @Override
    public CollectionResource createCollection(CollectionCreate collection) {
        return write("POST", ASSETS + "collections/", collection, CollectionResource.class);
    }

    @Override
    public CollectionResource getCollection(String collectionId) {
        return get(ASSETS + "collections/" + segment(collectionId) + "/", CollectionResource.class);
    }

    @Override
    public Paged<ContentItem> collectionContents(String collectionId) {
        return list(ASSETS + "collections/" + segment(collectionId) + "/contents/", PageStyle.PAGE, PER_PAGE,
                ContentItem.class);
    }

    @Override
    public void addToCollection(String collectionId, String objectId, String objectType) {
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(objectType, "objectType");
        ApiRequest request = new ApiRequest("POST", ASSETS + "collections/" + segment(collectionId) + "/contents/",
                bytes(Map.of("object_id", objectId, "object_type", objectType)), true);
        transport.execute(request);
    }

    // ---- jobs ----

    @Override
    public Job createJob(JobCreate job) {
        return write("POST", JOBS + "jobs/", job, Job.class);
    }

    @Override
    public Job getJob(String jobId) {
        return get(JOBS + "jobs/" + segment(jobId) + "/", Job.class);
    }

    @Override
    public Job updateJob(String jobId, JobUpdate update) {
        return write("PATCH", JOBS + "jobs/" + segment(jobId) + "/", update, Job.class);
    }

    // ---- helpers ----

    private <T> T get(String path, Class<T> type) {
        return call(ApiRequest.of("GET", path, null), type);
    }

    private <T> Optional<T> findOptional(String path, Class<T> type) {
        try {
            return Optional.ofNullable(get(path, type));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private <T> T write(String method, String path, Object body, Class<T> type) {
        Objects.requireNonNull(body, "body");
        return call(ApiRequest.of(method, path, bytes(body)), type);
    }

    private <T> T call(ApiRequest request, Class<T> type) {
        return Bodies.read(request, transport.execute(request), type);
    }

    private <T> Paged<T> list(String path, PageStyle style, int perPage, Class<T> type) {
        ApiRequest forMessages = ApiRequest.of("GET", path, null);
        return new PagedList<>(transport, path, style, perPage, node -> Bodies.convert(forMessages, node, type));
    }

    private static byte[] bytes(Object body) {
        if (body == null) {
            return null;
        }
        try {
            return Json.mapper().writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + body.getClass().getSimpleName() + " as JSON: "
                    + e.getMessage(), e);
        }
    }

    private static String normalise(String method) {
        Objects.requireNonNull(method, "method");
        String m = method.strip().toUpperCase(Locale.ROOT);
        if (!m.matches("[A-Z]+")) {
            throw new IllegalArgumentException("not an HTTP method: " + method);
        }
        return m;
    }
}
