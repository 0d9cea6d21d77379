// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.sidecar.SidecarFormat;
import io.github.iconiksdk.core.sidecar.Sidecars;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What the sidecar reader's checks cost: parsing one typical sidecar (20 fields, 40 values, non-ASCII text) with
 * {@code Sidecars.parse} (size limit, strict UTF-8 decode, BOM, hardened XML, positions, shape checks, the immutable
 * tree) against the anchor, Jackson reading the same bytes into its own generic tree with no checks at all.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SidecarParseBenchmark {

    /** The encoding measured. */
    @Param({"JSON", "XML", "CSV"})
    public SidecarFormat format;

    private byte[] bytes;
    private Path name;
    private ObjectMapper anchor;

    /** Builds the sidecar with the SDK's own encoder and the anchor's mapper. */
    @Setup
    public void setUp() {
        MetadataValues.Builder tree = MetadataValues.builder();
        for (int i = 0; i < 20; i++) {
            tree.add("field_" + i, "Harbour, Nord-Été \"take " + i + "\" <A&B>");
            tree.add("field_" + i, "value " + i + " 😀");
        }
        bytes = Sidecars.encode(tree.build(), format).getBytes(StandardCharsets.UTF_8);
        name = Path.of("bench." + format.extension());
        switch (format) {
            case JSON:
                anchor = new ObjectMapper();
                break;
            case XML:
                anchor = new XmlMapper();
                break;
            default:
                anchor = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        }
        System.err.printf("%n%s sidecar: %d bytes%n", format, bytes.length);
    }

    /** @return the SDK's tree */
    @Benchmark
    public MetadataValues sdkParse() {
        return Sidecars.parse(name, bytes, format);
    }

    /**
     * Jackson's generic tree of the same bytes, as the anchor.
     *
     * @return the tree
     * @throws IOException if Jackson cannot parse the bytes
     */
    @Benchmark
    public Object jacksonReadTreeAnchor() throws IOException {
        return anchor.readTree(bytes);
    }
}
