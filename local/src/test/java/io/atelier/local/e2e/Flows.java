package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.imageio.ImageIO;

/** The steps a client takes, shared by the end-to-end tests. */
final class Flows {
    private Flows() {}

    record Upload(String imageId, String url, Map<String, String> headers) {}

    static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.WHITE, width, height, new Color(30, 90, 160)));
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** POST /uploads for the given files (name → bytes), then a PUT of each to its presigned URL. */
    static List<String> upload(Http api, Map<String, byte[]> files, String contentType) {
        List<Upload> uploads = requestUploads(api, files, contentType);
        List<byte[]> bodies = new ArrayList<>(files.values());
        for (int i = 0; i < uploads.size(); i++) {
            assertThat(Http.put(uploads.get(i).url(), uploads.get(i).headers(), bodies.get(i)))
                    .isEqualTo(200);
        }
        return uploads.stream().map(Upload::imageId).toList();
    }

    static List<Upload> requestUploads(Http api, Map<String, byte[]> files, String contentType) {
        StringBuilder body = new StringBuilder("{\"files\":[");
        files.forEach((name, bytes) -> body.append(body.charAt(body.length() - 1) == '[' ? "" : ",")
                .append("{\"name\":\"")
                .append(name)
                .append("\",\"contentType\":\"")
                .append(contentType)
                .append("\",\"size\":")
                .append(bytes.length)
                .append('}'));
        Http.Reply reply = api.post("/uploads", body.append("]}").toString());
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        List<Upload> uploads = new ArrayList<>();
        for (JsonNode upload : reply.json().get("uploads")) {
            assertThat(upload.get("method").asText()).isEqualTo("PUT");
            Map<String, String> headers = new LinkedHashMap<>();
            upload.get("headers")
                    .fields()
                    .forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
            uploads.add(
                    new Upload(upload.get("imageId").asText(), upload.get("url").asText(), headers));
        }
        return uploads;
    }

    static JsonNode awaitImage(Http api, String imageId, Predicate<String> status) throws InterruptedException {
        return await(
                api,
                "/images/" + imageId,
                json -> status.test(json.get("status").asText()),
                Duration.ofSeconds(30));
    }

    static JsonNode awaitJob(Http api, String jobId, Predicate<String> status) throws InterruptedException {
        return await(
                api, "/jobs/" + jobId, json -> status.test(json.get("status").asText()), Duration.ofSeconds(90));
    }

    static JsonNode await(Http api, String path, Predicate<JsonNode> done, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            Http.Reply reply = api.get(path);
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            last = reply.json();
            if (done.test(last)) return last;
            Thread.sleep(100);
        }
        throw new AssertionError("timed out on " + path + "; last answer: " + last);
    }

    static String submit(Http api, String json) {
        Http.Reply reply = api.post("/jobs", json);
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        return reply.json().get("jobId").asText();
    }

    static String upscaleJob(List<String> imageIds, int factor) {
        StringBuilder items = new StringBuilder();
        for (String id : imageIds)
            items.append(items.isEmpty() ? "" : ",")
                    .append("{\"imageId\":\"")
                    .append(id)
                    .append("\",\"customId\":\"c-")
                    .append(id)
                    .append("\"}");
        return "{\"name\":\"e2e\",\"operation\":\"upscale\",\"provider\":\"local\",\"params\":{\"factor\":" + factor
                + "},\"items\":[" + items + "]}";
    }
}
