package io.atelier.local.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Debian Chromium in headless mode, driven by its own chromedriver: both paths are given explicitly, so Selenium
 * Manager is never asked for a driver or a browser (and the tests set it offline in case anything does).
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("atelier.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("atelier.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** Selenium warns on every start that it has no CDP bindings for this Chromium: nothing here uses them. */
    private static final java.util.logging.Logger SELENIUM_LOG =
            java.util.logging.Logger.getLogger("org.openqa.selenium");

    static {
        SELENIUM_LOG.setLevel(Level.SEVERE);
    }

    final ChromeDriver driver;
    final Path downloads;
    private final Path profile;
    private final List<LogEntry> console = new ArrayList<>();

    private Browser(ChromeDriver driver, Path profile, Path downloads) {
        this.driver = driver;
        this.profile = profile;
        this.downloads = downloads;
    }

    static Browser start(int width, int height) throws IOException {
        return start(width, height, null);
    }

    /**
     * With {@code traceCategories}, chromedriver also records Chromium's performance trace in those categories and hands
     * it over in the "performance" log ({@link #traceEvents()}).
     */
    static Browser start(int width, int height, String traceCategories) throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("The web end-to-end test needs Chromium and its driver at " + CHROMIUM
                    + " and " + CHROMEDRIVER + ": apt-get install chromium chromium-driver (as .ci/run does)");
        }
        Path profile = Files.createTempDirectory("atelier-chromium-profile");
        Path downloads = Files.createTempDirectory("atelier-chromium-downloads");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-default-apps",
                "--disable-extensions",
                "--mute-audio",
                "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height,
                "--lang=en-GB");
        options.setExperimentalOption(
                "prefs",
                Map.of(
                        "download.default_directory", downloads.toString(),
                        "download.prompt_for_download", false,
                        "safebrowsing.enabled", false));
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        if (traceCategories != null) {
            logging.enable(LogType.PERFORMANCE, Level.ALL);
            options.setExperimentalOption(
                    "perfLoggingPrefs",
                    Map.of("enableNetwork", false, "enablePage", false, "traceCategories", traceCategories));
        }
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(java.io.OutputStream.nullOutputStream())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        // Downloads in headless Chromium go where the test can read them.
        driver.executeCdpCommand(
                "Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        return new Browser(driver, profile, downloads);
    }

    WebDriverWait waiting(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(50));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The control a <label> with exactly this text names (checks the label is there and wired to it). */
    WebElement labelled(String text) {
        return labelledIn(driver.findElement(By.tagName("body")), text);
    }

    /** The control labelled {@code text} inside {@code scope} (two panels of a page may both have a "Project"). */
    WebElement labelledIn(WebElement scope, String text) {
        for (WebElement label : scope.findElements(By.tagName("label"))) {
            if (label.getText().trim().equals(text) && label.getAttribute("for") != null) {
                return driver.findElement(By.id(label.getAttribute("for")));
            }
        }
        throw new org.openqa.selenium.NoSuchElementException("no control labelled \"" + text + "\"");
    }

    /** The visible button with exactly this text. */
    WebElement button(String text) {
        return driver.findElements(By.tagName("button")).stream()
                .filter(b -> visibleWithText(b, text))
                .findFirst()
                .orElseThrow(
                        () -> new org.openqa.selenium.NoSuchElementException("no visible button \"" + text + "\""));
    }

    /** A button the page redrew away while the others were looked at is not the one asked for. */
    private static boolean visibleWithText(WebElement button, String text) {
        try {
            return button.isDisplayed() && button.getText().trim().equals(text);
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return false;
        }
    }

    /** Emulates a phone-sized viewport (Chromium's own windows do not go below ~500 px wide). */
    void viewport(int width, int height, boolean mobile) {
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", mobile ? 2 : 1, "mobile", mobile));
    }

    void resetViewport() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /** Saves the viewport (or with fullPage the whole page) as target/screenshots/name.png. */
    Path screenshot(String name, boolean fullPage) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        byte[] png;
        if (fullPage) {
            Map<String, Object> shot = driver.executeCdpCommand(
                    "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
            png = java.util.Base64.getDecoder().decode((String) shot.get("data"));
        } else {
            png = driver.getScreenshotAs(OutputType.BYTES);
        }
        Files.write(file, png);
        return file;
    }

    /** Every console message so far (the browser hands each over once; this keeps them). */
    List<LogEntry> console() {
        driver.manage().logs().get(LogType.BROWSER).forEach(console::add);
        return List.copyOf(console);
    }

    List<String> consoleErrors() {
        return console().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /** The trace events recorded since the last call, each the JSON text of one "Tracing.dataCollected" message. */
    List<String> traceEvents() {
        return driver.manage().logs().get(LogType.PERFORMANCE).getAll().stream()
                .map(LogEntry::getMessage)
                .toList();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
        }
    }

    static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
