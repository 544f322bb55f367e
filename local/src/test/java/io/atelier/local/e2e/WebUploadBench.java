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
 * the upscale job submitted, watched and canceled afterwards, {@code --profile 1} for the page's CPU profile.
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
            boolean profile = intArg(args, "--profile", 0) == 1;
            if (profile) {
                browser.driver.executeCdpCommand("Profiler.enable", Map.of());
                browser.driver.executeCdpCommand("Profiler.setSamplingInterval", Map.of("interval", 1000));
                browser.driver.executeCdpCommand("Profiler.start", Map.of());
            }
            Map<String, Double> cpuBefore = CpuTimes.now();
            Map<String, Number> t = run(browser, all.subList(warmup, all.size()));
            Map<String, Double> cpuAfter = CpuTimes.now();
            if (profile) printProfile(browser.driver.executeCdpCommand("Profiler.stop", Map.of()));
            double sent = (t.get("sent").doubleValue() - t.get("start").doubleValue()) / 1000;
            double ready = (t.get("ready").doubleValue() - t.get("start").doubleValue()) / 1000;
            double mb = bytes / 1e6;
            System.out.printf(
                    "Web upload bench: %d JPEGs of %d×%d, %.1f MB in all (%.0f KB each), Chromium %s, the app PUTs 12 at a time (6 on the wire)%n",
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
            System.out.printf(
                    "  in the browser: first POST /uploads %.0f ms after the choice (%s of them, %.0f ms in all), first PUT at %.0f ms;"
                            + " %s PUTs over %.0f ms, %.0f ms each on average, %.1f in flight (queued ones included);"
                            + " %s status polls; %s long tasks (%.0f ms) on the page's main thread%n",
                    t.get("firstPost").doubleValue(),
                    t.get("posts"),
                    t.get("postMs").doubleValue(),
                    t.get("firstPut").doubleValue(),
                    t.get("puts"),
                    t.get("putSpan").doubleValue(),
                    t.get("putMs").doubleValue() / Math.max(1, t.get("puts").intValue()),
                    t.get("putMs").doubleValue() / Math.max(1, t.get("putSpan").doubleValue()),
                    t.get("polls"),
                    t.get("longTasks"),
                    t.get("longMs").doubleValue());
            System.out.println("  from the choice to the last Ready: " + CpuTimes.spent(cpuBefore, cpuAfter));
            Map<String, Double> cliBefore = CpuTimes.now();
            double cli = awsCliCopy(all.subList(warmup, all.size()), folder.resolve("cli"));
            if (cli > 0) {
                System.out.printf(
                        "  `aws s3 cp --recursive` of the same files to the same endpoint: %.2f s → the browser takes %.2f× as long%n",
                        cli, sent / cli);
                System.out.println(
                        "  meanwhile (the CLI's own CPU aside): " + CpuTimes.spent(cliBefore, CpuTimes.now()));
            }
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
                window.__bench = {longTasks: 0, longMs: 0};
                new PerformanceObserver((list) => list.getEntries().forEach((e) => {
                  if (window.__bench.start && !window.__bench.ready) { window.__bench.longTasks++; window.__bench.longMs += e.duration; }
                })).observe({type: 'longtask'});
                performance.setResourceTimingBufferSize(100000);
                performance.clearResourceTimings();
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
        return (Map<String, Number>) browser.js("""
                const b = window.__bench, all = performance.getEntriesByType('resource')
                  .filter((e) => e.startTime >= b.start && e.startTime <= b.ready);
                const api = (path) => all.filter((e) => new URL(e.name).pathname.startsWith(path) && !e.name.includes('X-Amz-'));
                const puts = all.filter((e) => e.name.includes('X-Amz-Signature'));
                const posts = api('/uploads'), polls = api('/images');
                const span = (list) => list.length ? Math.max(...list.map((e) => e.responseEnd)) - Math.min(...list.map((e) => e.startTime)) : 0;
                const sum = (list) => list.reduce((s, e) => s + e.duration, 0);
                return Object.assign(b, {
                  firstPost: posts.length ? Math.min(...posts.map((e) => e.startTime)) - b.start : -1,
                  posts: posts.length, postMs: sum(posts),
                  firstPut: puts.length ? Math.min(...puts.map((e) => e.startTime)) - b.start : -1,
                  puts: puts.length, putMs: sum(puts), putSpan: span(puts), polls: polls.length,
                });""");
    }

    /** {@code --profile 1}: the page's JavaScript CPU profile during the run, the functions with most samples first. */
    @SuppressWarnings("unchecked")
    private static void printProfile(Map<String, Object> answer) {
        Map<String, Object> profile = (Map<String, Object>) answer.get("profile");
        Map<Number, String> names = new java.util.HashMap<>();
        for (Map<String, Object> node : (List<Map<String, Object>>) profile.get("nodes")) {
            Map<String, Object> frame = (Map<String, Object>) node.get("callFrame");
            String url = String.valueOf(frame.get("url"));
            names.put(
                    (Number) node.get("id"),
                    frame.get("functionName") + " " + url.substring(url.lastIndexOf('/') + 1) + ":"
                            + frame.get("lineNumber"));
        }
        Map<String, Integer> samples = new java.util.TreeMap<>();
        List<Number> all = (List<Number>) profile.get("samples");
        for (Number id : all) samples.merge(names.get(id), 1, Integer::sum);
        System.out.println("  page CPU profile (" + all.size() + " samples of 1 ms):");
        samples.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(15)
                .forEach(e -> System.out.printf("    %6d  %s%n", e.getValue(), e.getKey()));
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
