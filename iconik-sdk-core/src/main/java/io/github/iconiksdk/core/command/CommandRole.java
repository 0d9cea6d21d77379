// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.command;

import java.util.Optional;

/**
 * Whether this process may run a storage's command loop. iconik's queues are per storage, so when several gateways
 * serve one storage (a fleet) exactly one of them must poll them; a {@link TwoWayGateway} asks its role before it
 * starts the loop, and asks again after later passes while another holds it. The PostgreSQL module's
 * {@code StorageRole.commandRole(database, storageId)} is one; {@link #ALWAYS} (one process per storage) is the
 * default.
 */
@FunctionalInterface
public interface CommandRole {

    /** The role of a gateway that is alone on its storage: always given, never lost. */
    CommandRole ALWAYS = () -> Optional.of(() -> {
        // nothing held
    });

    /**
     * Takes the role if nobody else holds it. Never waits for it.
     *
     * @return the role, held until {@link Held#close() closed}; empty when another process holds it
     * @throws io.github.iconiksdk.api.IconikException if the role cannot be asked for now (asked again later)
     */
    Optional<Held> tryTake();

    /** A role this process holds. */
    @FunctionalInterface
    interface Held extends AutoCloseable {

        /**
         * Whether the role is still this process's. The loop asks before each poll of iconik's queues, and stops
         * when the answer is no (a lost database connection gives the role to another gateway), so two gateways
         * never keep polling the same queues. An implementation answers quickly and never throws: a role it cannot
         * confirm is lost.
         *
         * @return false once the role may be someone else's
         */
        default boolean isHeld() {
            return true;
        }

        /** Gives the role up (another process may take it). Idempotent; never throws. */
        @Override
        void close();
    }
}
