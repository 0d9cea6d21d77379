/** A stateful fake iconik on WireMock, a JUnit 5 extension, fault injection and fixtures. */
module io.github.iconiksdk.testkit {
    requires transitive io.github.iconiksdk.api;
    requires io.github.iconiksdk.core;
    requires org.slf4j;
}
