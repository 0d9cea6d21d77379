// SPDX-License-Identifier: Apache-2.0
/**
 * Work shared between workers under expiring leases: {@link io.github.iconiksdk.core.work.WorkQueue}, its items
 * and leases, and the in-memory {@link io.github.iconiksdk.core.work.LocalWorkQueue} of one process.
 */
package io.github.iconiksdk.core.work;
