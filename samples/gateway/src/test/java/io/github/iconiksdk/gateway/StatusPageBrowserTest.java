// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.iconiksdk.core.config.GatewayConfig;
import io.github.iconiksdk.testing.RequiredTools;
import io.github.iconiksdk.testkit.FakeIconik;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.StaleElementReferenceException;
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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The status page of a running gateway, in headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * driven by Selenium): the storage, the scanner state and the counters it shows grow as files arrive, without the
 * page reloading; identical errors show as one group with its count; the charts draw series that grow; the search
 * box shows one file's state with a link to its asset. Skipped, saying so, only when Chromium or its driver is not
 * installed. With {@code -Dstatus.screenshot=PATH} the second test saves a screenshot of the page there (the one in
 * docs/operating.md).
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
        RequiredTools.require(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs " + CHROMIUM + " and " + CHROMEDRIVER + ": install Debian's chromium and chromium-driver "
                        + "packages (.ci/run does)");
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
        options.addArguments("--headless", "--window-size=1280,1500", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
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
        waitUpTo(Duration.ofSeconds(60)).withMessage(() -> "#" + id + " never showed \""
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

            // iconik's requests: the SCAN button shows up in the command queues and the recent commands
            waitForText("commands-state", "polling");
            io.github.iconiksdk.core.client.IconikClient.builder().endpoint(fake.url()).credentials(fake.appId(), fake.authToken()).build()
                    .requestScan(fake.storageId(), List.of("day2"), List.of());
            waitForText("commands-events-done", "1");
            assertEquals("0", text("commands-events-pending"));
            assertEquals("0", text("commands-transfers_from-failed"));
            assertTrue(text("recent-command-rows").contains("SCAN"), text("recent-command-rows"));

            // Errors are shown as text, never as markup, whatever a file name holds.
            operations.status().problem("unreadable: <img src=x id=injected>.mov: permission denied");
            waitUpTo(Duration.ofSeconds(30)).until(d -> text("errors").contains("<img src=x"));
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
        waitUpTo(Duration.ofSeconds(30)).until(d -> text("connection").contains("not answering"));
        assertEquals("OFFLINE", fake.gatewayReport(fake.storageId()).orElseThrow().path("status").asText());
    }

    private static String attr(WebElement e, String name) {
        String v = e.getAttribute(name);
        return v == null ? "" : v;
    }

    private int chartPoints(String measure) {
        return Integer.parseInt(attr(browser.findElement(By.id("chart-" + measure)), "data-points").isEmpty() ? "0"
                : attr(browser.findElement(By.id("chart-" + measure)), "data-points"));
    }

    @Test
    void whileRunIngests_thirtyIdenticalErrorsAreOneGroupOfThirty_chartsDrawGrowingSeries_andAFileCanBeLookedUp()
            throws Exception {
        RequiredTools.ffmpeg(); // the error of the 30 files is ffprobe's; without it, a missing tool's, retried
        root = Files.createDirectories(tmp.resolve("storage"));
        // Proxy and keyframe creation on (iconik's default): ffprobe cannot read these 30 ".mov" files, which is
        // the same problem 30 times, each naming its own file.
        fake = FakeIconik.builder().port(0).mountPoint(root.toString())
                .storageSetting("growing_files_threshold", "0").storageSetting("scan_interval_seconds", "1")
                .build().start();
        GatewayConfig config = GatewayConfig.builder().flag("iconik-url", fake.url()).flag("app-id", fake.appId())
                .flag("auth-token", fake.authToken()).flag("storage-id", fake.storageId())
                .flag("data-dir", tmp.resolve("data").toString()).build().requireCredentials();
        StringWriter errText = new StringWriter();
        for (int i = 0; i < 30; i++) {
            write("day1/clip" + i + ".mov");
        }
        try (Gateway gateway = new Gateway(config, new PrintWriter(errText, true));
             GatewayOperations operations = GatewayOperations.start(gateway, gateway.client(), fake.storageId(), 0,
                     false, Duration.ofSeconds(1))) {
            GatewayDaemon daemon = new GatewayDaemon(gateway, new PrintWriter(errText, true));
            CompletableFuture<Integer> running = CompletableFuture.supplyAsync(daemon::run);
            String page = "http://127.0.0.1:" + operations.statusPort() + "/";
            startBrowser().get(page);

            waitForText("files-registered", "30");
            WebDriverWait wait = waitUpTo(Duration.ofSeconds(120));
            wait.withMessage(() -> "no error group of 30 on the page: " + text("errors") + "\n" + errText)
                    .until(d -> d.findElements(By.cssSelector("#errors tr.error-group td.count")).stream()
                            .anyMatch(c -> c.getText().equals("30")));
            // Read in one script: the page re-renders itself, so element references taken here could go stale.
            @SuppressWarnings("unchecked")
            List<String> kinds = (List<String>) ((JavascriptExecutor) browser).executeScript("return Array.from("
                    + "document.querySelectorAll('#errors tr.error-group .kind'), k => k.textContent);");
            assertEquals(1, kinds.size(), "one group for one kind of problem: " + text("errors"));
            assertTrue(kinds.get(0).startsWith("no renditions for <path>"), kinds.get(0));
            assertEquals("1", text("error-kinds"));
            assertEquals("30", text("problem-count"));

            // The charts: inline SVG (nothing loaded from elsewhere), a line per measure, growing as points arrive.
            for (String measure : List.of("files_per_second", "queued", "bytes_uploaded")) {
                By chart = By.id("chart-" + measure);
                assertEquals("svg", browser.findElement(chart).getTagName());
                wait.until(d -> !d.findElement(chart).findElements(By.tagName("polyline")).isEmpty());
            }
            // Nothing is uploaded here (upload_files off): the bytes chart is a flat 0 with no "1 B" at its top.
            assertEquals("0 B", text("bytes-uploaded"));
            List<?> bytesAxis = (List<?>) ((JavascriptExecutor) browser).executeScript("return Array.from("
                    + "document.querySelectorAll('#chart-bytes_uploaded text.axis'), t => t.textContent);");
            assertTrue(bytesAxis.contains("0") && !bytesAxis.contains("1 B"), bytesAxis.toString());
            int before = chartPoints("files_per_second");
            wait.withMessage(() -> "the files chart did not grow past " + before + " points")
                    .until(d -> chartPoints("files_per_second") >= before + 2);
            // In one script too: the chart is drawn anew each second, so a polyline found by one call can be gone
            // (stale) by the next call that reads its points.
            JavascriptExecutor js = (JavascriptExecutor) browser;
            String line = String.valueOf(js.executeScript("const p = document.querySelector("
                    + "'#chart-files_per_second polyline'); return p ? p.getAttribute('points') : '';"));
            assertTrue(line.split(" ").length >= 3, line);
            assertEquals(0L, js.executeScript("return performance.getEntriesByType('resource')"
                    + ".filter(e => !e.name.startsWith(location.origin)).length;"), "the page loaded something from"
                    + " another site");

            HttpResponse<String> json = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(page + "status.json")).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode status = new ObjectMapper().readTree(json.body());
            assertEquals(1, status.path("errors").size(), json.body());
            assertEquals(30, status.at("/errors/0/count").asInt());
            assertTrue(status.at("/errors/0/latest/message").asText().contains("day1/clip"), json.body());
            assertTrue(status.at("/series/files_per_second").size() >= 3, json.body());
            assertTrue(status.at("/series/queued/0").isArray() && status.at("/series/queued/0").size() == 2);

            // The search box: one file's state, with a link to its asset in iconik.
            String assetId = fake.assets().stream().filter(a -> a.path("title").asText().startsWith("clip7"))
                    .findFirst().orElseThrow().path("id").asText();
            browser.findElement(By.id("file-path")).sendKeys("day1/clip7.mov");
            browser.findElement(By.cssSelector("#file-search button")).click();
            wait.until(d -> !d.findElements(By.id("file-table")).isEmpty());
            String table = text("file-table");
            assertTrue(table.contains("Registered yes"), table);
            WebElement link = browser.findElement(By.cssSelector("#file-table a"));
            assertEquals(assetId, link.getText());
            assertEquals(fake.url() + "/asset/" + assetId, attr(link, "href"));
            browser.findElement(By.id("file-path")).clear();
            browser.findElement(By.id("file-path")).sendKeys("day1/none.mov");
            browser.findElement(By.cssSelector("#file-search button")).click();
            wait.until(d -> text("file-result").contains("has not seen day1/none.mov"));

            String shot = System.getProperty("status.screenshot");
            if (shot != null && !shot.isBlank()) {
                browser.findElement(By.id("file-path")).clear();
                browser.findElement(By.id("file-path")).sendKeys("day1/clip7.mov");
                browser.findElement(By.cssSelector("#file-search button")).click();
                wait.until(d -> !d.findElements(By.id("file-table")).isEmpty());
                Path png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
                Files.copy(png, Path.of(shot), StandardCopyOption.REPLACE_EXISTING);
            }
            daemon.requestStop();
            assertEquals(0, running.get(60, TimeUnit.SECONDS));
        }
    }

    /** A wait that tries again when the page re-rendered the element it was reading (the page refreshes itself). */
    private WebDriverWait waitUpTo(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser, timeout);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }
}
