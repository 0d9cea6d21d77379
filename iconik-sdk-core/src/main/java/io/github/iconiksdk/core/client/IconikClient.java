// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client;

import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.core.client.internal.ClientPolicies;
import io.github.iconiksdk.core.client.internal.CredentialLimiter;
import io.github.iconiksdk.core.client.internal.DefaultIconikClient;
import io.github.iconiksdk.core.client.internal.RateLimiters;
import io.github.iconiksdk.core.client.internal.Schedulers;
import io.github.iconiksdk.core.client.internal.Sleeper;
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
import io.github.iconiksdk.core.resilience.IconikResilience;
import io.github.iconiksdk.core.resilience.ResilienceListener;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/**
 * A typed client for iconik's REST API, safe to share between threads. Build one with {@link #builder()}.
 *
 * <p>Every call sends {@code App-ID} and {@code Auth-Token} and goes through Resilience4j policies
 * ({@link #resilience()}): a {@code Retry} ({@link RetryOptions} or a {@code RetryConfig}), the circuit breaker of
 * its endpoint family, and the rate limiter shared by every client of the credential ({@link RateLimitOptions} or a
 * {@code RateLimiterConfig}). It is retried as follows:
 * <ul>
 *   <li>a 429 and a refused connection are retried for every method (iconik did not process the request), after
 *       iconik's {@code Retry-After} (seconds or an HTTP date) when it sent one;</li>
 *   <li>500, 502, 503, 504, a read timeout and a lost connection are retried only for idempotent requests (GET, PUT,
 *       PATCH, DELETE, and reads sent as POST such as search). A POST that creates something and fails this way
 *       throws {@link OutcomeUnknownException}: iconik may have applied it, so look it up before resending;</li>
 *   <li>every other status is final, and is re-checked on each attempt;</li>
 *   <li>no wait ends past the request's time budget, and a 429 pauses every caller of the credential.</li>
 * </ul>
 * While every recent attempt to an endpoint family failed (iconik down), its circuit breaker is open and calls
 * fail fast with {@link IconikUnavailableException} without being sent; it lets a probe through after a few
 * seconds and closes on its own when iconik answers.
 * Errors map to {@link io.github.iconiksdk.api.NotFoundException} (404),
 * {@link io.github.iconiksdk.api.AuthenticationException} (401, 403),
 * {@link io.github.iconiksdk.api.ConflictException} (409), {@link io.github.iconiksdk.api.RateLimitedException}
 * (429 after the retries) and {@link io.github.iconiksdk.api.IconikServiceException} for the rest, including a
 * 2xx answer that is not the JSON expected; transport failures to
 * {@link io.github.iconiksdk.api.IconikClientException}. Every method may throw them; only the ones a caller
 * handles specially are listed per method. Lists come back as lazy {@link Paged} views. The token never appears
 * in logs, exception messages or {@code toString()}.
 */
public interface IconikClient {

    /** @return a builder; endpoint and credentials are required */
    static Builder builder() {
        return new Builder();
    }

    /** @return the endpoint this client talks to */
    Endpoint endpoint();

    /**
     * The Resilience4j policies this client runs with: its retry, its credential's rate limiter and its circuit
     * breakers by endpoint family, to show state (is iconik failing?), add listeners or bind metrics.
     *
     * @return the client's policies
     */
    ClientResilience resilience();

    /**
     * The proxy this client reaches iconik through (set with {@link Builder#proxy} or carried by the
     * {@link Builder#httpClient} given), for the other HTTP traffic of the same program to take the same way:
     * uploads to the URLs iconik hands out, a sidecar conversion service. A network that needs a proxy for iconik
     * needs it for those too.
     *
     * @return the proxy selector, or empty when requests go direct
     */
    default Optional<java.net.ProxySelector> proxy() {
        return Optional.empty();
    }

    // ---- raw calls ------------------------------------------------------------------------------------------

    /**
     * Sends one request and returns the answer's body as text, like {@code gh api}.
     *
     * @param method       the HTTP method ({@code GET}, {@code POST}, …)
     * @param pathAndQuery a path such as {@code /API/assets/v1/assets/}, with an optional query
     * @param jsonBody     a JSON body, or {@code null}
     * @return the body of the 2xx answer, {@code ""} when it had none
     * @throws IllegalArgumentException if the path does not start with {@code /} or the body is not JSON
     */
    String send(String method, String pathAndQuery, String jsonBody);

    /**
     * Sends one request with a body serialised from an object and reads the answer as {@code responseType}.
     *
     * @param method       the HTTP method
     * @param pathAndQuery the path and optional query
     * @param body         the body (a model, a map, …), or {@code null}
     * @param responseType the type to read (use {@code Void.class} to ignore the body)
     * @param <T>          the response type
     * @return the answer, or {@code null} when it had no body
     * @throws IllegalArgumentException if the path does not start with {@code /}
     */
    <T> T send(String method, String pathAndQuery, Object body, Class<T> responseType);

    /**
     * Lists every object of a list endpoint as compact JSON text, one element per object, following
     * {@code next_url} (or {@code page}/{@code pages}) lazily.
     *
     * @param pathAndQuery the list path and optional query
     * @return the lazy list
     */
    Paged<String> paginate(String pathAndQuery);

    /**
     * Lists every object of a list endpoint, read as {@code itemType}, lazily.
     *
     * @param pathAndQuery the list path and optional query
     * @param itemType     the item type
     * @param <T>          the item type
     * @return the lazy list
     */
    <T> Paged<T> paginate(String pathAndQuery, Class<T> itemType);

    // ---- storages and the gateway ----------------------------------------------------------------------------

    /**
     * Reads a storage and its settings.
     *
     * @param storageId the storage
     * @return the storage
     * @throws io.github.iconiksdk.api.NotFoundException if there is no such storage
     */
    Storage getStorage(String storageId);

    /** @return every storage the credentials can see */
    Paged<Storage> listStorages();

    /**
     * Changes only the fields set in {@code update}.
     *
     * @param storageId the storage
     * @param update    the fields to change
     * @return the storage as iconik now holds it
     */
    Storage updateStorage(String storageId, StorageUpdate update);

    /**
     * Finds the storage iconik would pick for a purpose (for example where proxies go).
     *
     * @param purpose the purpose
     * @return the storage, or empty when none matches
     */
    Optional<Storage> matchingStorage(StoragePurpose purpose);

    /**
     * Reports the gateway's status on its storage (needs the {@code is_storage_worker} role).
     *
     * @param storageId the storage
     * @param status    the status text
     */
    void putGatewayStatus(String storageId, String status);

    /**
     * Sends the gateway's report for its storage.
     *
     * @param storageId the storage
     * @param report    the report
     */
    void putGatewayReport(String storageId, GatewayReport report);

    /**
     * The events iconik has queued for the gateway of a storage (one answer's worth; ask again later for more).
     *
     * @param storageId the storage
     * @return the pending events, possibly none
     */
    Paged<GatewayEvent> gatewayEvents(String storageId);

    /**
     * Removes an event from the queue once the gateway has handled it.
     *
     * @param storageId the storage
     * @param eventId   the event
     */
    void acknowledgeGatewayEvent(String storageId, String eventId);

    /**
     * The files iconik asks the gateway to delete from its storage.
     *
     * @param storageId the storage
     * @return the pending deletions, possibly none
     */
    Paged<FileDeletion> pendingDeletions(String storageId);

    /**
     * Tells iconik that the gateway handled a deletion ({@code DELETE storages/{id}/deletions/{deletion_id}/}),
     * which takes it off the queue and, once all of its job's deletions are handled, ends the job.
     *
     * @param storageId  the storage
     * @param deletionId the deletion ({@link FileDeletion#id()})
     * @throws io.github.iconiksdk.api.NotFoundException if iconik no longer has it (already acknowledged)
     */
    void acknowledgeDeletion(String storageId, String deletionId);

    /**
     * The copies iconik asks the gateway to bring into its storage ({@code GET storages/{id}/transfers_to/}).
     *
     * @param storageId the gateway's storage
     * @return the pending transfers, possibly none
     */
    Paged<TransferToStorage> transfersTo(String storageId);

    /**
     * The copies iconik asks the gateway to send out of its storage ({@code GET storages/{id}/transfers_from/}).
     *
     * @param storageId the gateway's storage
     * @return the pending transfers, possibly none
     */
    Paged<TransferFromStorage> transfersFrom(String storageId);

    /**
     * Takes a transfer into the storage off the queue once handled
     * ({@code DELETE storages/{id}/transfers_to/{transfer_id}/} with {@code completed=true} or {@code failed=true}).
     *
     * @param storageId  the gateway's storage
     * @param transferId the transfer
     * @param failed     whether the gateway failed to carry it out
     * @throws io.github.iconiksdk.api.NotFoundException if iconik no longer has it (already acknowledged)
     */
    void acknowledgeTransferTo(String storageId, String transferId, boolean failed);

    /**
     * Takes a transfer out of the storage off the queue once handled
     * ({@code DELETE storages/{id}/transfers_from/{transfer_id}/} with {@code completed=true} or {@code failed=true}).
     *
     * @param storageId  the gateway's storage
     * @param transferId the transfer
     * @param failed     whether the gateway failed to carry it out
     * @throws io.github.iconiksdk.api.NotFoundException if iconik no longer has it (already acknowledged)
     */
    void acknowledgeTransferFrom(String storageId, String transferId, boolean failed);

    /**
     * A fresh direct-download URL for the source of a transfer ({@code POST transfers/{id}/urls/}).
     *
     * @param transferId the transfer
     * @return the URL
     * @throws io.github.iconiksdk.api.NotFoundException if there is no such transfer
     */
    String transferUrl(String transferId);

    /**
     * Asks for a scan of a storage now, as iconik's SCAN button does ({@code POST storages/{id}/scan/}); on a
     * gateway's storage only the given paths (folders) and files are scanned, or everything when both are empty.
     *
     * @param storageId the storage
     * @param paths     folders to scan, relative to the mount point
     * @param files     files to scan, relative to the mount point
     */
    void requestScan(String storageId, List<String> paths, List<String> files);

    // ---- assets -------------------------------------------------------------------------------------------------

    /**
     * Creates an asset, applying the default ACLs; with a {@code collection_id}, puts it in that collection.
     * Not retried after an unknown outcome: on {@link OutcomeUnknownException}, look it up by external id.
     *
     * @param asset the asset
     * @return the asset created
     * @throws OutcomeUnknownException if iconik may or may not have created it
     */
    Asset createAsset(AssetCreate asset);

    /**
     * Reads an asset.
     *
     * @param assetId the asset
     * @return the asset
     * @throws io.github.iconiksdk.api.NotFoundException if there is no such asset
     */
    Asset getAsset(String assetId);

    /**
     * Changes only the fields set.
     *
     * @param assetId the asset
     * @param update  the fields
     * @return the asset as iconik now holds it
     */
    Asset updateAsset(String assetId, AssetUpdate update);

    /**
     * Finds assets by their {@code external_id} through iconik's search (at most the first 100 matches).
     *
     * @param externalId the external id
     * @return the matching assets, possibly empty
     */
    List<Asset> findAssetsByExternalId(String externalId);

    // ---- formats, file sets, files ------------------------------------------------------------------------------

    /**
     * Creates a format on an asset.
     *
     * @param assetId the asset
     * @param format  the format
     * @return the format created
     * @throws OutcomeUnknownException if iconik may or may not have created it
     */
    Format createFormat(String assetId, FormatCreate format);

    /**
     * Reads an asset's format by name, such as {@code ORIGINAL}.
     *
     * @param assetId the asset
     * @param name    the format name
     * @return the format, or empty when the asset has none of that name
     */
    Optional<Format> findFormat(String assetId, String name);

    /**
     * @param assetId the asset
     * @return the asset's formats
     */
    Paged<Format> listFormats(String assetId);

    /**
     * Creates a file set.
     *
     * @param assetId the asset
     * @param fileSet the file set
     * @return the file set created
     * @throws OutcomeUnknownException if iconik may or may not have created it
     */
    FileSet createFileSet(String assetId, FileSetCreate fileSet);

    /**
     * @param assetId the asset
     * @return the asset's file sets
     */
    Paged<FileSet> listFileSets(String assetId);

    /**
     * Creates a file record; on a cloud storage the answer carries the upload URL.
     *
     * @param assetId the asset
     * @param file    the file record
     * @return the file record created
     * @throws OutcomeUnknownException if iconik may or may not have created it
     */
    AssetFile createFile(String assetId, FileCreate file);

    /**
     * Reads a file record.
     *
     * @param assetId the asset
     * @param fileId  the file
     * @return the file record
     * @throws io.github.iconiksdk.api.NotFoundException if there is no such file
     */
    AssetFile getFile(String assetId, String fileId);

    /**
     * Reads a file record with a fresh upload URL ({@code generate_signed_post_url=true}), for a URL that expired
     * or came back empty (B2).
     *
     * @param assetId the asset
     * @param fileId  the file
     * @return the file record with {@code upload_url} filled in
     */
    AssetFile refreshUploadUrl(String assetId, String fileId);

    /**
     * Changes only the fields set, for example to close a file with its size and checksum.
     *
     * @param assetId the asset
     * @param fileId  the file
     * @param update  the fields
     * @return the file record as iconik now holds it
     */
    AssetFile updateFile(String assetId, String fileId, FileUpdate update);

    /**
     * @param assetId the asset
     * @return the asset's file records (no signed URLs)
     */
    Paged<AssetFile> listFiles(String assetId);

    /**
     * Finds file records by checksum, on any storage.
     *
     * @param checksum the checksum
     * @return the file records with that checksum, possibly none
     */
    Paged<AssetFile> filesByChecksum(String checksum);

    /**
     * Finds the file records iconik holds for a path on a storage.
     *
     * @param storageId     the storage
     * @param directoryPath the directory relative to the storage root ({@code ""} for the root)
     * @param name          the file name, or {@code null} for every file in the directory
     * @return the file records, possibly none
     */
    Paged<AssetFile> storageFiles(String storageId, String directoryPath, String name);

    /**
     * Asks whether a file exists on a storage, as iconik sees it.
     *
     * @param storageId     the storage
     * @param directoryPath the directory relative to the storage root
     * @param fileName      the file name
     * @return whether iconik found it (its 404 means no)
     */
    boolean fileExistsOnStorage(String storageId, String directoryPath, String fileName);

    /**
     * The complete and abort URLs of an S3-style multipart upload of a file's bytes.
     *
     * @param assetId  the asset
     * @param fileId   the file
     * @param uploadId the upload id the storage returned when the upload started
     * @return the URLs
     */
    MultipartUrls multipartUrls(String assetId, String fileId, String uploadId);

    /**
     * The pre-signed URLs of the parts of a multipart upload of a file's bytes.
     *
     * @param assetId  the asset
     * @param fileId   the file
     * @param uploadId the upload id
     * @param parts    how many parts, at least 1
     * @return one URL per part, lazily paged
     * @throws IllegalArgumentException if {@code parts} is below 1
     */
    Paged<PartUploadUrl> multipartPartUrls(String assetId, String fileId, String uploadId, int parts);

    // ---- proxies and keyframes --------------------------------------------------------------------------------

    /**
     * Creates a proxy record; the answer carries its upload URL.
     *
     * @param assetId the asset
     * @param proxy   the proxy
     * @return the proxy created
     * @throws OutcomeUnknownException if iconik may or may not have created it
     */
    ProxyResource createProxy(String assetId, ProxyCreate proxy);

    /**
     * Changes only the fields set, for example {@code status(CLOSED)} after the upload.
     *
     * @param assetId the asset
     * @param proxyId the proxy
     * @param update  the fields
     * @return the proxy as iconik now holds it
     */
    ProxyResource updateProxy(String assetId, String proxyId, ProxyUpdate update);

    /**
     * @param assetId the asset
     * @return the asset's proxies (no signed URLs)
     */
    Paged<ProxyResource> listProxies(String assetId);

    /**
     * The complete and abort URLs of an S3-style multipart upload of a proxy.
     *
     * @param assetId  the asset
     * @param proxyId  the proxy
     * @param uploadId the upload id the storage returned when the upload started
     * @return the URLs
     */
    MultipartUrls proxyMultipartUrls(String assetId, String proxyId, String uploadId);

    /**
     * The pre-signed URLs of the parts of a multipart upload of a proxy.
     *
     * @param assetId  the asset
     * @param proxyId  the proxy
     * @param uploadId the upload id
     * @param parts    how many parts, at least 1
     * @return one URL per part, lazily paged
     * @throws IllegalArgumentException if {@code parts} is below 1
     */
    Paged<PartUploadUrl> proxyMultipartPartUrls(String assetId, String proxyId, String uploadId, int parts);

    /**
     * Creates a keyframe record; the answer carries its upload URL.
     *
     * @param assetId  the asset
     * @param keyframe the keyframe
     * @return the keyframe created
     * @throws OutcomeUnknownException if iconik may or may not have created it
     */
    Keyframe createKeyframe(String assetId, KeyframeCreate keyframe);

    /**
     * Changes only the fields set.
     *
     * @param assetId    the asset
     * @param keyframeId the keyframe
     * @param update     the fields
     * @return the keyframe as iconik now holds it
     */
    Keyframe updateKeyframe(String assetId, String keyframeId, KeyframeUpdate update);

    /**
     * @param assetId the asset
     * @return the asset's keyframes (no signed URLs)
     */
    Paged<Keyframe> listKeyframes(String assetId);

    // ---- metadata ---------------------------------------------------------------------------------------------

    /** @return the metadata views, without their fields */
    List<MetadataViewResource> listMetadataViews();

    /**
     * Reads a view with its fields.
     *
     * @param viewId the view
     * @return the view
     * @throws io.github.iconiksdk.api.NotFoundException if there is no such view
     */
    MetadataViewResource getMetadataView(String viewId);

    /** @return every metadata field definition */
    Paged<MetadataFieldResource> listMetadataFields();

    /**
     * Reads an asset's values in a view.
     *
     * @param assetId the asset
     * @param viewId  the view
     * @return the values; empty when the asset has none in the view
     */
    MetadataValues getMetadataValues(String assetId, String viewId);

    /**
     * Writes an asset's values in a view. With {@link MetadataWriteMode#APPEND} the call is not idempotent and
     * is not retried after an unknown outcome.
     *
     * @param assetId the asset
     * @param viewId  the view
     * @param values  the values
     * @param mode    how they combine with existing values
     * @return the values as iconik now holds them
     */
    MetadataValues putMetadataValues(String assetId, String viewId, MetadataValues values, MetadataWriteMode mode);

    // ---- collections ----------------------------------------------------------------------------------------

    /**
     * Creates a collection.
     *
     * @param collection the collection
     * @return the collection created
     * @throws OutcomeUnknownException if iconik may or may not have created it
     */
    CollectionResource createCollection(CollectionCreate collection);

    /**
     * Reads a collection.
     *
     * @param collectionId the collection
     * @return the collection
     * @throws io.github.iconiksdk.api.NotFoundException if there is no such collection
     */
    CollectionResource getCollection(String collectionId);

    /**
     * @param collectionId the collection
     * @return its assets and sub-collections
     */
    Paged<ContentItem> collectionContents(String collectionId);

    /**
     * Adds an object to a collection. Adding the same object twice leaves one entry, so a lost answer is retried.
     *
     * @param collectionId the collection
     * @param objectId     the object
     * @param objectType   {@code assets} or {@code collections}
     */
    void addToCollection(String collectionId, String objectId, String objectType);

    // ---- jobs --------------------------------------------------------------------------------------------------

    /**
     * Creates a job.
     *
     * @param job the job
     * @return the job created
     * @throws OutcomeUnknownException if iconik may or may not have created it
     */
    Job createJob(JobCreate job);

    /**
     * Reads a job.
     *
     * @param jobId the job
     * @return the job
     * @throws io.github.iconiksdk.api.NotFoundException if there is no such job
     */
    Job getJob(String jobId);

    /**
     * Changes only the fields set.
     *
     * @param jobId  the job
     * @param update the fields
     * @return the job as iconik now holds it
     */
    Job updateJob(String jobId, JobUpdate update);

    /**
     * Builds an {@link IconikClient}. Endpoint and credentials are required; everything else has a default.
     * A user-supplied {@link HttpClient} carries its own connect timeout and proxy, so those two options
     * cannot be combined with it.
     */
    final class Builder {
        private Endpoint endpoint;
        private Credentials credentials;
        private Duration connectTimeout;
        private Duration requestTimeout = Duration.ofSeconds(60);
        private InetSocketAddress proxy;
        private HttpClient httpClient;
        private RetryOptions retry = RetryOptions.defaults();
        private RetryConfig retryConfig;
        private Duration retryBudget;
        private RetryRegistry retryRegistry;
        private RateLimitOptions rateLimit = RateLimitOptions.defaults();
        private RateLimiterConfig rateLimiterConfig;
        private RateLimiterRegistry rateLimiterRegistry;
        private CircuitBreakerConfig circuitBreakerConfig = IconikResilience.circuitBreakerConfig();
        private CircuitBreakerRegistry circuitBreakerRegistry;
        private ScheduledExecutorService scheduler;
        private final List<ResilienceListener> listeners = new ArrayList<>();
        private Sleeper sleeper;
        private Clock clock = Clock.systemUTC();
        private LongSupplier nanoClock = System::nanoTime;

        Builder() {
        }

        /**
         * @param endpoint where iconik is ({@link Endpoint#APP}, {@link Endpoint#EU} or {@link Endpoint#of})
         * @return this builder
         * @throws NullPointerException if null
         */
        public Builder endpoint(Endpoint endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /**
         * @param url a base URL such as {@code https://app.iconik.io}
         * @return this builder
         * @throws IllegalArgumentException if it is not a valid iconik URL
         */
        public Builder endpoint(String url) {
            return endpoint(Endpoint.of(url));
        }

        /**
         * @param credentials the App-ID and Auth-Token
         * @return this builder
         * @throws NullPointerException if null
         */
        public Builder credentials(Credentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /**
         * @param appId     the App-ID
         * @param authToken the Auth-Token
         * @return this builder
         * @throws NullPointerException     if either is null
         * @throws IllegalArgumentException if either is blank
         */
        public Builder credentials(String appId, String authToken) {
            return credentials(Credentials.of(appId, authToken));
        }

        /**
         * @param connectTimeout how long to wait for a connection (default 10 s)
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * @param requestTimeout how long one attempt waits for its answer (default 60 s)
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = positive(requestTimeout, "requestTimeout");
            return this;
        }

        /**
         * @param proxy an HTTP proxy to reach iconik through
         * @return this builder
         * @throws NullPointerException if null
         */
        public Builder proxy(InetSocketAddress proxy) {
            this.proxy = Objects.requireNonNull(proxy, "proxy");
            return this;
        }

        /**
         * @param httpClient a client of your own (its executor, TLS, proxy and connect timeout are used as they are)
         * @return this builder
         * @throws NullPointerException if null
         */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /**
         * @param retry the retry options (default {@link RetryOptions#defaults()}); replaces a {@code RetryConfig}
         *              given before
         * @return this builder
         * @throws NullPointerException if null
         */
        public Builder retry(RetryOptions retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            this.retryConfig = null;
            this.retryBudget = null;
            return this;
        }

        /**
         * Retries with a Resilience4j configuration: its attempts and interval function are used; the SDK's rules
         * still decide what may be retried (your exception predicate can only narrow them), iconik's
         * {@code Retry-After} replaces the interval when sent, and the time budget is 2 minutes. Start from
         * {@link IconikResilience#retryConfig()}.
         *
         * @param retryConfig the configuration
         * @return this builder
         * @throws NullPointerException if null
         */
        public Builder retry(RetryConfig retryConfig) {
            return retry(retryConfig, RetryOptions.defaults().maxTotalTime());
        }

        /**
         * Like {@link #retry(RetryConfig)}, with a time budget of your own.
         *
         * @param retryConfig  the configuration
         * @param maxTotalTime the most time one request may take across attempts and waits
         * @return this builder
         * @throws NullPointerException     if either is null
         * @throws IllegalArgumentException if the budget is not positive
         */
        public Builder retry(RetryConfig retryConfig, Duration maxTotalTime) {
            this.retryConfig = Objects.requireNonNull(retryConfig, "retryConfig");
            this.retryBudget = positive(maxTotalTime, "maxTotalTime");
            return this;
        }

        /**
         * Creates the client's retry, named {@link IconikResilience#RETRY}, in your registry (so that metrics bound
         * to it see the retry). Clients sharing a registry share the retry of the first one built.
         *
         * @param registry your registry
         * @return this builder
         * @throws NullPointerException if null
         */
        public Builder retryRegistry(RetryRegistry registry) {
            this.retryRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * @param rateLimit the rate limit (default {@link RateLimitOptions#defaults()}); replaces a
         *                  {@code RateLimiterConfig} given before
         * @return this builder
         * @throws NullPointerException if null
         */
        public Builder rateLimit(RateLimitOptions rateLimit) {
            this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
            this.rateLimiterConfig = null;
            return this;
        }

        /**
         * Limits the rate with a Resilience4j configuration (start from {@link IconikResilience#rateLimiterConfig()}).
         * The limiter is still one per credential, and a 429 still drains it and pauses it for {@code Retry-After}
         * (a 429 without {@code Retry-After} halves its permits per period instead, never below one).
         *
         * @param rateLimiterConfig the configuration
         * @return this builder
         * @throws NullPointerException if null
         */
        public Builder rateLimit(RateLimiterConfig rateLimiterConfig) {
            this.rateLimiterConfig = Objects.requireNonNull(rateLimiterConfig, "rateLimiterConfig");
            return this;
        }

        /**
         * Keeps the credential's rate limiter in your registry (named after the App-ID, host and a digest of the
         * token; never the token), so that metrics bound to it see it and every client built with the registry
         * shares it.
         *
         * @param registry your registry
         * @return this builder
         * @throws NullPointerException if null
         */
        public Builder rateLimiterRegistry(RateLimiterRegistry registry) {
            this.rateLimiterRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * The circuit breakers' configuration (default {@link IconikResilience#circuitBreakerConfig()}). Its
         * thresholds, window and waits are used; what counts as a failure is the SDK's (5xx and no answer are
         * failures, 429 is ignored). To keep breakers from ever opening, start them disabled:
         * {@code CircuitBreakerConfig.from(IconikResilience.circuitBreakerConfig())
         * .initialState(CircuitBreaker.State.DISABLED).build()}.
         *
         * @param circuitBreakerConfig the configuration
         * @return this builder
         * @throws NullPointerException if null
         */
        public Builder circuitBreaker(CircuitBreakerConfig circuitBreakerConfig) {
            this.circuitBreakerConfig = Objects.requireNonNull(circuitBreakerConfig, "circuitBreakerConfig");
            return this;
        }

        /**
         * Creates the circuit breakers ({@code iconik-assets}, {@code iconik-files}, …) in your registry, so that
         * metrics bound to it see them; clients built with the same registry share them. Without one, each client
         * has breakers of its own.
         *
         * @param registry your registry
         * @return this builder
         * @throws NullPointerException if null
         */
        public Builder circuitBreakerRegistry(CircuitBreakerRegistry registry) {
            this.circuitBreakerRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * The scheduler retry and rate-limit waits run on (default: one daemon thread shared by the JVM). Its
         * tasks are short: they start the next attempt, which the JDK client sends asynchronously.
         *
         * @param scheduler the scheduler; the client never shuts it down
         * @return this builder
         * @throws NullPointerException if null
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * Adds a listener for the client's resilience events (also possible later, through
         * {@link IconikClient#resilience()}).
         *
         * @param listener the listener
         * @return this builder
         * @throws NullPointerException if null
         */
        public Builder resilienceListener(ResilienceListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        Builder clock(Clock clock, LongSupplier nanoClock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
            return this;
        }

        /**
         * @return the client
         * @throws IllegalStateException if endpoint or credentials are missing, or a user HttpClient is combined
         *                               with a proxy or connect timeout
         */
        public IconikClient build() {
            if (endpoint == null) {
                throw new IllegalStateException("endpoint is required (for example Endpoint.APP)");
            }
            if (credentials == null) {
                throw new IllegalStateException("credentials are required (App-ID and Auth-Token)");
            }
            HttpClient http = httpClient;
            if (http != null && (proxy != null || connectTimeout != null)) {
                throw new IllegalStateException("proxy and connectTimeout belong to the HttpClient given; set them"
                        + " on it instead");
            }
            if (http == null) {
                HttpClient.Builder b = HttpClient.newBuilder()
                        .connectTimeout(connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout)
                        .followRedirects(HttpClient.Redirect.NEVER);
                if (proxy != null) {
                    b.proxy(java.net.ProxySelector.of(proxy));
                }
                http = b.build();
            }
            ScheduledExecutorService waits = scheduler != null ? scheduler
                    : sleeper != null ? Schedulers.sleeping(sleeper) : Schedulers.shared();
            ClientPolicies policies = new ClientPolicies(
                    retryConfig != null ? retryConfig : retry.toRetryConfig(), retryRegistry,
                    retryConfig != null ? retryBudget : retry.maxTotalTime(), limiter(), circuitBreakerConfig,
                    circuitBreakerRegistry, waits, clock, nanoClock);
            listeners.forEach(policies::addListener);
            return new DefaultIconikClient(http, endpoint, credentials, requestTimeout, policies, clock, nanoClock);
        }

        private CredentialLimiter limiter() {
            RateLimiterConfig config = rateLimiterConfig;
            double floor = 1;
            if (config == null) {
                if (!rateLimit.enabled()) {
                    return null;
                }
                config = rateLimit.toRateLimiterConfig();
                floor = rateLimit.minPermitsPerPeriod();
            }
            return rateLimiterRegistry != null
                    ? RateLimiters.inRegistry(rateLimiterRegistry, endpoint, credentials, config, floor)
                    : RateLimiters.shared(endpoint, credentials, config, floor, nanoClock);
        }

        @Override
        public String toString() {
            return "IconikClient.Builder[endpoint=" + endpoint + ", credentials=" + credentials + "]";
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, was " + d);
            }
            return d;
        }
    }
}
