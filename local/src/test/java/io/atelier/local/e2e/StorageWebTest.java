package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * In Chromium: "Import from S3" on the new-job page (an import, then a job straight from a prefix, its progress and
 * refused objects shown), and "Export to S3" of a job's approved results.
 */
class StorageWebTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        IntegrationsStack.get();
        browser = Browser.start(1280, 900);
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
    }

    @Test
    void importAPrefixThenExportTheApprovedResults() throws Exception {
        String user = "web-storage-" + System.nanoTime();
        Http api = IntegrationsStack.as(user);
        S3Client s3 = IntegrationsStack.get().aws().s3();
        for (String bucket : List.of(ImportEndToEndTest.BUCKET, ExportEndToEndTest.BUCKET))
            if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket)))
                s3.createBucket(b -> b.bucket(bucket));
        String source = "web-" + System.nanoTime() + "/";
        for (int i = 0; i < 3; i++)
            s3.putObject(
                    b -> b.bucket(ImportEndToEndTest.BUCKET).key(source + "bag-" + System.nanoTime() + ".png"),
                    RequestBody.fromBytes(Flows.png(30, 30)));
        s3.putObject(b -> b.bucket(ImportEndToEndTest.BUCKET).key(source + "readme.txt"), RequestBody.fromString("hi"));

        List<String> images = Flows.upload(api, Map.of("hat.png", Flows.png(32, 24)), "image/png");
        Flows.awaitImage(api, images.get(0), "READY"::equals);
        String jobId = Flows.submit(api, Flows.upscaleJob(images, 2));
        Flows.awaitJob(api, jobId, "SUCCEEDED"::equals);
        String taskId = api.get("/jobs/" + jobId + "/tasks")
                .json()
                .get("tasks")
                .get(0)
                .get("taskId")
                .asText();
        assertThat(api.post("/jobs/" + jobId + "/tasks/" + taskId + "/review", "{\"decision\":\"approve\"}")
                        .status())
                .isEqualTo(200);

        var driver = browser.driver;
        driver.get(IntegrationsStack.get().apiUrl().toString());
        browser.waiting(WAIT).until(d -> browser.labelled("User name")).sendKeys(user);
        browser.button("Sign in").click();
        browser.waiting(WAIT).until(d -> !d.findElements(By.id("import-title")).isEmpty());
        browser.labelled("Source").sendKeys("s3://" + ImportEndToEndTest.BUCKET + "/" + source);
        browser.button("Import").click();
        browser.waiting(WAIT)
                .until(d -> d.findElement(By.cssSelector(".storage-panel"))
                        .getText()
                        .contains("Imported 3 of 4 objects, 1 refused"));
        assertThat(driver.findElement(By.cssSelector(".refused-list")).getText())
                .contains("readme.txt", "not a PNG, JPEG or WebP");

        // The same dialog starts a job straight from a prefix, with the job set up above, and follows the import.
        String prefix = "web-job-" + System.nanoTime() + "/";
        for (int i = 0; i < 6; i++) {
            String key = prefix + "sku-" + (40 + i) + "-main.png";
            s3.putObject(b -> b.bucket(ImportEndToEndTest.BUCKET).key(key), RequestBody.fromBytes(Flows.png(30, 30)));
        }
        s3.putObject(
                b -> b.bucket(ImportEndToEndTest.BUCKET).key(prefix + "sku-99-back.png"),
                RequestBody.fromString("not a png"));
        s3.putObject(
                b -> b.bucket(ImportEndToEndTest.BUCKET).key(prefix + "shot list.txt"), RequestBody.fromString("hi"));
        new Select(browser.labelled("Operation")).selectByValue("upscale");
        new Select(browser.labelled("Provider")).selectByValue("local");
        browser.labelled("Source").clear();
        browser.labelled("Source").sendKeys("s3://" + ImportEndToEndTest.BUCKET + "/" + prefix);
        browser.labelledIn(driver.findElement(By.cssSelector(".storage-panel")), "Project (optional)")
                .sendKeys("autumn");
        browser.labelled("SKU from the name (optional)").sendKeys("{sku}-{role}.png");
        browser.labelled("Then run the job set up above over the imported images")
                .click();
        // Before anything is imported, a dry run lists the prefix once and estimates the job over what it would take.
        browser.button("Estimate the job").click();
        browser.waiting(WAIT)
                .until(d -> d.findElement(By.cssSelector(".storage-panel"))
                        .getText()
                        .contains("8 objects under the prefix, 7 importable."));
        assertThat(driver.findElement(By.cssSelector(".source-estimate")).getText())
                .contains("Estimated cost:", "for 7 tasks");
        browser.js("document.querySelector('.source-estimate').scrollIntoView({block: 'center'})");
        browser.screenshot("33-import-estimate", false);
        browser.button("Import and run the job").click();
        browser.waiting(WAIT)
                .until(d -> d.findElement(By.cssSelector(".storage-panel"))
                        .getText()
                        .contains("Imported 6 of 8 objects, 2 refused; the job runs over them."));
        String panel = driver.findElement(By.cssSelector(".refused-list")).getText();
        assertThat(panel).contains("shot list.txt", "sku-99-back.png: rejected:");
        ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("arguments[0].scrollIntoView()", driver.findElement(By.id("import-title")));
        browser.screenshot("33-import-job-from-prefix", false);
        String href = driver.findElement(By.linkText("Open the job")).getAttribute("href");
        String fromPrefix = href.substring(href.lastIndexOf('/') + 1);
        assertThat(Flows.awaitJob(api, fromPrefix, "SUCCEEDED"::equals)
                        .get("counts")
                        .get("succeeded")
                        .asInt())
                .isEqualTo(6);
        driver.get(IntegrationsStack.get().apiUrl() + "#/jobs/" + jobId);
        browser.waiting(WAIT)
                .until(d -> d.findElements(By.tagName("button")).stream()
                        .anyMatch(b -> b.getText().equals("Export to S3") && b.isEnabled()));
        browser.button("Export to S3").click();
        String destination = "web-out-" + System.nanoTime() + "/";
        browser.labelled("Destination").sendKeys("s3://" + ExportEndToEndTest.BUCKET + "/" + destination);
        browser.button("Export").click();
        browser.waiting(WAIT)
                .until(d -> d.findElement(By.id("export-title"))
                        .findElement(By.xpath(".."))
                        .getText()
                        .contains("Exported 1 result"));
        browser.screenshot("32-export", false);
        List<String> keys =
                s3.listObjectsV2(b -> b.bucket(ExportEndToEndTest.BUCKET).prefix(destination)).contents().stream()
                        .map(S3Object::key)
                        .sorted()
                        .toList();
        assertThat(keys).containsExactly(destination + "hat.png", destination + "manifest.csv");
        assertThat(browser.consoleErrors()).isEmpty();
    }
}
