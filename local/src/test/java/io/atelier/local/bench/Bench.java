package io.atelier.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atelier.imaging.ImageCodec;
import io.atelier.imaging.ImageFormat;
import io.atelier.imaging.ImageInspector;
import io.atelier.imaging.ImageOps;
import io.atelier.imaging.Thumbnails;
import io.atelier.local.AtelierLocal;
import io.atelier.local.LocalOptions;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * `make bench`: figures measured side by side in one run on this machine, printed as a table. Absolute times vary
 * with the machine; the ratios are the point. Bounded: a fixed number of rounds and images, all on loopback.
 */
public final class Bench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        if (args.length > 1 && args[0].equals("--cold-init")) {
            System.out.println(coldInitMillis(args[1])); // a child JVM's answer, see coldStarts()
            return;
        }
        if (args.length > 0 && args[0].equals("--thumbnails")) {
            ThumbnailBench.run(); // only the 24 MP → 1,024 px comparison
            return;
        }
        if (args.length > 0 && args[0].equals("--upscale-ms")) {
            System.out.println(upscaleMillis()); // a child JVM's answer, see compilerTiers()
            return;
        }
        if (args.length > 0 && args[0].equals("--memory-peak")) {
            MemoryBench.child(Integer.parseInt(args[1])); // a child JVM sized as the worker, see MemoryBench.run()
            return;
        }
        if (args.length > 0 && args[0].equals("memory")) {
            MemoryBench.run(
                    args.length > 1
                            ? Integer.parseInt(args[1])
                            : MemoryBench.FUNCTION_MB); // make bench ARGS="memory [MB]"
            return;
        }
        if (args.length > 0 && args[0].equals("packages")) {
            PackageSizes.print(); // make bench ARGS=packages: only the deployed package sizes
            return;
        }
        if (args.length > 0 && args[0].equals("first-request")) {
            // make bench ARGS="first-request [rounds] [LogicalId...]"
            FirstRequestBench.run(java.util.Arrays.asList(args).subList(1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("cutout")) {
            CutoutBench.run(); // make bench ARGS=cutout: only the cut-out pipeline
            return;
        }
        if (args.length > 0 && args[0].equals("worker")) {
            // make bench ARGS="worker 200 10": a job on a 0.5 s stand-in with a cap of 10 (issue 17's P1), and a task's
            // time stage by stage
            try {
                WorkerBench.run(
                        args.length > 1 ? Integer.parseInt(args[1]) : 200,
                        args.length > 2 ? Integer.parseInt(args[2]) : 10);
            } finally {
                System.exit(0);
            }
        }
        if (args.length > 0 && args[0].equals("submit")) {
            // make bench ARGS="submit 1 2000 5000": POST /jobs answer times by job size, GET /jobs/{id} large vs small
            try {
                SubmitBench.run(java.util.Arrays.stream(args)
                        .skip(1)
                        .mapToInt(Integer::parseInt)
                        .toArray());
            } finally {
                System.exit(0); // the stack's threads would keep the JVM alive
            }
        }
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        System.out.println("Atelier benchmarks (" + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.version") + ")");
        imaging();
        ThumbnailBench.run();
        CutoutBench.run();
        MemoryBench.run(MemoryBench.FUNCTION_MB);
        compilerTiers();
        coldStarts();
        FirstRequestBench.run();
        pipeline(images);
        SubmitBench.run(new int[] {1, 2000, 5000}); // each alone: make bench ARGS="submit 1 2000 5000"
        WorkerBench.run(200, 10); // make bench ARGS="worker 200 10"
        PackageSizes.print();
        System.exit(0); // the stack's and the model's threads would keep the JVM alive after the last figure
    }

    /** The header check against a full decode, and Lanczos against Java2D's bicubic, on the same 12 MP photo. */
    private static void imaging() throws Exception {
        BufferedImage photo = photo(4000, 3000);
        byte[] jpeg = ImageCodec.encode(photo, ImageFormat.JPEG, 90);
        double inspect = median(() -> ImageInspector.inspect(jpeg));
        double decode = median(() -> ImageCodec.decode(jpeg));
        System.out.printf(
                "upload check, 12 MP JPEG: header inspection %.3f ms vs full decode %.1f ms (%,.0f× cheaper)%n",
                inspect, decode, decode / inspect);
        // The preview every checked upload and every result gets: a subsampled decode, then Lanczos to 384 px.
        double preview = median(() -> Thumbnails.jpeg(jpeg, 4000, 3000));
        System.out.printf(
                "preview (384 px JPEG) of the same 12 MP JPEG: %.1f ms vs its full decode %.1f ms (%.2f× the time)%n",
                preview, decode, preview / decode);

        BufferedImage small = photo(1000, 750);
        double lanczos = median(() -> ImageOps.upscale(small, 2));
        double bicubic = median(() -> bicubic(small, 2000, 1500));
        System.out.printf(
                "upscale ×2 of 1000×750: Lanczos-3 + unsharp %.1f ms vs Java2D bicubic %.1f ms (%.1f× the time)%n",
                lanczos, bicubic, lanczos / bicubic);
    }

    private static double upscaleMillis() throws Exception {
        BufferedImage small = photo(1000, 750);
        return median(() -> ImageOps.upscale(small, 2));
    }

    /**
     * The worker runs with full tiered compilation while the API functions stop at C1 (template JAVA_TOOL_OPTIONS):
     * the same upscale in two child JVMs shows why.
     */
    private static void compilerTiers() throws Exception {
        double c1 = childUpscaleMillis("-XX:TieredStopAtLevel=1");
        double full = childUpscaleMillis("-XX:+TieredCompilation");
        System.out.printf(
                "upscale ×2 of 1000×750 in a fresh JVM: C1 only %.1f ms vs full tiers %.1f ms (C1 takes %.1f× as long)%n",
                c1, full, c1 / full);
    }

    private static double childUpscaleMillis(String flag) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(
                        java, flag, "-cp", System.getProperty("java.class.path"), Bench.class.getName(), "--upscale-ms")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(child.getInputStream().readAllBytes()).trim();
        if (child.waitFor() != 0) throw new IllegalStateException("child JVM failed: " + out);
        String[] lines = out.split("\\R");
        return Double.parseDouble(lines[lines.length - 1]);
    }

    private static final List<String> HANDLERS = List.of(
            "StatusHandler",
            "UploadsHandler",
            "JobsHandler",
            "WorkerHandler",
            "UploadEventsHandler",
            "DeadLetterHandler");

    /**
     * What a Lambda cold start pays before the first event (without SnapStart): JVM start plus the handler's no-arg
     * constructor, which builds its SDK clients. Each in a fresh JVM with C1 only, as the API functions run.
     */
    private static void coldStarts() throws Exception {
        StringBuilder line = new StringBuilder("handler init in a fresh JVM (JVM uptime when the handler is ready):");
        for (String handler : HANDLERS) {
            String java = ProcessHandle.current().info().command().orElse("java");
            Process child = new ProcessBuilder(
                            java,
                            "-XX:TieredStopAtLevel=1",
                            "-cp",
                            System.getProperty("java.class.path"),
                            Bench.class.getName(),
                            "--cold-init",
                            "io.atelier.entrypoints." + handler)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(child.getInputStream().readAllBytes()).trim();
            if (child.waitFor() != 0) throw new IllegalStateException(handler + " did not start: " + out);
            line.append(String.format(" %s %s ms,", handler.replace("Handler", ""), out));
        }
        System.out.println(line.substring(0, line.length() - 1));
    }

    /** Runs in the child: configuration as Lambda would give it, then the handler's no-arg constructor. */
    private static long coldInitMillis(String handlerClass) throws Exception {
        Map<String, String> environment = Map.of(
                "TABLE_NAME",
                "atelier",
                "BUCKET_NAME",
                "atelier-media",
                "QUEUE_URL",
                "http://127.0.0.1:9/000000000000/TasksQueue",
                "AWS_REGION",
                "us-east-1",
                "AWS_ACCESS_KEY_ID",
                "bench",
                "AWS_SECRET_ACCESS_KEY",
                "bench");
        Class.forName(handlerClass).getConstructor(Map.class).newInstance(environment);
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
    }

    /** Uploads, checks and upscales N images through the local stack over HTTP, as a client would. */
    private static void pipeline(int count) throws Exception {
        long start = System.nanoTime();
        try (AtelierLocal local = AtelierLocal.start(LocalOptions.defaults().withPort(0))) {
            double startMs = (System.nanoTime() - start) / 1e6;
            String token = local.token("bench");
            URI api = local.apiUrl();
            byte[] png = ImageCodec.encode(photo(640, 480), ImageFormat.PNG, 90);

            long t0 = System.nanoTime();
            StringBuilder files = new StringBuilder();
            for (int i = 0; i < count; i++)
                files.append(i == 0 ? "" : ",")
                        .append("{\"name\":\"b")
                        .append(i)
                        .append(".png\",\"contentType\":\"image/png\",\"size\":")
                        .append(png.length)
                        .append('}');
            JsonNode uploads = call(api, token, "POST", "/uploads", "{\"files\":[" + files + "]}")
                    .get("uploads");
            List<String> ids = new ArrayList<>();
            for (JsonNode upload : uploads) {
                HttpRequest.Builder put = HttpRequest.newBuilder(
                                URI.create(upload.get("url").asText()))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(png));
                upload.get("headers")
                        .fields()
                        .forEachRemaining(
                                h -> put.header(h.getKey(), h.getValue().asText()));
                HTTP.send(put.build(), HttpResponse.BodyHandlers.discarding());
                ids.add(upload.get("imageId").asText());
            }
            for (String id : ids) waitFor(api, token, "/images/" + id, "READY");
            double uploadSeconds = (System.nanoTime() - t0) / 1e9;

            long t1 = System.nanoTime();
            StringBuilder items = new StringBuilder();
            for (String id : ids)
                items.append(items.isEmpty() ? "" : ",")
                        .append("{\"imageId\":\"")
                        .append(id)
                        .append("\"}");
            String jobId = call(
                            api,
                            token,
                            "POST",
                            "/jobs",
                            "{\"operation\":\"upscale\",\"provider\":\"local\",\"params\":{\"factor\":2},\"items\":["
                                    + items + "]}")
                    .get("jobId")
                    .asText();
            waitFor(api, token, "/jobs/" + jobId, "SUCCEEDED");
            double jobSeconds = (System.nanoTime() - t1) / 1e9;

            System.out.printf("local stack start: %.0f ms (emulators, resources, functions, HTTP)%n", startMs);
            System.out.printf(
                    "%d uploads of 640×480 PNG (presign, PUT, READY): %.1f s, %.1f images/s%n",
                    count, uploadSeconds, count / uploadSeconds);
            System.out.printf(
                    "%d-image upscale ×2 job on `local` (queue → worker → S3 → SUCCEEDED): %.1f s, %.1f images/s%n",
                    count, jobSeconds, count / jobSeconds);
        }
    }

    private static JsonNode call(URI api, String token, String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(api.resolve(path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300)
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        return JSON.readTree(response.body());
    }

    private static void waitFor(URI api, String token, String path, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            String now = call(api, token, "GET", path, null).get("status").asText();
            if (now.equals(status)) return;
            if (now.equals("REJECTED") || now.equals("FAILED") || now.equals("PARTIAL"))
                throw new IllegalStateException(path + " is " + now);
            Thread.sleep(50);
        }
        throw new IllegalStateException(path + " did not become " + status);
    }

    private static BufferedImage bicubic(BufferedImage src, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(src, 0, 0, width, height, null);
        g.dispose();
        return out;
    }

    private static BufferedImage photo(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(240, 200, 150), width, height, new Color(20, 60, 120)));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        for (int i = 0; i < 200; i++) g.drawLine((i * 37) % width, 0, width - (i * 53) % width, height);
        g.dispose();
        return image;
    }

    /** Median of 7 timed runs after 3 warm-ups, in milliseconds. */
    private static double median(Callable<?> work) throws Exception {
        for (int i = 0; i < 3; i++) work.call();
        double[] times = new double[7];
        for (int i = 0; i < times.length; i++) {
            long t = System.nanoTime();
            work.call();
            times[i] = (System.nanoTime() - t) / 1e6;
        }
        java.util.Arrays.sort(times);
        return times[times.length / 2];
    }
}
