package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * In Chromium: a job's settings saved as a preset from its page, another job's settings copied into the New job form,
 * then the preset run from the Projects view on two chosen SKUs.
 */
class PresetsWebTest {
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
    void saveAJobAsAPresetAndRunItOnTwoSkus() throws Exception {
        String user = "web-presets-" + System.nanoTime();
        Http api = RealStack.as(user);
        ProjectsApiTest.uploadTwelveBySku(api);
        List<JsonNode> images = new ArrayList<>();
        api.get("/images?project=spring&sku=sku-101").json().get("images").forEach(images::add);
        String jobId = Flows.submit(api, OutputNamesApiTest.job(images, "{name}_x2.{ext}", ""));
        Flows.awaitJob(api, jobId, "SUCCEEDED"::equals);

        var driver = browser.driver;
        driver.get(RealStack.get().apiUrl().toString());
        browser.waiting(WAIT).until(d -> browser.labelled("User name")).sendKeys(user);
        browser.button("Sign in").click();
        browser.waiting(WAIT)
                .until(d -> !d.findElements(By.cssSelector("a[data-route='projects']"))
                        .isEmpty());
        driver.navigate().to(RealStack.get().apiUrl() + "#/jobs/" + jobId);
        browser.waiting(WAIT).until(d -> !d.findElements(By.id("save-preset")).isEmpty());
        driver.findElement(By.id("save-preset")).click();
        WebElement name = browser.waiting(WAIT).until(d -> d.findElement(By.id("preset-name")));
        name.clear();
        name.sendKeys("Studio x2");
        browser.button("Save preset").click();
        browser.waiting(WAIT).until(d -> d.findElements(By.id("preset-name")).isEmpty());
        JsonNode presets = api.get("/job-presets").json().get("presets");
        assertThat(presets).hasSize(1);
        assertThat(presets.get(0).get("name").asText()).isEqualTo("Studio x2");
        assertThat(presets.get(0).get("settings").get("operation").asText()).isEqualTo("upscale");
        assertThat(presets.get(0).get("settings").get("params").get("factor").asInt())
                .isEqualTo(2);

        // Copy settings to a new job: a ×4 job's operation and parameters land in the New job form.
        String fourTimes = Flows.submit(
                api,
                "{\"operation\":\"upscale\",\"provider\":\"local\",\"params\":{\"factor\":4},"
                        + "\"items\":[{\"imageId\":\""
                        + images.get(0).get("imageId").asText() + "\"}]}");
        driver.navigate().to(RealStack.get().apiUrl() + "#/jobs/" + fourTimes);
        browser.waiting(WAIT).until(d -> !d.findElements(By.id("copy-settings")).isEmpty());
        driver.findElement(By.id("copy-settings")).click();
        browser.waiting(WAIT).until(d -> "#/new".equals(browser.js("return location.hash")));
        browser.waiting(WAIT).until(d -> !d.findElements(By.id("operation")).isEmpty());
        assertThat(new Select(driver.findElement(By.id("operation")))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("Upscale");
        browser.waiting(WAIT)
                .until(d -> new Select(browser.labelled("Factor"))
                        .getFirstSelectedOption()
                        .getText()
                        .equals("×4"));
        browser.screenshot("37-copied-settings", false);

        driver.navigate().to(RealStack.get().apiUrl() + "#/projects/spring");
        browser.waiting(WAIT)
                .until(d -> d.findElements(By.cssSelector(".sku-card")).size() == 4);
        browser.labelled("Select sku-102").click();
        browser.labelled("Select sku-104").click();
        WebElement run = browser.button("Run on 2 selected SKUs");
        browser.waiting(WAIT)
                .until(d -> d.findElements(By.cssSelector(".sku-thumb img")).size() == 4);
        browser.screenshot("36-run-preset-on-skus", false);
        run.click();
        browser.waiting(WAIT).until(d -> ((String) browser.js("return location.hash")).startsWith("#/jobs/job_"));
        String newJob = ((String) browser.js("return location.hash")).substring("#/jobs/".length());
        JsonNode job = Flows.awaitJob(api, newJob, "SUCCEEDED"::equals);
        assertThat(job.get("name").asText()).isEqualTo("Studio x2");
        assertThat(job.get("counts").get("total").asInt()).isEqualTo(6);
        List<String> skus = new ArrayList<>();
        api.get("/jobs/" + newJob + "/tasks")
                .json()
                .get("tasks")
                .forEach(task -> skus.add(task.get("sku").asText()));
        assertThat(skus).containsOnly("sku-102", "sku-104").hasSize(6);
        assertThat(browser.consoleErrors()).as("browser console errors").isEmpty();
    }

    /**
     * A basic-plan person sees the advanced options off with the reason, and the plan's usage; the API refuses the same
     * (403), so the form and the API agree.
     */
    @Test
    void theFormShowsWhatThePlanLacksOffWithTheReason() throws Exception {
        String user = "web-plans-" + System.nanoTime();
        var driver = browser.driver;
        driver.manage().deleteAllCookies();
        driver.get(RealStack.get().apiUrl().toString());
        browser.js("sessionStorage.clear(); location.reload();");
        browser.waiting(WAIT).until(d -> browser.labelled("User name")).sendKeys(user);
        browser.labelled("Plan (optional)").sendKeys("basic");
        browser.button("Sign in").click();
        driver.navigate().to(RealStack.get().apiUrl() + "#/new");
        browser.waiting(WAIT).until(d -> !d.findElements(By.id("operation")).isEmpty());
        Select operation = new Select(driver.findElement(By.id("operation")));
        WebElement cutout = operation.getOptions().stream()
                .filter(o -> o.getAttribute("value").equals("remove-background"))
                .findFirst()
                .orElseThrow();
        assertThat(cutout.isEnabled()).isFalse();
        assertThat(cutout.getText()).isEqualTo("Remove background (not in your plan)");
        assertThat(operation.getFirstSelectedOption().isEnabled()).isTrue();
        String note = driver.findElement(By.id("plan-note")).getText();
        assertThat(note)
                .startsWith("Your plan (basic) does not include ")
                .contains("remove background", "marketplace presets");
        assertThat(new Select(driver.findElement(By.id("preset"))).getOptions())
                .filteredOn(o -> !o.getAttribute("value").isEmpty())
                .isNotEmpty()
                .allSatisfy(o -> assertThat(o.isEnabled()).isFalse());
        browser.waiting(WAIT)
                .until(d ->
                        d.findElement(By.id("plan-usage")).getText().startsWith("basic plan · 0 of 500 images today"));
        assertThat(driver.findElement(By.id("plan-usage")).getText())
                .isEqualTo("basic plan · 0 of 500 images today · 0 of 2 jobs running · $0.00 of $10.00 this month");
        browser.screenshot("38-plan-basic-job-form", false);
        Http api = new Http(RealStack.get().apiUrl(), RealStack.get().token(user, "basic"));
        assertThat(api.post(
                                "/jobs",
                                "{\"operation\":\"remove-background\",\"provider\":\"local\",\"items\":"
                                        + "[{\"imageId\":\"img_01JD8Z7A1B2C3D4E5F6G7H8J9K\"}]}")
                        .status())
                .as("the API refuses what the form shows off")
                .isEqualTo(403);
        assertThat(browser.consoleErrors()).as("browser console errors").isEmpty();
        browser.js("sessionStorage.clear();"); // the other test signs in afresh
    }
}
