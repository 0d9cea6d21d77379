// SPDX-License-Identifier: Apache-2.0
/**
 * The sample gateway: the command line, configuration, status page and progress display around the SDK's
 * {@code IngestPipeline}. An application, so it exports nothing. Its runnable jar ({@code iconik-gateway.jar}, what
 * {@code ./iconik-gateway} and {@code java -jar} start) is shaded and runs on the class path; compiled as a named
 * module it states what it needs and may also run from the module path
 * ({@code java -p DIRS -m io.github.iconiksdk.gateway/io.github.iconiksdk.gateway.GatewayMain}).
 */
module io.github.iconiksdk.gateway {
    requires io.github.iconiksdk.api;
    requires io.github.iconiksdk.core;
    requires io.github.iconiksdk.ffmpeg;
    requires io.github.iconiksdk.postgresql;
    requires io.github.iconiksdk.testkit;
    requires io.github.resilience4j.circuitbreaker;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires info.picocli;
    requires me.tongfei.progressbar;
    requires org.slf4j;
    requires java.desktop;
    requires jdk.httpserver;

    // picocli reads the commands' annotations and sets their option fields by reflection
    opens io.github.iconiksdk.gateway to info.picocli;
}
