// SPDX-License-Identifier: Apache-2.0
/** A stateful fake iconik on WireMock, a JUnit 5 extension, fault injection and fixtures. */
module io.github.iconiksdk.testkit {
    requires transitive io.github.iconiksdk.api;
    requires transitive com.fasterxml.jackson.databind;
    requires transitive org.junit.jupiter.api;
    requires wiremock.standalone;
    requires org.slf4j;
    requires jdk.httpserver;
    requires java.xml;

    exports io.github.iconiksdk.testkit;
    exports io.github.iconiksdk.testkit.contract;
}
