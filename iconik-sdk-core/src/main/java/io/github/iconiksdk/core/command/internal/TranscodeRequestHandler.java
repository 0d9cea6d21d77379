// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.command.internal;

import io.github.iconiksdk.api.NotFoundException;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.model.AssetFile;
import io.github.iconiksdk.core.client.model.FileRecordStatus;
import io.github.iconiksdk.core.client.model.GatewayEvent;
import io.github.iconiksdk.core.client.model.JobStatus;
import io.github.iconiksdk.core.client.model.JobUpdate;
import io.github.iconiksdk.core.command.Command;
import io.github.iconiksdk.core.command.CommandHandler;
import io.github.iconiksdk.core.command.CommandResult;
import io.github.iconiksdk.core.command.GatewayHandlers;
import io.github.iconiksdk.core.command.MountPoint;
import io.github.iconiksdk.core.command.UnsafePathException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** See {@link GatewayHandlers#transcodeRequests}. */
public final class TranscodeRequestHandler implements CommandHandler {

    private static final Logger LOG = LoggerFactory.getLogger(TranscodeRequestHandler.class);

    private final IconikClient client;
    private final String storageId;
    private final MountPoint mount;
    private final GatewayHandlers.AssetTranscoder transcoder;

    /**
     * @param client     the iconik client
     * @param storageId  the gateway's storage
     * @param mount      the mount point
     * @param transcoder what makes and uploads the renditions
     */
    public TranscodeRequestHandler(IconikClient client, String storageId, MountPoint mount,
                                   GatewayHandlers.AssetTranscoder transcoder) {
        this.client = client;
        this.storageId = storageId;
        this.mount = mount;
        this.transcoder = transcoder;
    }

    @Override
    public CommandResult handle(Command command) throws Exception {
        CommandResult result = transcode(command);
        Map<String, Object> data = command.item(GatewayEvent.class).data();
        Object jobId = data == null ? null : data.get("job_id");
        if (jobId != null) {
            finishJob(jobId.toString(), result);
        }
        return result;
    }

    /**
     * [I] The gateway ends the TRANSCODE job iconik made for the request (FINISHED, or FAILED with the reason), as
     * it does its transfer jobs; a job already gone is left alone. A thrown failure leaves the job running: the
     * command is tried again.
     */
    private void finishJob(String jobId, CommandResult result) {
        try {
            client.updateJob(jobId, result.succeeded()
                    ? new JobUpdate(JobStatus.FINISHED, null, result.message(), null, null, null)
                    : new JobUpdate(JobStatus.FAILED, null, null, result.message(), null, null));
        } catch (NotFoundException gone) {
            LOG.debug("job {} of a keyframes request is gone", jobId);
        }
    }

    private CommandResult transcode(Command command) throws Exception {
        Map<String, Object> data = command.item(GatewayEvent.class).data();
        Object assetId = data == null ? null : data.get("asset_id");
        if (assetId == null) {
            return CommandResult.failed("TRANSCODE event " + command.id() + " names no asset_id");
        }
        Object fileId = data.get("file_id");
        AssetFile file = null;
        for (AssetFile f : client.listFiles(assetId.toString())) {
            boolean wanted = fileId != null ? fileId.toString().equals(f.id())
                    : storageId.equals(f.storageId()) && FileRecordStatus.CLOSED.equals(f.status());
            if (wanted) {
                file = f;
                break;
            }
        }
        if (file == null || !storageId.equals(file.storageId())) {
            return CommandResult.failed("TRANSCODE of asset " + assetId + ": it has no file on storage " + storageId
                    + (fileId == null ? "" : " with id " + fileId));
        }
        Path local;
        try {
            local = mount.resolve(file.directoryPath(), file.originalName());
        } catch (UnsafePathException e) {
            return CommandResult.failed("TRANSCODE of asset " + assetId + " refused: " + e.getMessage());
        }
        if (!Files.isRegularFile(local)) {
            return CommandResult.failed("TRANSCODE of asset " + assetId + ": " + mount.relativize(local)
                    + " is not on disk");
        }
        String rel = mount.relativize(local);
        transcoder.transcode(assetId.toString(), local, rel);
        return CommandResult.done("renditions of " + rel + " made and uploaded for asset " + assetId);
    }
}
