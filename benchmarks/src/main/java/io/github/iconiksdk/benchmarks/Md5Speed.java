// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.benchmarks;

import io.github.iconiksdk.core.scan.internal.Md5;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The scanner's MD5 (the code its checksum workers run, with their reused 1 MiB buffer) on one file in a warm
 * JVM, to compare with {@code md5sum} without the JVM start. Usage:
 * {@code java -cp benchmarks/target/benchmarks.jar io.github.iconiksdk.benchmarks.Md5Speed FILE [RUNS [BUFFER]]}.
 */
public final class Md5Speed {

    private Md5Speed() {
    }

    /**
     * Hashes the file RUNS times (default 4; the first warms the JIT) and prints each time and throughput.
     *
     * @param args the file and the number of runs
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        long size = Files.size(file);
        byte[] buffer = new byte[args.length > 2 ? Integer.parseInt(args[2]) : Md5.BUFFER_SIZE];
        for (int i = 1; i <= runs; i++) {
            long t0 = System.nanoTime();
            Md5.Result r = Md5.of(file, buffer);
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("run %d: %s %.2f s %.0f MiB/s%n", i, r.hex(), s, size / s / (1 << 20));
        }
    }
}
