package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The web app in a real headless Chromium against the stack `make run` serves: sign in, upload three PNGs, wait for
 * Ready, submit an upscale ×2 on `local`, see three results at twice the size, compare one, approve one, download
 * all and open the zip — with no console errors, and screenshots (desktop and 390 px) in target/screenshots/.
 */
class WebAppTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Map<String, int[]> FILES = new LinkedHashMap<>();

    static {
        FILES.put("sku-1041-front.png", new int[] {320, 240});
        FILES.put("sku-1041-side.png", new int[] {400, 300});
        FILES.put("sku-2077-detail.png", new int[] {240, 320});
    }

    private static Browser browser;
    private static Path folder;

    @BeforeAll
    static void start() throws Exception {
        RealStack.get();
        browser = Browser.start(1366, 960);
        folder = Files.createTempDirectory("atelier-web-e2e");
        int i = 0;
        for (var file : FILES.entrySet()) {
            Files.write(folder.resolve(file.getKey()), picture(file.getValue()[0], file.getValue()[1], i++));
        }
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (folder != null) Browser.deleteTree(folder);
    }

    @Test
    void signInUploadUpscaleCompareApproveAndDownloadAll() throws Exception {
        String user = "web-" + System.nanoTime();
        var driver = browser.driver;
        driver.get(RealStack.get().apiUrl().toString());

        // Sign in with a user name.
        WebElement userName = browser.waiting(WAIT).until(d -> browser.labelled("User name"));
        userName.sendKeys(user);
        browser.screenshot("01-sign-in", false);
        browser.button("Sign in").click();

        // Upload three images through the "Images" picker; every row goes Uploading → Checking → Ready.
        WebElement images = browser.waiting(WAIT).until(d -> browser.labelled("Images"));
        browser.waiting(WAIT).until(d -> !d.findElements(By.id("operation")).isEmpty());
        browser.js("""
                window.__states = {};
                // Each change's old value, in order; the row's current state completes its history when read. (Reading
                // the current state inside the callback would lose states that changed twice in one batch.)
                new MutationObserver(records => records.forEach(r => {
                  const row = r.target.closest && r.target.closest('.upload-row');
                  if (!row || r.oldValue == null) return;
                  const seen = window.__states[row.dataset.name] ??= [];
                  if (seen[seen.length - 1] !== r.oldValue) seen.push(r.oldValue);
                })).observe(document.getElementById('main'),
                    {subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ['data-state']});
                """);
        // The app paints rows once per frame, and on loopback a 4 KB PUT can finish within one: uploads are slowed to
        // 8 KB/s here so that "Uploading" is on screen long enough to be seen, as it is for real files.
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand(
                "Network.emulateNetworkConditions",
                Map.of("offline", false, "latency", 0, "downloadThroughput", -1, "uploadThroughput", 8 * 1024));
        images.sendKeys(String.join(
                "\n",
                FILES.keySet().stream()
                        .map(name -> folder.resolve(name).toString())
                        .toList()));
        browser.waiting(WAIT)
                .until(d -> d.findElements(By.cssSelector(".upload-row[data-state='ready']"))
                                .size()
                        == 3);
        driver.executeCdpCommand(
                "Network.emulateNetworkConditions",
                Map.of("offline", false, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
        assertThat(driver.findElement(By.id("upload-summary")).getText()).isEqualTo("3 of 3 ready");
        for (WebElement row : driver.findElements(By.cssSelector(".upload-row")))
            assertThat(row.getText()).contains("Ready");
        @SuppressWarnings("unchecked")
        Map<String, List<String>> states = (Map<String, List<String>>) browser.js("""
                for (const row of document.querySelectorAll('.upload-row')) {
                  const seen = window.__states[row.dataset.name] ??= [];
                  if (seen[seen.length - 1] !== row.dataset.state) seen.push(row.dataset.state);
                }
                return window.__states;""");
        for (String name : FILES.keySet()) {
            assertThat(states.get(name)).as(name).containsSubsequence("uploading", "checking", "ready");
        }

        // Upscale ×2 on local.
        new Select(browser.labelled("Operation")).selectByValue("upscale");
        new Select(browser.labelled("Provider")).selectByValue("local");
        assertThat(new Select(browser.labelled("Factor"))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("×2");
        // Upscale takes no prompt: the Prompt box is not shown at all.
        assertThat(driver.findElement(By.id("prompt")).isDisplayed()).isFalse();
        // The form asks for a dry run as it changes: the estimate of the three tasks shows before "Submit job".
        WebElement estimate =
                browser.waiting(WAIT).until(d -> d.findElement(By.cssSelector("#job-estimate[data-state='ready']")));
        assertThat(estimate.findElement(By.id("estimate-total")).getText())
                .matches("Estimated cost: \\$0\\.\\d+ for 3 tasks");
        estimate.findElement(By.xpath(".//summary[starts-with(normalize-space(), 'Per step')]"))
                .click();
        assertThat(estimate.getText()).contains("Step 1: upscale on local: $");
        estimate.findElement(By.xpath(".//summary[starts-with(normalize-space(), 'Per provider')]"))
                .click();
        assertThat(estimate.getText()).contains("local: $");
        assertThat(driver.findElements(By.id("estimate-refused"))).isEmpty();
        // A budget below the estimate: the dry run says how many tasks it would hold, before anything is submitted.
        WebElement budget = browser.labelled("Budget (optional)");
        budget.sendKeys("0.0001");
        browser.waiting(WAIT)
                .until(d -> !d.findElements(By.id("estimate-refused")).isEmpty()
                        && d.findElement(By.id("estimate-refused"))
                                .getText()
                                .contains("holds the estimates of 0 of 3 tasks"));
        browser.screenshot("02b-over-budget", true);
        budget.clear();
        budget.sendKeys(Keys.BACK_SPACE); // clear() fires no input event
        browser.waiting(WAIT)
                .until(d -> d.findElements(By.id("estimate-refused")).isEmpty());
        browser.screenshot("02-images-ready", true);
        browser.button("Submit job").click();

        // The job view: three results, shown in the grid as small previews of results twice the size of their
        // originals.
        browser.waiting(WAIT)
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#job-counts[data-status='SUCCEEDED']")));
        browser.waiting(WAIT).until(d -> resultWidths().size() == 3);
        Map<String, Long> previewWidths = resultWidths();
        for (var file : FILES.entrySet()) {
            int width = file.getValue()[0], height = file.getValue()[1];
            long expected = Math.round(2.0 * width * Math.min(1.0, 384.0 / (2.0 * Math.max(width, height))));
            assertThat(previewWidths.get("Result: " + file.getKey()))
                    .as(file.getKey() + " preview")
                    .isEqualTo(expected);
            driver.findElement(By.cssSelector("button[aria-label='Compare " + file.getKey() + "']"))
                    .click();
            WebElement full = browser.waiting(WAIT)
                    .until(ExpectedConditions.visibilityOfElementLocated(
                            By.cssSelector("dialog[open] img.compare-result")));
            browser.waiting(WAIT)
                    .until(d ->
                            ((Number) browser.js("return arguments[0].naturalWidth", full)).longValue() == 2L * width);
            assertThat(((Number) browser.js("return arguments[0].naturalHeight", full)).longValue())
                    .as(file.getKey())
                    .isEqualTo(2L * height);
            driver.findElement(By.cssSelector("dialog[open]"))
                    .findElement(By.xpath(".//button[normalize-space()='Close']"))
                    .click();
            browser.waiting(WAIT)
                    .until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog[open]")));
        }
        assertThat(driver.findElement(By.id("job-counts")).getText()).isEqualTo("3 of 3 done");
        assertThat(browser.button("Retry failed").isEnabled()).isFalse();
        assertThat(driver.findElements(By.xpath("//button[normalize-space()='Cancel']")).stream()
                        .noneMatch(WebElement::isDisplayed))
                .isTrue();
        browser.screenshot("03-job-succeeded", true);

        // Compare one: the result over its original, moved with the keyboard.
        String compared = "sku-1041-side.png";
        driver.findElement(By.cssSelector("button[aria-label='Compare " + compared + "']"))
                .click();
        WebElement dialog = browser.waiting(WAIT)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog[open]")));
        WebElement result = dialog.findElement(By.cssSelector("img.compare-result"));
        assertThat(result.getAttribute("alt")).isEqualTo("Result: " + compared);
        browser.waiting(WAIT)
                .until(d -> ((Number) browser.js("return arguments[0].naturalWidth", result)).longValue() == 800L);
        WebElement slider = browser.labelled("Compare position (left: original, right: result)");
        assertThat(driver.switchTo().activeElement()).isEqualTo(slider);
        for (int i = 0; i < 15; i++) slider.sendKeys(Keys.ARROW_LEFT);
        assertThat(slider.getAttribute("value")).isEqualTo("35");
        browser.screenshot("04-compare", false);
        dialog.findElement(By.xpath(".//button[normalize-space()='Close']")).click();
        browser.waiting(WAIT).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog[open]")));

        // Approve one; the mark is kept on the task.
        String approved = "sku-1041-front.png";
        driver.findElement(By.cssSelector("button[aria-label='Approve " + approved + "']"))
                .click();
        browser.waiting(WAIT)
                .until(d -> "true"
                        .equals(d.findElement(By.cssSelector("button[aria-label='Approve " + approved + "']"))
                                .getAttribute("aria-pressed")));
        String jobId = (String) browser.js("return location.hash.split('/').pop();");
        Http api = RealStack.as(user);
        JsonNode tasks = api.get("/jobs/" + jobId + "/tasks").json().get("tasks");
        List<String> decisions = new ArrayList<>();
        for (JsonNode task : tasks) {
            JsonNode review = task.get("review");
            decisions.add(task.get("input").get("name").asText() + "="
                    + (review.isNull() ? "none" : review.get("decision").asText()));
        }
        assertThat(decisions)
                .containsExactlyInAnyOrder(approved + "=approve", compared + "=none", "sku-2077-detail.png=none");

        // Download all: one zip of the three results named after the originals, plus manifest.csv.
        browser.button("Download all").click();
        WebElement link =
                browser.waiting(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("archive-link")));
        Map<String, byte[]> zip = unzip(Http.download(link.getAttribute("href")));
        assertThat(zip.keySet())
                .containsExactlyInAnyOrder(
                        "sku-1041-front.png", "sku-1041-side.png", "sku-2077-detail.png", "manifest.csv");
        for (var file : FILES.entrySet()) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(zip.get(file.getKey())));
            assertThat(image.getWidth()).isEqualTo(2 * file.getValue()[0]);
        }
        String manifest = new String(zip.get("manifest.csv"), StandardCharsets.UTF_8);
        assertThat(manifest.lines().count()).isEqualTo(4);
        FILES.keySet().forEach(name -> assertThat(manifest).contains(name));
        // The browser's own download of the same zip.
        browser.waiting(WAIT).until(d -> downloadedZip() != null);
        assertThat(unzip(Files.readAllBytes(downloadedZip())).keySet()).isEqualTo(zip.keySet());
        browser.screenshot("05-reviewed-and-zipped", false);

        driver.findElement(By.linkText("Jobs")).click();
        browser.waiting(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".job-row")));
        browser.screenshot("06-jobs", false);

        // A 390 px wide phone: nothing wider than the screen.
        browser.viewport(390, 844, true);
        driver.navigate().to(RealStack.get().apiUrl() + "#/jobs/" + jobId);
        browser.waiting(WAIT).until(d -> resultWidths().size() == 3);
        assertThat(((Number) browser.js("return window.innerWidth")).intValue()).isEqualTo(390);
        assertThat(((Number) browser.js("return document.documentElement.scrollWidth")).intValue())
                .isLessThanOrEqualTo(390);
        browser.screenshot("07-phone-390-job", false);
        driver.findElement(By.cssSelector("button[aria-label='Compare " + approved + "']"))
                .click();
        browser.waiting(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog[open]")));
        browser.waiting(WAIT)
                .until(d -> (Boolean) browser.js("const i = document.querySelector('dialog[open] img.compare-result');"
                        + " return i.complete && i.naturalWidth > 0;"));
        browser.screenshot("09-phone-390-compare", false);
        driver.findElement(By.xpath("//dialog[@open]//button[normalize-space()='Close']"))
                .click();
        driver.findElement(By.linkText("New job")).click();
        browser.waiting(WAIT).until(d -> !d.findElements(By.id("operation")).isEmpty());
        assertThat(((Number) browser.js("return document.documentElement.scrollWidth")).intValue())
                .isLessThanOrEqualTo(390);
        browser.screenshot("08-phone-390-new-job", true);
        browser.resetViewport();

        assertThat(browser.consoleErrors()).as("browser console errors").isEmpty();
    }

    @Test
    void aPilotRunsItsFirstImageThenWaitsForApprovalShowingTheRestsEstimateAndContinues() throws Exception {
        var driver = browser.driver;
        WebElement images = signInAfresh("web-pilot-" + System.nanoTime(), 1366, 960);
        browser.waiting(WAIT).until(d -> !d.findElements(By.id("operation")).isEmpty());
        images.sendKeys(String.join(
                "\n",
                FILES.keySet().stream()
                        .map(name -> folder.resolve(name).toString())
                        .toList()));
        browser.waiting(WAIT)
                .until(d -> d.findElements(By.cssSelector(".upload-row[data-state='ready']"))
                                .size()
                        == 3);
        new Select(browser.labelled("Operation")).selectByValue("upscale");
        new Select(browser.labelled("Provider")).selectByValue("local");
        browser.labelled("Pilot (first N)").sendKeys("1");
        browser.waiting(WAIT).until(d -> d.findElement(By.cssSelector("#job-estimate[data-state='ready']")));
        browser.button("Submit job").click();

        // The pilot's one result, then the job waits with the rest's estimate and Continue / Cancel.
        browser.waiting(WAIT)
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#job-counts[data-status='AWAITING_APPROVAL']")));
        WebElement panel = browser.waiting(WAIT).until(d -> d.findElement(By.id("pilot-panel")));
        assertThat(panel.findElement(By.id("pilot-title")).getText()).isEqualTo("Pilot finished: check its results");
        assertThat(panel.findElement(By.id("pilot-summary")).getText())
                .matches("The first 1 item ran \\(1 succeeded\\)\\. The other 2 items are waiting, estimated at "
                        + "\\$0\\.\\d+\\. Continue runs them; Cancel cancels them\\.");
        assertThat(panel.findElements(By.xpath(".//button[normalize-space()='Cancel']")))
                .hasSize(1);
        browser.waiting(WAIT).until(d -> resultWidths().size() == 1);
        assertThat(driver.findElement(By.cssSelector("#job-title .badge")).getText())
                .isEqualTo("Awaiting approval");
        browser.screenshot("17-pilot-awaiting-approval", false);

        panel.findElement(By.id("continue-job")).click();
        browser.waiting(WAIT)
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#job-counts[data-status='SUCCEEDED']")));
        browser.waiting(WAIT).until(d -> resultWidths().size() == 3);
        assertThat(driver.findElements(By.id("pilot-panel"))).isEmpty();
        browser.screenshot("18-pilot-continued", false);
    }

    /**
     * "Amazon main image" picked in New job (its rules shown in words) over two uploads, the checks on the cards, then an
     * ordinary convert checked against the same rules, where one result fails: the "Failed checks" filter shows it alone.
     * The compare dialog's background toggle paints white, black and the checkerboard behind the result.
     */
    @Test
    void amazonPresetChecksFailedChecksFilterAndCompareBackgrounds() throws Exception {
        Path shots = Files.createTempDirectory("atelier-web-presets");
        Files.write(shots.resolve("mug-on-white.png"), productOnWhite(1600));
        Files.write(shots.resolve("sku-1041-front.png"), picture(640, 480, 0));
        var driver = browser.driver;
        WebElement images = signInAfresh("web-presets-" + System.nanoTime(), 1280, 900);
        browser.waiting(WAIT).until(d -> !d.findElements(By.id("preset")).isEmpty());
        images.sendKeys(shots.resolve("mug-on-white.png") + "\n" + shots.resolve("sku-1041-front.png"));
        browser.waiting(WAIT)
                .until(d -> d.findElements(By.cssSelector(".upload-row[data-state='ready']"))
                                .size()
                        == 2);

        // The preset replaces operation, provider and parameters; its rules are shown in words.
        new Select(browser.labelled("Preset")).selectByVisibleText("Amazon main image");
        WebElement rules = driver.findElement(By.id("preset-rules"));
        assertThat(rules.getText())
                .startsWith("Pure white background, product ≥ 85 % of the frame, ≥ 1,600 px long side");
        assertThat(driver.findElement(By.id("operation")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.id("checks")).isDisplayed()).isFalse();
        browser.screenshot("10-preset-amazon", true);
        browser.button("Submit job").click();
        browser.waiting(Duration.ofMinutes(4))
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#job-counts[data-status='SUCCEEDED']")));
        browser.waiting(WAIT)
                .until(d -> d.findElements(By.cssSelector(".task-card .task-checks"))
                                .size()
                        == 2);
        assertThat(driver.findElement(By.id("job-title")).getText()).startsWith("remove-background → frame · 2 images");
        browser.screenshot("11-preset-job-checked", true);

        // Compare: the background behind the result switches between checkerboard, white and black.
        driver.findElement(By.cssSelector("button[aria-label='Compare mug-on-white.png']"))
                .click();
        WebElement dialog = browser.waiting(WAIT)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog[open]")));
        WebElement stage = dialog.findElement(By.cssSelector(".compare-stage"));
        assertThat(stage.getCssValue("background-image")).contains("conic-gradient");
        dialog.findElement(By.xpath(".//button[normalize-space()='Black']")).click();
        assertThat(stage.getCssValue("background-color")).isEqualTo("rgba(0, 0, 0, 1)");
        assertThat(stage.getCssValue("background-image")).isEqualTo("none");
        assertThat(dialog.findElement(By.xpath(".//button[normalize-space()='Black']"))
                        .getAttribute("aria-pressed"))
                .isEqualTo("true");
        browser.screenshot("12-compare-black", false);
        dialog.findElement(By.xpath(".//button[normalize-space()='White']")).click();
        assertThat(stage.getCssValue("background-color")).isEqualTo("rgba(255, 255, 255, 1)");
        dialog.findElement(By.xpath(".//button[normalize-space()='Checkerboard']"))
                .click();
        assertThat(stage.getCssValue("background-image")).contains("conic-gradient");
        dialog.findElement(By.xpath(".//button[normalize-space()='Close']")).click();

        // An ordinary convert to JPEG, checked against Amazon's rules: the 640 px photo fails, the 1,600 px shot
        // passes.
        driver.findElement(By.linkText("New job")).click();
        new Select(browser.waiting(WAIT).until(d -> browser.labelled("Preset"))).selectByValue("");
        new Select(browser.labelled("Operation")).selectByValue("convert");
        new Select(browser.labelled("Provider")).selectByValue("local");
        new Select(browser.labelled("Format")).selectByValue("jpeg");
        new Select(browser.labelled("Check results against")).selectByVisibleText("Amazon main image");
        browser.button("Submit job").click();
        browser.waiting(WAIT)
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#job-counts[data-status='SUCCEEDED']")));
        browser.waiting(WAIT)
                .until(d -> d.findElements(By.cssSelector(".task-card .task-checks"))
                                .size()
                        == 2);
        WebElement failed = driver.findElement(By.cssSelector(".task-card .task-checks.failed"));
        assertThat(failed.findElement(By.xpath("./ancestor::li[contains(@class,'task-card')]"))
                        .getText())
                .contains("sku-1041-front.png");
        assertThat(failed.getText()).contains("Long side: 640 px (needs ≥ 1,600 px)");
        assertThat(driver.findElements(By.cssSelector(".task-card .task-checks.passed")))
                .hasSize(1);
        browser.button("Failed checks (1)").click();
        List<String> shown = driver.findElements(By.cssSelector(".task-card")).stream()
                .filter(WebElement::isDisplayed)
                .map(card -> card.findElement(By.cssSelector(".task-name")).getText())
                .toList();
        assertThat(shown).containsExactly("sku-1041-front.png");
        browser.screenshot("13-failed-checks-filter", true);

        browser.viewport(390, 844, true);
        driver.navigate().refresh();
        browser.waiting(WAIT)
                .until(d -> d.findElements(By.cssSelector(".task-card .task-checks"))
                                .size()
                        == 2);
        browser.button("Failed checks (1)").click();
        assertThat(((Number) browser.js("return document.documentElement.scrollWidth")).intValue())
                .isLessThanOrEqualTo(390);
        browser.screenshot("14-phone-390-failed-checks", true);
        driver.findElement(By.cssSelector("button[aria-label='Compare sku-1041-front.png']"))
                .click();
        browser.waiting(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog[open]")));
        browser.screenshot("15-phone-390-compare-backgrounds", false);
        driver.findElement(By.xpath("//dialog[@open]//button[normalize-space()='Close']"))
                .click();
        driver.findElement(By.linkText("New job")).click();
        new Select(browser.waiting(WAIT).until(d -> browser.labelled("Preset")))
                .selectByVisibleText("Amazon main image");
        assertThat(((Number) browser.js("return document.documentElement.scrollWidth")).intValue())
                .isLessThanOrEqualTo(390);
        browser.screenshot("16-phone-390-preset", true);
        browser.resetViewport();
        Browser.deleteTree(shots);
        assertThat(browser.consoleErrors()).as("browser console errors").isEmpty();
    }

    /** A product shot already on pure white, filling 88 % of a square: what Amazon's rules pass once it is a JPEG. */
    /** Signs in as a new user in a fresh session at this window size (another test may have left one); answers "Images". */
    private static WebElement signInAfresh(String user, int width, int height) throws Exception {
        var driver = browser.driver;
        driver.get(RealStack.get().apiUrl().toString());
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("sessionStorage.clear();");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
        driver.get(RealStack.get().apiUrl().toString());
        browser.waiting(WAIT).until(d -> browser.labelled("User name")).sendKeys(user);
        browser.button("Sign in").click();
        return browser.waiting(WAIT).until(d -> browser.labelled("Images"));
    }

    private static byte[] productOnWhite(int side) throws IOException {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, side, side);
        g.setColor(new Color(0x1D4ED8));
        int margin = side * 6 / 100;
        g.fillRoundRect(margin, margin, side - 2 * margin, side - 2 * margin, side / 8, side / 8);
        g.dispose();
        var out = new java.io.ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** naturalWidth of every loaded result preview in the task grid, by alt text. */
    @SuppressWarnings("unchecked")
    private static Map<String, Long> resultWidths() {
        Map<String, Object> raw = (Map<String, Object>) browser.js("""
                const out = {};
                for (const img of document.querySelectorAll('.task-grid img[alt^="Result: "]')) {
                  if (img.complete && img.naturalWidth > 0) out[img.alt] = img.naturalWidth;
                }
                return out;""");
        Map<String, Long> widths = new LinkedHashMap<>();
        raw.forEach((alt, width) -> widths.put(alt, ((Number) width).longValue()));
        return widths;
    }

    private static Path downloadedZip() {
        try (var files = Files.list(browser.downloads)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".zip"))
                    .findFirst()
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static Map<String, byte[]> unzip(byte[] bytes) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; )
                entries.put(entry.getName(), zip.readAllBytes());
        }
        return entries;
    }

    /** A product-shot-like PNG: a soft gradient backdrop with a coloured shape on it. */
    static byte[] picture(int width, int height, int variant) throws IOException {
        Color[][] palettes = {
            {new Color(0xF4EDE4), new Color(0xD9C9B6), new Color(0xC2410C)},
            {new Color(0xE6EEF7), new Color(0xB8CBE0), new Color(0x1D4ED8)},
            {new Color(0xEEF6EE), new Color(0xC6DEC6), new Color(0x15803D)},
        };
        Color[] p = palettes[variant % palettes.length];
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, p[0], 0, height, p[1]));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(0, 0, 0, 40));
        int d = Math.min(width, height) / 2;
        g.fillOval((width - d) / 2 + 6, height - d / 4 - height / 8, d, d / 4);
        g.setColor(p[2]);
        if (variant % 2 == 0) g.fillOval((width - d) / 2, (height - d) / 2 - height / 16, d, d);
        else g.fillRoundRect((width - d) / 2, (height - d) / 2 - height / 16, d, d, d / 5, d / 5);
        g.setColor(new Color(255, 255, 255, 150));
        g.fillOval((width - d) / 2 + d / 5, (height - d) / 2 - height / 16 + d / 6, d / 5, d / 5);
        g.dispose();
        var out = new java.io.ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
