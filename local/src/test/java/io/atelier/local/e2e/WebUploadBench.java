package io.atelier.local.e2e;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * `make bench-web`: the web app's upload throughput in headless Chromium against the local stack. N photo-like JPEGs
 * are chosen in the "Images" picker at once; the page itself records when the choice landed, when every byte had
 * been PUT to storage, and when every image was checked (Ready). A warm-up batch runs first. Options:
 * {@code --files N} (200), {@code --width W --height H} (1600×1200), {@code --warmup N} (20), {@code --job 0} to skip
 * the upscale job submitted, watched and canceled afterwards.
 */
public final class WebUploadBench {
    private WebUploadBench() {}

    public static void main(String[] args) throws Exception {
        int files = intArg(args, "--files", 200);
        int width = intArg(args, "--width", 1600);
        int height = intArg(args, "--height", 1200);
        int warmup = intArg(args, "--warmup", 20);
        boolean job = intArg(args, "--job", 1) == 1;
        Path folder = Files.createTempDirectory("atelier-bench-web");
        try (Browser browser = Browser.start(1366, 960)) {
            List<Path> all = write(folder, files + warmup, width, height);
            long bytes = 0;
            for (Path p : all.subList(warmup, all.size())) bytes += Files.size(p);
            browser.driver.get(RealStack.get().apiUrl().toString());
            browser.waiting(Duration.ofSeconds(30))
                    .until(d -> browser.labelled("User name"))
                    .sendKeys("bench");
            browser.button("Sign in").click();
            browser.waiting(Duration.ofSeconds(30))
                    .until(d -> !d.findElements(By.id("operation")).isEmpty());

            if (warmup > 0) {
                run(browser, all.subList(0, warmup));
                browser.button("Clear list").click();
            }
            Map<String, Number> t = run(browser, all.subList(warmup, all.size()));
            double sent = (t.get("sent").doubleValue() - t.get("start").doubleValue()) / 1000;
            double ready = (t.get("ready").doubleValue() - t.get("start").doubleValue()) / 1000;
            double mb = bytes / 1e6;
            System.out.printf(
                    "Web upload bench: %d JPEGs of %d×%d, %.1f MB in all (%.0f KB each), Chromium %s, app concurrency 4%n",
                    files,
                    width,
                    height,
                    mb,
                    bytes / 1e3 / files,
                    browser.driver.getCapabilities().getBrowserVersion());
            System.out.printf(
                    "  all bytes PUT to storage: %.2f s  → %.1f files/s, %.1f MB/s%n", sent, files / sent, mb / sent);
            System.out.printf(
                    "  all images Ready (checked): %.2f s  → %.1f files/s, %.1f MB/s%n",
                    ready, files / ready, mb / ready);
            System.out.printf(
                    "  ready %s, rejected %s, failed %s; the last image Ready %.0f ms after the last byte%n",
                    t.get("readyCount"), t.get("rejected"), t.get("failed"), (ready - sent) * 1000);
            double cli = awsCliCopy(all.subList(warmup, all.size()), folder.resolve("cli"));
            if (cli > 0)
                System.out.printf(
                        "  `aws s3 cp --recursive` of the same files to the same endpoint: %.2f s → the browser takes %.2f× as long%n",
                        cli, sent / cli);
            if (job) runAndCancel(browser);
            List<String> errors = browser.consoleErrors();
            if (!errors.isEmpty()) System.out.println("  console errors: " + errors);
        } finally {
            Browser.deleteTree(folder);
            System.exit(0); // the shared stack's emulators run on non-daemon threads
        }
    }

    /**
     * Issue 17's P5 reference: Debian's AWS CLI copying the same files to the same local S3 endpoint and bucket (a
     * prefix of its own), timed as a whole command; 0 when the CLI is not installed.
     */
    private static double awsCliCopy(List<Path> files, Path folder) throws Exception {
        Path aws = Path.of("/usr/bin/aws");
        if (!Files.isExecutable(aws)) {
            System.out.println("  (no /usr/bin/aws: apt-get install awscli for the CLI comparison)");
            return 0;
        }
        Files.createDirectories(folder);
        for (Path file : files) Files.createLink(folder.resolve(file.getFileName()), file);
        Map<String, String> stack =
                RealStack.get().functions().get("UploadsFunction").environment();
        ProcessBuilder cp = new ProcessBuilder(
                        aws.toString(),
                        "s3",
                        "cp",
                        "--recursive",
                        "--only-show-errors",
                        folder.toString(),
                        "s3://" + stack.get("BUCKET_NAME") + "/awscli-bench/",
                        "--endpoint-url",
                        stack.get("AWS_ENDPOINT_URL_S3"))
                .redirectErrorStream(true);
        cp.environment()
                .putAll(Map.of(
                        "AWS_ACCESS_KEY_ID",
                        stack.get("AWS_ACCESS_KEY_ID"),
                        "AWS_SECRET_ACCESS_KEY",
                        stack.get("AWS_SECRET_ACCESS_KEY"),
                        "AWS_DEFAULT_REGION",
                        stack.getOrDefault("AWS_REGION", "us-east-1"),
                        "AWS_EC2_METADATA_DISABLED",
                        "true"));
        long start = System.nanoTime();
        Process process = cp.start();
        String out = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) throw new IllegalStateException("aws s3 cp failed: " + out);
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Then submits an upscale ×2 of all of them, looks at the job while it runs, cancels it and looks again: the
     * running and canceled states, on screen (target/screenshots/bench-*.png).
     */
    private static void runAndCancel(Browser browser) throws Exception {
        new org.openqa.selenium.support.ui.Select(browser.labelled("Operation")).selectByValue("upscale");
        browser.button("Submit job").click();
        browser.waiting(Duration.ofSeconds(60))
                .until(d ->
                        d.findElements(By.cssSelector(".task-grid .task-card")).size() >= 50
                                && !d.findElements(By.cssSelector(".task-card[data-status='SUCCEEDED']"))
                                        .isEmpty());
        browser.screenshot("bench-1-job-running", false);
        browser.button("Cancel").click();
        browser.waiting(Duration.ofMinutes(3))
                .until(d -> !d.findElements(
                                By.cssSelector(
                                        "#job-counts[data-status='PARTIAL'], #job-counts[data-status='CANCELED'], #job-counts[data-status='SUCCEEDED']"))
                        .isEmpty());
        Thread.sleep(1500);
        browser.screenshot("bench-2-job-canceled", false);
        System.out.println("  then: upscale ×2 of all submitted, canceled while running: "
                + browser.driver.findElement(By.id("job-counts")).getText());
        browser.driver.findElement(By.linkText("Jobs")).click();
        browser.waiting(Duration.ofSeconds(30))
                .until(d -> !d.findElements(By.cssSelector(".job-row")).isEmpty());
        browser.screenshot("bench-3-jobs", false);
    }

    /** Chooses the files in the picker and waits until every row has settled; answers the page's own timestamps (ms). */
    @SuppressWarnings("unchecked")
    static Map<String, Number> run(Browser browser, List<Path> files) {
        browser.js("""
                const input = document.getElementById('images');
                const line = document.getElementById('upload-summary');
                window.__bench = {};
                input.addEventListener('change', () => { window.__bench.start = performance.now(); }, {once: true, capture: true});
                const timer = setInterval(() => {
                  const d = line.dataset, b = window.__bench;
                  if (!b.start || d.total !== String(arguments[0])) return;
                  if (!b.sent && d.sent === d.bytes) b.sent = performance.now();
                  if (Number(d.ready) + Number(d.rejected) + Number(d.failed) === Number(d.total)) {
                    Object.assign(b, {ready: performance.now(), readyCount: Number(d.ready), rejected: Number(d.rejected), failed: Number(d.failed)});
                    b.sent ??= b.ready;
                    clearInterval(timer);
                  }
                }, 10);""", files.size());
        WebElement input = browser.driver.findElement(By.id("images"));
        input.sendKeys(String.join("\n", files.stream().map(Path::toString).toList()));
        browser.waiting(Duration.ofMinutes(10)).until(d -> browser.js("return window.__bench.ready ?? null") != null);
        return (Map<String, Number>) browser.js("return window.__bench;");
    }

    /** Photo-like JPEGs: a gradient with shapes and sensor-like noise, so they compress as photos do. */
    static List<Path> write(Path folder, int count, int width, int height) throws Exception {
        List<Path> out = new ArrayList<>();
        Random random = new Random(42);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        for (int i = 0; i < count; i++) {
            byte[] png = WebAppTest.picture(width, height, i);
            BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(png));
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int rgb = image.getRGB(x, y);
                    int n = random.nextInt(13) - 6;
                    int r = clamp(((rgb >> 16) & 255) + n),
                            g = clamp(((rgb >> 8) & 255) + n),
                            b = clamp((rgb & 255) + n);
                    image.setRGB(x, y, (r << 16) | (g << 8) | b);
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.85f);
            try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(stream);
                writer.write(null, new IIOImage(image, null, null), param);
            }
            Path file = folder.resolve(String.format("photo-%04d.jpg", i));
            Files.write(file, bytes.toByteArray());
            out.add(file);
        }
        writer.dispose();
        return out;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) if (args[i].equals(name)) return Integer.parseInt(args[i + 1]);
        return fallback;
    }
}
