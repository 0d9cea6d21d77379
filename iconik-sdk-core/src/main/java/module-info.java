// SPDX-License-Identifier: Apache-2.0
/**
 * Default implementations of the SDK's interfaces: pattern matcher, scanner and scan-state store, iconik REST
 * client, uploader, sidecar reader and writer. Only the public packages are exported; {@code …internal} packages
 * are implementation details.
 */
module io.github.iconiksdk.core {
    requires transitive io.github.iconiksdk.api;
    requires transitive java.net.http;
    requires java.sql;
    requires java.xml;
    requires com.fasterxml.jackson.annotation;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires com.fasterxml.jackson.dataformat.xml;
    requires com.fasterxml.jackson.dataformat.csv;
    requires transitive io.github.resilience4j.core;
    requires transitive io.github.resilience4j.retry;
    requires transitive io.github.resilience4j.ratelimiter;
    requires transitive io.github.resilience4j.circuitbreaker;
    requires transitive io.github.resilience4j.bulkhead;
    requires org.slf4j;
    requires org.xerial.sqlitejdbc;

    exports io.github.iconiksdk.core.config;
    exports io.github.iconiksdk.core.ingest;
    exports io.github.iconiksdk.core.pattern;
    exports io.github.iconiksdk.core.plugin;
    exports io.github.iconiksdk.core.client;
    exports io.github.iconiksdk.core.client.model;
    exports io.github.iconiksdk.core.command;
    exports io.github.iconiksdk.core.resilience;
    exports io.github.iconiksdk.core.scan;
    exports io.github.iconiksdk.core.state;
    exports io.github.iconiksdk.core.sidecar;
    exports io.github.iconiksdk.core.upload;
    exports io.github.iconiksdk.core.media;
    exports io.github.iconiksdk.core.work;

    uses io.github.iconiksdk.api.transcode.TranscoderProvider;
    uses io.github.iconiksdk.core.media.EmbeddedMetadataReader;

    opens io.github.iconiksdk.core.client.model to com.fasterxml.jackson.databind;
}
