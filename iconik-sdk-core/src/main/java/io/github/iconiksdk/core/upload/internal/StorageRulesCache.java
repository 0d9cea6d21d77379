// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload.internal;

import io.github.iconiksdk.core.client.model.FileSettings;

import java.util.Objects;
import java.util.function.Supplier;

/** Derives {@link StorageRules} from polled settings, again only when the settings object changes. */
public final class StorageRulesCache implements Supplier<StorageRules> {

    private final Supplier<FileSettings> settings;
    private FileSettings last;
    private StorageRules rules;

    /** @param settings supplies the storage's current settings */
    public StorageRulesCache(Supplier<FileSettings> settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public synchronized StorageRules get() {
        FileSettings now = Objects.requireNonNull(settings.get(), "storage settings supplier returned null");
        if (!now.equals(last)) {
            rules = StorageRules.of(now);
            last = now;
        }
        return rules;
    }
}
