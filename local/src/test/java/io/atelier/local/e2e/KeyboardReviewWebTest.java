package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * In Chromium: 12 images named by SKU uploaded with a naming pattern (its live example the server's answer), 4 SKUs in
 * the Projects view, a saved preset ({@code {sku}/{sku}_{role}.{ext}}) run on a manifest uploaded through its preview
 * (a bad row shown on its row first), the results reviewed in compare from the
 * keyboard (A, R, arrows; the next pair loaded ahead), two rejected results re-run with a new prompt from the re-run
 * dialog (a bad parameter answered in the dialog), the earlier attempt shown in compare, the rest approved by filter,
 * and the approved set downloaded as a zip with one folder per SKU.
 */
class KeyboardReviewWebTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        RealStack.get();
        browser = Browser.start(1280, 900);
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
    }

    @Test
    void reviewWithTheKeyboardRerunTwoRejectedAndDownloadTheApprovedPerSku() throws Exception {
        String user = "web-review-" + System.nanoTime();
        Http api = RealStack.as(user);
        Http.Reply preset = api.post(
                "/job-presets",
                "{\"name\":\"Upscale per SKU\",\"settings\":{\"operation\":\"upscale\",\"provider\":\"local\","
                        + "\"params\":{\"factor\":2},\"outputName\":\"{sku}/{sku}_{role}.{ext}\"}}");
        assertThat(preset.status()).as(preset.body()).isEqualTo(201);
        Path folder = Files.createTempDirectory("atelier-web-review");
        List<String> names = new ArrayList<>();
        for (int sku = 1; sku <= 4; sku++)
            for (String role : List.of("main", "back", "side")) {
                String name = "sku-10" + sku + "-" + role + ".png";
                Files.write(folder.resolve(name), distinctPng(names.size()));
                names.add(name);
            }

        var driver = browser.driver;
        driver.get(RealStack.get().apiUrl().toString());
        browser.waiting(WAIT).until(d -> browser.labelled("User name")).sendKeys(user);
        browser.button("Sign in").click();
        browser.waiting(WAIT)
                .until(d -> !d.findElements(By.cssSelector("a[data-route='projects']"))
                        .isEmpty());

        // Upload 12 images named by SKU: the naming pattern's live example is the server's answer for each file.
        browser.waiting(WAIT).until(d -> browser.labelled("Project (optional)")).sendKeys("spring");
        new Select(browser.labelled("SKU and role from file names")).selectByVisibleText("{sku}-{role}.jpg");
        driver.findElement(By.id("images"))
                .sendKeys(String.join(
                        "\n",
                        names.stream().map(n -> folder.resolve(n).toString()).toList()));
        WebElement release = browser.waiting(WAIT).until(d -> browser.button("Upload 12 files"));
        // The example is redrawn as each answer arrives: read it whole, in one go, until it is the last one.
        String example =
                "return (document.querySelector(\"#name-example li[data-name='sku-101-main.png']\")?.dataset.sku ?? '')"
                        + " + ' ' + (document.querySelector(\"#name-example li[data-name='sku-101-main.png']\")?.dataset.role ?? '')"
                        + " + ' | ' + (document.getElementById('name-example-note')?.textContent ?? '')";
        String wanted = "sku-101 main | 12 of 12 files follow the pattern; the first 5:";
        browser.waiting(WAIT)
                .withMessage(() -> "the naming example reads: " + browser.js(example))
                .until(d -> wanted.equals(browser.js(example)));
        browser.screenshot("28-naming-pattern", false);
        click(release);
        browser.waiting(WAIT)
                .until(d -> d.findElements(By.cssSelector(".upload-row[data-state='ready']"))
                                .size()
                        == 12);

        // The Projects view: 4 SKUs.
        driver.findElement(By.cssSelector("a[data-route='projects']")).click();
        click(browser.waiting(WAIT).until(d -> d.findElement(By.cssSelector(".project-list a"))));
        browser.waiting(WAIT)
                .until(d -> d.findElements(By.cssSelector(".sku-thumb img")).size() == 4);
        assertThat(driver.findElements(By.cssSelector(".sku-card")))
                .extracting(card -> card.getAttribute("data-sku"))
                .containsExactly("sku-101", "sku-102", "sku-103", "sku-104");
        browser.screenshot("29-projects-skus", false);

        // A manifest through the preview: a bad row is shown on its row, nothing runs; the fixed one runs the preset.
        driver.navigate().to(RealStack.get().apiUrl() + "#/new");
        StringBuilder csv = new StringBuilder("image,sku,customId\n");
        for (String name : names)
            csv.append(name)
                    .append(',')
                    .append(name, 0, 7)
                    .append(',')
                    .append(name, 8, name.length() - 4)
                    .append('\n');
        Path good = folder.resolve("spring.csv");
        Files.writeString(good, csv);
        Path bad = folder.resolve("spring-typo.csv");
        Files.writeString(bad, csv.toString().replace("sku-102-back.png", "sku-102-bak.png"));
        browser.waiting(WAIT)
                .until(d -> d.findElements(By.cssSelector("#manifest-settings option"))
                                .size()
                        == 2);
        new Select(browser.labelled("Run with")).selectByVisibleText("Preset: Upscale per SKU");
        WebElement manifestFile = driver.findElement(By.id("manifest-file"));
        manifestFile.sendKeys(bad.toString());
        WebElement badRow =
                browser.waiting(WAIT).until(d -> d.findElement(By.cssSelector("#manifest-preview tr.has-error")));
        assertThat(badRow.getAttribute("data-row")).isEqualTo("6");
        assertThat(badRow.getText()).contains("image: no image named \"sku-102-bak.png\"");
        assertThat(driver.findElements(By.cssSelector("#manifest-preview tbody tr")))
                .hasSize(12);
        assertThat(driver.findElement(By.id("manifest-run")).isEnabled()).isFalse();
        browser.js("arguments[0].scrollIntoView({block: 'center'})", badRow);
        browser.screenshot("30-manifest-preview", false);
        manifestFile.sendKeys(good.toString());
        browser.waiting(WAIT)
                .until(d -> d.findElement(By.id("manifest-status")).getText().startsWith("12 rows read · all can run"));
        assertThat(driver.findElements(By.cssSelector("#manifest-preview tr.has-error")))
                .isEmpty();
        click(browser.button("Run preset on 12 rows"));
        browser.waiting(WAIT).until(d -> d.getCurrentUrl().contains("#/jobs/job_"));
        String url = driver.getCurrentUrl();
        String jobId = url.substring(url.indexOf("#/jobs/") + "#/jobs/".length());
        JsonNode submitted = Flows.awaitJob(api, jobId, "SUCCEEDED"::equals);
        assertThat(submitted.get("outputName").asText()).isEqualTo("{sku}/{sku}_{role}.{ext}");
        browser.waiting(WAIT)
                .until(d -> d.findElements(By.cssSelector(".task-card[data-status='SUCCEEDED']"))
                                .size()
                        == 12);
        browser.waiting(WAIT)
                .until(d -> d.findElement(By.id("review-progress"))
                        .getText()
                        .equals("Review: 0 approved · 0 rejected · 12 to review"));

        // Compare the first result, then review from the keyboard alone.
        driver.findElements(By.cssSelector(".task-actions button")).get(0).click();
        WebElement dialog = browser.waiting(WAIT)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog[open].compare")));
        List<String> order = new ArrayList<>();
        for (WebElement card : driver.findElements(By.cssSelector(".task-card")))
            order.add(card.getAttribute("data-task-id"));
        assertThat(dialog.getAttribute("data-preloaded"))
                .as("the next pair is loaded ahead")
                .isEqualTo(order.get(1));
        Actions keys = new Actions(driver);
        keys.sendKeys("a").perform();
        awaitPosition(2);
        assertThat(dialog.getAttribute("data-preloaded")).isEqualTo(order.get(2));
        assertThat(driver.switchTo().activeElement().getText())
                .as("off the slider: arrows move")
                .isEqualTo("Approve");
        keys.sendKeys("r").perform();
        awaitPosition(3);
        keys.sendKeys("r").perform();
        awaitPosition(4);
        keys.sendKeys(Keys.ARROW_LEFT).perform();
        awaitPosition(3);
        assertThat(driver.findElement(By.id("compare-progress")).getText())
                .isEqualTo("1 approved · 2 rejected · 9 to review");
        browser.waiting(WAIT)
                .until(d -> (Boolean) browser.js("const i = document.querySelector('dialog[open] img.compare-result');"
                        + " return i.complete && i.naturalWidth > 0;"));
        browser.screenshot("31-keyboard-review", false);
        keys.sendKeys(Keys.ARROW_RIGHT).perform();
        awaitPosition(4);
        for (int i = 4; i <= 12; i++) {
            keys.sendKeys("A").perform();
            int expected = Math.min(12, i + 1);
            if (i < 12) awaitPosition(expected);
        }
        browser.waiting(WAIT)
                .until(d -> d.findElement(By.id("compare-progress"))
                        .getText()
                        .equals("10 approved · 2 rejected · 0 to review"));
        dialog.findElement(By.xpath(".//button[normalize-space()='Close']")).click();
        browser.waiting(WAIT).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog[open]")));
        JsonNode job = api.get("/jobs/" + jobId).json();
        assertThat(job.get("review").get("approved").asInt()).isEqualTo(10);
        assertThat(job.get("review").get("rejected").asInt()).isEqualTo(2);
        List<String> rejected = List.of(order.get(1), order.get(2));
        for (JsonNode task : api.get("/jobs/" + jobId + "/tasks").json().get("tasks"))
            assertThat(task.get("review").get("decision").asText())
                    .as(task.get("taskId").asText())
                    .isEqualTo(rejected.contains(task.get("taskId").asText()) ? "reject" : "approve");
        browser.waiting(WAIT)
                .until(d -> d.findElement(By.id("review-progress"))
                        .getText()
                        .equals("Review: 10 approved · 2 rejected · 0 to review"));

        // Re-run the two rejected with a new prompt, from a dialog (a bad parameter is answered there, naming it).
        // The toolbar follows the cards, which follow the marks just made: it may be a poll behind the job's line.
        click(browser.waiting(WAIT)
                .withMessage(() -> "toolbar: "
                        + driver.findElement(By.cssSelector(".toolbar")).getText())
                .until(d -> browser.button("Re-run rejected (2)")));
        WebElement rerun = browser.waiting(WAIT)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog[open].rerun")));
        WebElement prompt = browser.labelled("Prompt");
        prompt.clear();
        prompt.sendKeys("pure white background, softer shadow");
        WebElement params = rerun.findElement(By.id("rerun-params"));
        params.clear();
        params.sendKeys("{\"factor\": 99}");
        browser.button("Re-run 2 results").click();
        browser.waiting(WAIT).until(d -> d.findElement(By.id("rerun-error")).isDisplayed());
        assertThat(driver.findElement(By.id("rerun-error")).getText()).contains("params.factor");
        params.clear();
        params.sendKeys("{\"factor\": 4}");
        browser.screenshot("31b-rerun-dialog", false);
        browser.button("Re-run 2 results").click();
        browser.waiting(WAIT)
                .until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog[open].rerun")));
        Flows.awaitJob(api, jobId, "SUCCEEDED"::equals);
        for (String taskId : rejected) {
            JsonNode task = api.get("/jobs/" + jobId + "/tasks?ids=" + taskId)
                    .json()
                    .get("tasks")
                    .get(0);
            assertThat(task.get("attempt").asInt()).isEqualTo(2);
            assertThat(task.get("prompt").asText()).isEqualTo("pure white background, softer shadow");
            assertThat(task.get("previousAttempts").get(0).get("review").asText())
                    .isEqualTo("reject");
        }
        browser.waiting(WAIT)
                .until(d -> d.findElement(By.id("review-progress"))
                        .getText()
                        .equals("Review: 10 approved · 0 rejected · 2 to review"));

        // Compare shows the earlier attempt of a re-run result.
        browser.waiting(WAIT)
                .until(d -> d.findElements(By.cssSelector(".task-card[data-task-id='" + rejected.get(0)
                                        + "'][data-status='SUCCEEDED'] .task-actions button"))
                                .size()
                        > 0);
        click(driver.findElement(
                By.cssSelector(".task-card[data-task-id='" + rejected.get(0) + "'] .task-actions button")));
        dialog = browser.waiting(WAIT)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog[open].compare")));
        WebElement earlier = dialog.findElement(By.xpath(".//button[normalize-space()='Attempt 1 (rejected)']"));
        assertThat(dialog.findElement(By.xpath(".//button[normalize-space()='Attempt 2 (current)']"))
                        .getAttribute("aria-pressed"))
                .isEqualTo("true");
        earlier.click();
        browser.waiting(WAIT)
                .until(d -> (Boolean) browser.js("const i = document.querySelector('dialog[open] img.compare-result');"
                        + " return i.complete && i.naturalWidth === 128;"));
        browser.screenshot("32-compare-attempts", false);
        dialog.findElement(By.xpath(".//button[normalize-space()='Close']")).click();
        browser.waiting(WAIT).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog[open]")));

        // Approve what is left by filter, then download the approved set: one folder per SKU.
        new Select(browser.labelled("Review by filter")).selectByVisibleText("Unreviewed results");
        click(browser.button("Approve all"));
        browser.waiting(WAIT)
                .until(d -> d.findElement(By.id("review-progress"))
                        .getText()
                        .equals("Review: 12 approved · 0 rejected · 0 to review"));
        click(driver.findElement(By.id("only-approved")));
        click(browser.button("Download all"));
        WebElement link =
                browser.waiting(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("archive-link")));
        Map<String, byte[]> zip = OutputNamesApiTest.unzip(Http.download(link.getAttribute("href")));
        assertThat(zip).hasSize(13).containsKey("manifest.csv");
        assertThat(zip.keySet().stream()
                        .filter(name -> !name.equals("manifest.csv"))
                        .map(name -> name.substring(0, name.indexOf('/')))
                        .distinct())
                .containsExactlyInAnyOrder("sku-101", "sku-102", "sku-103", "sku-104");
        assertThat(zip.keySet()).contains("sku-101/sku-101_main.png", "sku-104/sku-104_side.png");
        browser.screenshot("33-approved-zip", true);
        // The two 400s are sent on purpose (the manifest's bad row, the bad parameter); Chromium logs every failed
        // fetch.
        assertThat(browser.consoleErrors())
                .as("browser console errors")
                .allMatch(error -> error.contains("status of 400"))
                .anyMatch(error -> error.contains("/jobs/" + jobId + "/rerun"))
                .hasSize(2);
    }

    /** A 64 px PNG unlike the others (the app offers to skip a file it has seen), so each of the 12 is uploaded. */
    private static byte[] distinctPng(int index) throws java.io.IOException {
        var image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(Flows.png(64, 64)));
        image.setRGB(index, 0, 0xFF0000 + index);
        var out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** Clicks with the element in the middle of the window, clear of the sticky top bar. */
    private static void click(WebElement element) {
        browser.js("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    private static void awaitPosition(int position) {
        browser.waiting(WAIT)
                .until(d -> d.findElement(By.cssSelector("dialog[open].compare .compare-foot .btn-group span.small"))
                        .getText()
                        .equals(position + " of 12"));
    }
}
