/**
 * Default implementations of the SDK's interfaces: pattern matcher, scanner and scan-state store, iconik REST
 * client, uploader, sidecar reader and writer. Only the public packages are exported; {@code …internal} packages
 * are implementation details.
 */
module io.github.iconiksdk.core {
    requires transitive io.github.iconiksdk.api;
    requires org.slf4j;
    requires transitive java.net.http; // ConversionHook.Builder.httpClient takes a JDK HttpClient
    requires java.xml;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.xml;
    requires com.fasterxml.jackson.dataformat.csv;

    exports io.github.iconiksdk.core.config;
    exports io.github.iconiksdk.core.pattern;
    exports io.github.iconiksdk.core.sidecar;
}
