package io.github.iconiksdk.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GatewayOptionsTest {

    private final String saved = System.getProperty(GatewayOptions.SIMPLE_LOGGER_LEVEL);

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(GatewayOptions.SIMPLE_LOGGER_LEVEL);
        } else {
            System.setProperty(GatewayOptions.SIMPLE_LOGGER_LEVEL, saved);
        }
    }

    private static GatewayOptions credentials() {
        GatewayOptions o = new GatewayOptions();
        o.appId = "a";
        o.authToken = "t";
        o.storageIds = java.util.List.of("s");
        return o;
    }

    @Test
    void logLevelKey_becomesTheLoggingDefault() {
        System.clearProperty(GatewayOptions.SIMPLE_LOGGER_LEVEL);
        credentials().resolve(Map.of());
        assertEquals("info", System.getProperty(GatewayOptions.SIMPLE_LOGGER_LEVEL));
    }

    @Test
    void javaCommandLineProperty_winsOverTheKey() {
        System.setProperty(GatewayOptions.SIMPLE_LOGGER_LEVEL, "warn");
        credentials().resolve(Map.of());
        assertEquals("warn", System.getProperty(GatewayOptions.SIMPLE_LOGGER_LEVEL));
    }
}
