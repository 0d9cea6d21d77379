// SPDX-License-Identifier: Apache-2.0
/**
 * The command loop: the work iconik queues for a storage gateway (its gateway events, {@code transfers_to},
 * {@code transfers_from} and {@code deletions_from}), polled at an interval, handed to a handler per type, journalled
 * in SQLite and acknowledged only once the work is durable. iconik never connects to a gateway; this is how the
 * SCAN button, copies to and from the storage, purges, keyframes requests and collection maps reach it.
 *
 * <p>Start with {@link io.github.iconiksdk.core.command.CommandLoop#builder}; write handlers against
 * {@link io.github.iconiksdk.core.command.CommandHandler}; resolve every path iconik names through
 * {@link io.github.iconiksdk.core.command.MountPoint}.
 */
package io.github.iconiksdk.core.command;
