// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointAndOptionsTest {

    @Test
    void endpoint_acceptsBareHostsAndStripsApiSuffix() {
        assertEquals("https://eu.iconik.io", Endpoint.of("eu.iconik.io").toString());
        assertEquals("http://127.0.0.1:8080", Endpoint.of("http://127.0.0.1:8080/API/").toString());
        assertEquals(Endpoint.APP, Endpoint.of("https://app.iconik.io/"));
    }

    @Test
    void endpoint_rejectsPathsQueriesAndOtherSchemes() {
        assertThrows(IllegalArgumentException.class, () -> Endpoint.of("https://app.iconik.io/foo"));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.of("https://app.iconik.io/?x=1"));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.of("ftp://app.iconik.io"));
    }

    @Test
    void builder_namesWhatIsMissing() {
        var e = assertThrows(IllegalStateException.class, () -> IconikClient.builder().endpoint(Endpoint.APP)
                .build());
        assertTrue(e.getMessage().contains("credentials"));
        e = assertThrows(IllegalStateException.class, () -> IconikClient.builder().credentials("a", "t").build());
        assertTrue(e.getMessage().contains("endpoint"));
    }

    @Test
    void builder_refusesAProxyForAUserHttpClient() {
        var b = IconikClient.builder().endpoint(Endpoint.APP).credentials("a", "t")
                .httpClient(HttpClient.newHttpClient()).proxy(new InetSocketAddress("127.0.0.1", 3128));
        assertThrows(IllegalStateException.class, b::build);
    }

    @Test
    void retryOptions_validateAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> RetryOptions.builder().maxAttempts(0));
        assertThrows(IllegalArgumentException.class, () -> RetryOptions.builder().jitter(1.5));
        assertThrows(IllegalArgumentException.class, () -> RetryOptions.builder()
                .initialBackoff(Duration.ofSeconds(10)).maxBackoff(Duration.ofSeconds(1)).build());
        assertEquals(1, RetryOptions.none().maxAttempts());
    }

    @Test
    void rateLimitOptions_defaultJustUnderIconiksLimit() {
        assertEquals(45, RateLimitOptions.defaults().requestsPerSecond());
        assertThrows(IllegalArgumentException.class, () -> RateLimitOptions.builder().requestsPerSecond(0));
    }
}
