// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.ingest;

import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.config.GatewayConfig;
import io.github.iconiksdk.core.ingest.IngestEvent;
import io.github.iconiksdk.core.ingest.IngestPipeline;
import io.github.iconiksdk.core.ingest.IngestSummary;

/** Usage: MyIngest ICONIK_URL APP_ID AUTH_TOKEN STORAGE_ID DATA_DIR */
public class MyIngest {
    public static void main(String[] args) {
        IconikClient client = IconikClient.builder().endpoint(args[0])    // or Endpoint.APP, Endpoint.EU
                .credentials(args[1], args[2]).build();                     // rate-limited, retried, token-safe
        GatewayConfig config = GatewayConfig.builder()
                .flag("data-dir", args[4])                                  // scan state + registration journal
                .flag("registration-workers", "8")                          // files registered at once
                .build();
        try (IngestPipeline pipeline = IngestPipeline.builder()
                .client(client).storageId(args[3]).config(config)          // transcoders: the installed ones
                .listener(event -> {                                        // never prints on its own
                    if (event instanceof IngestEvent.FileRegistered r) {
                        System.out.println(r.outcome() + " " + r.path());
                    } else if (event instanceof IngestEvent.Problem p) {
                        System.err.println(p.message());
                    }
                })
                .build()) {
            IngestSummary summary = pipeline.runOnce();     // or pipeline.start(): a pass every scan interval
            System.out.println(summary.summaryLine());      // "registered 3 files (3 new, ...), 0 failed"
        }
    }
}
