// SPDX-License-Identifier: Apache-2.0
/**
 * The ingest pipeline: what the iconik Storage Gateway does for a File storage (scan, sidecars, exactly-once
 * registration, renditions, original uploads, the periodic daemon), as a library. Start with
 * {@link io.github.iconiksdk.core.ingest.IngestPipeline}.
 */
package io.github.iconiksdk.core.ingest;
