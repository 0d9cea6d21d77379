// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload;

import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.TestClients;
import io.github.iconiksdk.core.client.model.FileSettings;
import io.github.iconiksdk.core.upload.internal.RegistrationSaga;
import io.github.iconiksdk.testkit.FakeIconik;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The set-up the uploader's registration tests share: a started fake iconik, a fast client on it, and uploaders
 * opened on one journal file (as a restarted gateway opens the same journal again); {@link #close()} closes them all
 * and stops the fake.
 */
final class UploaderFixture implements AutoCloseable {

    final FakeIconik fake;
    final IconikClient client;
    private final Path journal;
    private final List<IconikAssetUploader> opened = new ArrayList<>();

    /**
     * @param fake the fake's builder, with the storage settings the test needs
     * @param dir  where the journal lives
     */
    UploaderFixture(FakeIconik.Builder fake, Path dir) {
        this.fake = fake.build().start();
        this.client = TestClients.fast(this.fake);
        this.journal = dir.resolve("journal.db");
    }

    /**
     * Opens an uploader on the fake's storage, with the storage's settings read now.
     *
     * @param hook called before each registration step (a test's crash), or null for none
     * @return the uploader, closed by {@link #close()}
     */
    IconikAssetUploader uploader(RegistrationSaga.StepHook hook) {
        FileSettings settings = client.getStorage(fake.storageId()).fileSettings();
        IconikAssetUploader.Builder b = IconikAssetUploader.builder().client(client).storageId(fake.storageId())
                .settings(() -> settings).journal(journal).searchSettleTime(Duration.ofMillis(50));
        if (hook != null) {
            b.stepHook(hook);
        }
        IconikAssetUploader u = b.build();
        opened.add(u);
        return u;
    }

    /** Closes the uploader opened first that is still open: a gateway that crashed, before one restarts. */
    void closeOldest() {
        opened.remove(0).close();
    }

    @Override
    public void close() {
        opened.forEach(IconikAssetUploader::close);
        fake.stop();
    }
}
