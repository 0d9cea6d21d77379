package io.github.iconiksdk.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.iconiksdk.core.config.GatewayConfig;
import io.github.iconiksdk.testkit.FakeIconik;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The status page of a running gateway, in headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * driven by Selenium): the storage, the scanner state and the counters it shows grow as files arrive, without the
 * page reloading. Skipped, saying so, only when Chromium or its driver is not installed.
 */
class StatusPageBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path tmp;
    private FakeIconik fake;
    private Path root;
    private WebDriver browser;
    private ChromeDriverService driverService;

    @BeforeEach
    void requireChromium() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "SKIPPED: the status page's browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
                        + " (Debian: apt-get install chromium chromium-driver; .ci/run installs them)");
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (driverService != null) {
            driverService.stop();
        }
        if (fake != null) {
            fake.stop();
        }
    }

    private WebDriver startBrowser() throws IOException {
        driverService = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + Files.createDirectories(tmp.resolve("chromium-profile")));
        browser = new ChromeDriver(driverService, options);
        return browser;
    }

    private void write(String path) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "content of " + path, StandardCharsets.UTF_8);
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private void waitForText(String id, String expected) {
        new WebDriverWait(browser, Duration.ofSeconds(60)).withMessage(() -> "#" + id + " never showed \""
                + expected + "\"; it shows \"" + text(id) + "\"").until(d -> expected.equals(text(id)));
    }

    @Test
    void statusPage_showsTheStorageAndCounters_growingAsFilesArrive_withoutReloading() throws Exception {
        root = Files.createDirectories(tmp.resolve("storage"));
        fake = FakeIconik.builder().port(0).mountPoint(root.toString())
                .storageSetting("growing_files_threshold", "0").storageSetting("scan_interval_seconds", "1")
                .storageSetting("local_proxy_creation", "false").storageSetting("local_keyframe_creation", "false")
                .build().start();
        String storageName = fake.storages().stream().filter(s -> s.path("id").asText().equals(fake.storageId()))
                .findFirst().orElseThrow().path("name").asText();
        GatewayConfig config = GatewayConfig.builder().flag("iconik-url", fake.url()).flag("app-id", fake.appId())
                .flag("auth-token", fake.authToken()).flag("storage-id", fake.storageId())
                .flag("data-dir", tmp.resolve("data").toString()).build().requireCredentials();
        StringWriter errText = new StringWriter();
        write("day1/a.mov");
        write("day1/b.wav");
        write("day1/c.jpg");
        try (Gateway gateway = new Gateway(config, new PrintWriter(errText, true));
             GatewayOperations operations = GatewayOperations.start(gateway, gateway.client(), fake.storageId(), 0,
                     false)) {
            GatewayDaemon daemon = new GatewayDaemon(gateway, new PrintWriter(errText, true));
            CompletableFuture<Integer> running = CompletableFuture.supplyAsync(daemon::run);
            String page = "http://127.0.0.1:" + operations.statusPort() + "/";

            startBrowser().get(page);
            assertEquals("iconik gateway status", browser.getTitle());
            waitForText("storage-name", storageName);
            assertEquals(fake.storageId(), text("storage-id"));
            waitForText("files-registered", "3");
            assertTrue(Set.of("Inactive", "Active").contains(text("scanner-state")), text("scanner-state"));
            assertNotEquals("never", text("last-scan"));
            JavascriptExecutor js = (JavascriptExecutor) browser;
            js.executeScript("window.loadedOnce = 'same page';");

            write("day2/d.mov");
            write("day2/e.mov");
            waitForText("files-registered", "5");
            assertEquals("same page", js.executeScript("return window.loadedOnce;"),
                    "the page reloaded instead of updating in place");

            // Errors are shown as text, never as markup, whatever a file name holds.
            operations.status().problem("unreadable: <img src=x id=injected>.mov: permission denied");
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> text("errors").contains("<img src=x"));
            assertTrue(browser.findElements(By.id("injected")).isEmpty(), "an error message was rendered as HTML");
            assertEquals("1", text("problem-count"));

            HttpResponse<String> json = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(page + "status.json")).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode status = new ObjectMapper().readTree(json.body());
            assertEquals(storageName, status.at("/storage/name").asText());
            assertEquals(5, status.at("/files/registered").asInt());
            assertTrue(status.at("/scanner/scans").asInt() >= 2, json.body());

            daemon.requestStop();
            assertEquals(0, running.get(30, TimeUnit.SECONDS));
        }
        // Stopped: the page says the gateway is gone rather than showing stale numbers as live.
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> text("connection").contains("not answering"));
        assertEquals("OFFLINE", fake.gatewayReport(fake.storageId()).orElseThrow().path("status").asText());
    }
}
