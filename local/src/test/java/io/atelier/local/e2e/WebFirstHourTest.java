package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * What hurt in a first hour with the web app, in a real Chromium: a result downloaded after Compare is saved under its
 * name with its bytes; earlier uploads come back after a reload (and the same file again is offered to skip); Cancel
 * asks, says "Canceling…" and never calls canceled tasks done; Compare shows 100 % and gives the focus back; a 390 px
 * phone has nothing wider than its screen; an expired session says so. Screenshots land in target/screenshots/.
 */
class WebFirstHourTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String FRONT = "shoe-front.png";
    private static final String SIDE = "shoe-side.png";

    private static Browser browser;
    private static Path folder;

    @BeforeAll
    static void start() throws Exception {
        RealStack.get();
        browser = Browser.start(1366, 960);
        folder = Files.createTempDirectory("atelier-web-first-hour");
        Files.write(folder.resolve(FRONT), WebAppTest.picture(320, 240, 0));
        Files.write(folder.resolve(SIDE), WebAppTest.picture(300, 200, 1));
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (folder != null) Browser.deleteTree(folder);
    }

    @Test
    void aFirstHourWithoutTheRoughEdges() throws Exception {
        String user = "first-" + System.nanoTime();
        var driver = browser.driver;
        signIn(user);

        // Two uploads; then a reload: they are listed under "Your images", with previews, ready to select.
        WebElement images = browser.waiting(WAIT).until(d -> browser.labelled("Images"));
        images.sendKeys(folder.resolve(FRONT) + "\n" + folder.resolve(SIDE));
        browser.waiting(WAIT)
                .until(d -> d.findElements(By.cssSelector(".upload-row[data-state='ready']"))
                                .size()
                        == 2);
        driver.navigate().refresh();
        browser.waiting(WAIT)
                .until(d -> d.findElements(By.cssSelector(".library-row")).size() == 2);
        assertThat(driver.findElements(By.cssSelector(".library-row")).stream()
                        .map(r -> r.getAttribute("data-name"))
                        .toList())
                .containsExactlyInAnyOrder(FRONT, SIDE);
        browser.waiting(WAIT)
                .until(
                        d -> (Boolean)
                                browser.js(
                                        "return [...document.querySelectorAll('.library-row img')].every(i => i.complete && i.naturalWidth > 0)"));

        // The same file again is recognised by its SHA-256 and offered to skip; skipping selects the earlier upload.
        browser.labelled("Images").sendKeys(folder.resolve(FRONT).toString());
        WebElement twice = browser.waiting(WAIT)
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector(".upload-row[data-state='duplicate']")));
        assertThat(twice.getText()).contains("Uploaded before", "Same file as \"" + FRONT + "\" in Your images");
        assertThat(twice.findElement(By.cssSelector("button[aria-label^='Remove']"))
                        .getAttribute("title"))
                .contains("nothing was uploaded");
        browser.screenshot("first-01-library-duplicate", true);
        twice.findElement(By.xpath(".//button[normalize-space()='Skip']")).click();
        browser.waiting(WAIT)
                .until(d -> d.findElements(By.cssSelector(".upload-row:not(.library-row)"))
                        .isEmpty());
        assertThat(libraryBox(FRONT).isSelected()).isTrue();
        libraryBox(SIDE).click();
        assertThat(driver.findElement(By.id("ready-line")).getText()).isEqualTo("2 ready images will be processed.");

        // Sliders show their ends.
        new Select(browser.labelled("Operation")).selectByValue("adjust");
        WebElement brightness = browser.labelled("Brightness");
        assertThat(brightness.findElement(By.xpath("..")).getText()).contains("0", "3");
        assertThat(brightness.getAttribute("aria-valuetext")).isEqualTo("1 (from 0 to 3)");
        browser.screenshot("first-02a-sliders", false);

        // An operation without a prompt has no Prompt box at all.
        new Select(browser.labelled("Operation")).selectByValue("upscale");
        new Select(browser.labelled("Provider")).selectByValue("local");
        assertThat(driver.findElement(By.id("prompt")).isDisplayed()).isFalse();
        browser.screenshot("first-02-new-job-from-library", true);
        browser.button("Submit job").click();
        browser.waiting(WAIT)
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#job-counts[data-status='SUCCEEDED']")));
        String jobId = (String) browser.js("return location.hash.split('/').pop();");
        // No name given: the same fallback the API gives a job made without one.
        assertThat(driver.findElement(By.id("job-title")).getText()).startsWith("upscale · 2 images");

        // Compare: 100 % shows the result pixel for pixel; previous stops at the first; the focus comes back to the
        // card.
        browser.waiting(WAIT)
                .until(d -> d.findElements(By.cssSelector(".task-card[data-status='SUCCEEDED'] .task-actions"))
                                .size()
                        == 2);
        WebElement compareButton = driver.findElement(By.cssSelector("button[aria-label='Compare " + FRONT + "']"));
        compareButton.click();
        WebElement dialog = browser.waiting(WAIT)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog[open]")));
        WebElement result = dialog.findElement(By.cssSelector("img.compare-result"));
        browser.waiting(WAIT)
                .until(d -> ((Number) browser.js("return arguments[0].naturalWidth", result)).longValue() == 640L);
        List<String> steps = List.of(
                String.valueOf(dialog.findElement(By.xpath(".//button[normalize-space()='← Previous']"))
                        .getAttribute("disabled")),
                String.valueOf(dialog.findElement(By.xpath(".//button[normalize-space()='Next →']"))
                        .getAttribute("disabled")));
        String position = dialog.findElement(By.cssSelector(".compare-foot .btn-group .muted"))
                .getText();
        // The tasks run in either order: the first card is at one end, and that end's button is the disabled one.
        assertThat(position).isIn("1 of 2", "2 of 2");
        assertThat(steps).containsExactlyInAnyOrder("true", "null");
        dialog.findElement(By.id("compare-zoom")).click();
        browser.waiting(WAIT)
                .until(d ->
                        Math.round(((Number) browser.js("return arguments[0].getBoundingClientRect().width", result))
                                        .doubleValue())
                                == 640L);
        assertThat(Math.round(((Number) browser.js("return arguments[0].getBoundingClientRect().height", result))
                        .doubleValue()))
                .isEqualTo(480L);
        // The stage scrolls (pans) over the picture, which is larger than it at 100 %.
        Number scrollable = (Number)
                browser.js("const s = document.querySelector('.compare-stage'); return s.scrollWidth - s.clientWidth;");
        assertThat(scrollable.intValue()).isGreaterThanOrEqualTo(0);
        browser.screenshot("first-03-compare-100", false);
        dialog.findElement(By.xpath(".//button[normalize-space()='Close']")).click();
        browser.waiting(WAIT).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog[open]")));
        assertThat(driver.switchTo().activeElement().getAttribute("aria-label")).isEqualTo("Compare " + FRONT);

        // Download after Compare: the result is saved as shoe-front.png with the result's bytes (no new tab).
        Http api = RealStack.as(user);
        String resultUrl = null;
        for (JsonNode task : api.get("/jobs/" + jobId + "/tasks").json().get("tasks")) {
            if (task.get("input").get("name").asText().equals(FRONT))
                resultUrl = task.get("output").get("url").asText();
        }
        byte[] expected = Http.download(resultUrl);
        int tabs = driver.getWindowHandles().size();
        driver.findElement(By.cssSelector("button[aria-label='Download the result of " + FRONT + "']"))
                .click();
        Path saved = browser.downloads.resolve(FRONT);
        browser.waiting(WAIT).until(d -> Files.exists(saved) && sizeOf(saved) == expected.length);
        assertThat(Files.readAllBytes(saved)).isEqualTo(expected);
        assertThat(driver.getWindowHandles()).hasSize(tabs);

        // Cancel: asks first, says "Canceling…", and the counts call the canceled tasks canceled, not done.
        Map<String, byte[]> big = new LinkedHashMap<>();
        for (int i = 0; i < 16; i++) big.put("big-" + i + ".png", Flows.png(700 + i, 500));
        List<String> bigIds = Flows.upload(api, big, "image/png");
        for (String id : bigIds) Flows.awaitImage(api, id, "READY"::equals);
        String longJob = Flows.submit(api, Flows.upscaleJob(bigIds, 4));
        driver.navigate().to(RealStack.get().apiUrl() + "#/jobs/" + longJob);
        // The head is redrawn on every poll, so its buttons are found and clicked in one step.
        browser.waiting(WAIT).until(d -> pressInHead("Cancel"));
        WebElement question =
                browser.waiting(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("cancel-question")));
        assertThat(question.getText()).contains("queued task").contains("Results already made are kept.");
        browser.screenshot("first-04-cancel-confirm", false);
        // A slow answer keeps "Canceling…" on screen long enough to see.
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand(
                "Network.emulateNetworkConditions",
                Map.of("offline", false, "latency", 1500, "downloadThroughput", -1, "uploadThroughput", -1));
        browser.waiting(WAIT).until(d -> pressInHead("Yes, cancel"));
        WebElement canceling =
                browser.waiting(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("cancel-state")));
        assertThat(canceling.getText()).isEqualTo("Canceling…");
        browser.screenshot("first-05-canceling", false);
        driver.executeCdpCommand(
                "Network.emulateNetworkConditions",
                Map.of("offline", false, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
        JsonNode ended = Flows.awaitJob(
                api, longJob, s -> List.of("CANCELED", "PARTIAL", "SUCCEEDED").contains(s));
        assertThat(ended.get("status").asText()).isIn("CANCELED", "PARTIAL");
        int succeeded = ended.get("counts").get("succeeded").asInt();
        int canceled = ended.get("counts").get("canceled").asInt();
        browser.waiting(WAIT)
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                        "#job-counts[data-status='" + ended.get("status").asText() + "']")));
        assertThat(driver.findElement(By.id("job-counts")).getText())
                .isEqualTo(succeeded + " of 16 done · " + canceled + " canceled");
        assertThat(((Number) browser.js("return document.querySelector('.job-bar progress').value")).intValue())
                .isEqualTo(succeeded * 100 / 16)
                .isLessThan(100);
        assertThat(driver.findElements(By.id("cancel-state"))).isEmpty();
        browser.screenshot("first-06-canceled", true);

        // The job list: a picture per job, a search by name and status filters.
        driver.navigate().to(RealStack.get().apiUrl() + "#/jobs");
        browser.waiting(WAIT)
                .until(d -> d.findElements(By.cssSelector(".job-row")).size() == 2);
        browser.waiting(WAIT).until(d -> (Boolean) browser.js(
                "return [...document.querySelectorAll('.job-thumb')].every(i => i.complete && i.naturalWidth > 0)"));
        driver.findElement(By.id("job-search")).sendKeys("2 images");
        browser.waiting(WAIT)
                .until(d -> d.findElements(By.cssSelector(".job-row")).size() == 1);
        browser.screenshot("first-07-jobs-search", false);
        driver.findElement(By.id("job-search")).clear();
        browser.js(
                "const s = document.getElementById('job-search'); s.value = ''; s.dispatchEvent(new Event('input'));");
        driver.findElement(By.xpath("//div[@aria-label='Show jobs']/button[normalize-space()='Succeeded']"))
                .click();
        browser.waiting(WAIT)
                .until(d -> d.findElements(By.cssSelector(".job-row")).size() == 1
                        && d.findElement(By.cssSelector(".job-row"))
                                .getAttribute("data-job-id")
                                .equals(jobId));

        // A 390 px phone: nothing wider than the screen on any page, the user's name on screen, no inner scroll box.
        browser.viewport(390, 844, true);
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("#/new", "new-job");
        pages.put("#/jobs", "jobs");
        pages.put("#/jobs/" + jobId, "job-done");
        pages.put("#/jobs/" + longJob, "job-canceled");
        for (String page : pages.keySet()) {
            driver.navigate().to(RealStack.get().apiUrl() + page);
            browser.waiting(WAIT)
                    .until(d -> !d.findElements(By.cssSelector("#main h1")).isEmpty()
                            && d.findElements(By.cssSelector("[aria-busy='true']"))
                                    .isEmpty());
            if (page.equals("#/new"))
                browser.waiting(WAIT)
                        .until(d ->
                                !d.findElements(By.cssSelector(".library-row")).isEmpty());
            else if (page.startsWith("#/jobs/"))
                browser.waiting(WAIT)
                        .until(d ->
                                !d.findElements(By.cssSelector(".task-card")).isEmpty());
            else
                browser.waiting(WAIT)
                        .until(d -> !d.findElements(By.cssSelector(".job-row")).isEmpty());
            assertThat(tooWide())
                    .as("elements wider than the screen on " + page)
                    .isEmpty();
            assertThat(innerScrollBoxes())
                    .as("scroll boxes inside the page on " + page)
                    .isEmpty();
            assertThat(driver.findElement(By.id("account-name")).isDisplayed())
                    .as("user name on " + page)
                    .isTrue();
            browser.screenshot("first-08-phone-" + pages.get(page), true);
        }
        // Compare at 100 % on the phone: the picture pans inside the dialog, the page itself stays put.
        driver.navigate().to(RealStack.get().apiUrl() + "#/jobs/" + jobId);
        browser.waiting(WAIT)
                .until(ExpectedConditions.elementToBeClickable(
                        By.cssSelector("button[aria-label='Compare " + FRONT + "']")))
                .click();
        browser.waiting(WAIT)
                .until(ExpectedConditions.elementToBeClickable(By.id("compare-zoom")))
                .click();
        browser.waiting(WAIT).until(d -> (Boolean) browser.js("const s = document.querySelector('.compare-stage');"
                + " return s.classList.contains('zoomed') && s.scrollWidth > s.clientWidth;"));
        assertThat(((Number) browser.js("return document.documentElement.scrollWidth")).intValue())
                .isLessThanOrEqualTo(390);
        browser.screenshot("first-08-phone-compare-100", false);
        driver.findElement(By.xpath("//dialog[@open]//button[normalize-space()='Close']"))
                .click();
        driver.navigate().to(RealStack.get().apiUrl() + "#/new");
        browser.waiting(WAIT).until(d -> !d.findElements(By.id("ready-line")).isEmpty());
        assertThat(driver.findElement(By.id("ready-line")).getText()).doesNotContain("left");
        browser.resetViewport();

        // An expired session says so on the sign-in page.
        String expired = "e30."
                + Base64.getUrlEncoder().withoutPadding().encodeToString("{\"exp\":1}".getBytes(StandardCharsets.UTF_8))
                + ".x";
        browser.js(
                "sessionStorage.setItem('atelier.session.v1', JSON.stringify({user: arguments[0], token: arguments[1]}));",
                user,
                expired);
        driver.navigate().refresh();
        WebElement error =
                browser.waiting(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-error")));
        assertThat(error.getText()).contains("session has expired");
        assertThat(error.getCssValue("color")).isEqualTo("rgba(185, 28, 28, 1)");
        browser.screenshot("first-09-session-expired", false);

        assertThat(browser.consoleErrors()).as("browser console errors").isEmpty();
    }

    private static void signIn(String user) throws Exception {
        browser.driver.get(RealStack.get().apiUrl().toString());
        browser.waiting(WAIT).until(d -> browser.labelled("User name")).sendKeys(user);
        browser.button("Sign in").click();
        browser.waiting(WAIT).until(d -> !d.findElements(By.id("operation")).isEmpty());
    }

    private static boolean pressInHead(String text) {
        return (Boolean) browser.js("""
                const b = [...document.querySelectorAll('.job-head button')].find(b => b.textContent.trim() === arguments[0]);
                if (b) b.click();
                return !!b;""", text);
    }

    private static WebElement libraryBox(String name) {
        return browser.driver.findElement(
                By.cssSelector(".library-row[data-name='" + name + "'] input[type='checkbox']"));
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /** Visible elements that reach past the right edge of the window (or start left of it). */
    @SuppressWarnings("unchecked")
    private static List<String> tooWide() {
        return (List<String>) browser.js("""
                const out = [];
                for (const e of document.querySelectorAll('body *')) {
                  const r = e.getBoundingClientRect();
                  if (r.width === 0 || r.height === 0 || e.closest('.visually-hidden, dialog:not([open])')) continue;
                  if (r.right > innerWidth + 0.5 || r.left < -0.5) out.push(e.tagName + '.' + e.className + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
                }
                return out.slice(0, 10);""");
    }

    /** Elements that scroll on their own inside the scrolling page. */
    @SuppressWarnings("unchecked")
    private static List<String> innerScrollBoxes() {
        return (List<String>) browser.js("""
                const out = [];
                for (const e of document.querySelectorAll('#main *')) {
                  const s = getComputedStyle(e);
                  const scrolls = (/(auto|scroll)/.test(s.overflowY) && e.scrollHeight > e.clientHeight + 1)
                    || (/(auto|scroll)/.test(s.overflowX) && e.scrollWidth > e.clientWidth + 1);
                  if (scrolls) out.push(e.tagName + '.' + e.className);
                }
                return out;""");
    }
}
