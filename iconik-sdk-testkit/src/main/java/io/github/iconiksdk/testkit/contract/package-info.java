// SPDX-License-Identifier: Apache-2.0
/**
 * Contract test suites for the SDK's store SPIs. An implementation's test class extends the suite and says how to
 * open the store; every test of the suite then runs against it. The SDK's own SQLite stores run the same suites.
 *
 * <pre>{@code
 * class MyScanStateStoreTest extends ScanStateStoreContract {
 *     @TempDir Path tmp;
 *     @Override protected ScanStateStore open() { return MyStore.open(tmp.resolve("state")); }
 * }
 * }</pre>
 */
package io.github.iconiksdk.testkit.contract;
