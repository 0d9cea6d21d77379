// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.work;

import io.github.iconiksdk.core.contract.WorkQueueContract;

/** {@link LocalWorkQueue} against the {@link WorkQueueContract}. */
class LocalWorkQueueTest extends WorkQueueContract {

    @Override
    protected WorkQueue open() {
        return new LocalWorkQueue();
    }
}
