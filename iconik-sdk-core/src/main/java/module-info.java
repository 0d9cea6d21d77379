/**
 * Default implementations of the SDK's interfaces: pattern matcher, scanner and scan-state store, iconik REST
 * client, uploader, sidecar reader and writer. Only the public packages are exported; {@code …internal} packages
 * are implementation details.
 */
module io.github.iconiksdk.core {
    requires transitive io.github.iconiksdk.api;
    requires transitive java.net.http;
    requires com.fasterxml.jackson.annotation;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires org.slf4j;

    exports io.github.iconiksdk.core.client;
    exports io.github.iconiksdk.core.client.model;
    exports io.github.iconiksdk.core.config;
    exports io.github.iconiksdk.core.pattern;

    opens io.github.iconiksdk.core.client.model to com.fasterxml.jackson.databind;
}
