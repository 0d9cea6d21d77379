package io.github.iconiksdk.gateway;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Placeholder, replaced in the walking-skeleton commit. */
@Command(name = "patterns", description = "Try ignore and include patterns on paths.")
final class PatternsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
