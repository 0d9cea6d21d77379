// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.command.internal;

import io.github.iconiksdk.core.client.model.GatewayEvent;
import io.github.iconiksdk.core.command.Command;
import io.github.iconiksdk.core.command.CommandHandler;
import io.github.iconiksdk.core.command.CommandResult;
import io.github.iconiksdk.core.command.GatewayHandlers;
import io.github.iconiksdk.core.command.MountPoint;
import io.github.iconiksdk.core.command.UnsafePathException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** See {@link GatewayHandlers#scanRequests}. */
public final class ScanRequestHandler implements CommandHandler {

    private final MountPoint mount;
    private final GatewayHandlers.PathScanner scanner;

    /**
     * @param mount   the mount point
     * @param scanner the scanner's partial pass
     */
    public ScanRequestHandler(MountPoint mount, GatewayHandlers.PathScanner scanner) {
        this.mount = mount;
        this.scanner = scanner;
    }

    @Override
    public CommandResult handle(Command command) throws Exception {
        Map<String, Object> data = command.item(GatewayEvent.class).data();
        List<String> named = new ArrayList<>();
        strings(data, "paths", named);
        strings(data, "files", named);
        List<Path> paths = new ArrayList<>();
        for (String p : named) {
            try {
                paths.add(mount.resolveLenient(p));
            } catch (UnsafePathException e) {
                return CommandResult.failed("scan refused: " + e.getMessage());
            }
        }
        if (paths.isEmpty()) {
            paths.add(mount.root());
        }
        scanner.scan(List.copyOf(paths));
        return CommandResult.done(named.isEmpty() ? "scanned the whole storage" : "scanned " + named);
    }

    private static void strings(Map<String, Object> data, String key, List<String> out) {
        if (data != null && data.get(key) instanceof List<?> list) {
            for (Object o : list) {
                if (o != null) {
                    out.add(o.toString());
                }
            }
        }
    }
}
