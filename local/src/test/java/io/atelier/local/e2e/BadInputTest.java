package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Every bad input gets a clear 4xx problem (or a REJECTED image with a reason), never a 5xx. */
class BadInputTest {
    private static String user;
    private static Http api;

    @BeforeAll
    static void signIn() throws Exception {
        user = "careless-" + System.nanoTime();
        api = RealStack.as(user);
    }

    @Test
    void malformedJsonIsA400Problem() {
        for (String path : List.of("/jobs", "/uploads")) {
            Http.Reply reply = api.post(path, "{\"operation\": \"upscale\",");
            assertThat(reply.status()).as(path).isEqualTo(400);
            assertThat(reply.isProblem()).isTrue();
            assertThat(reply.json().get("detail").asText()).contains("not valid JSON");
        }
    }

    @Test
    void anUnknownOperationIsNamed() {
        Http.Reply reply = api.post(
                "/jobs", "{\"operation\":\"teleport\",\"provider\":\"local\",\"items\":[{\"imageId\":\"img_x\"}]}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("errors").get(0).get("field").asText()).isEqualTo("operation");
        assertThat(reply.json().get("errors").get(0).get("message").asText()).contains("unknown operation 'teleport'");
    }

    @Test
    void emptyItemsAreRefused() {
        Http.Reply reply = api.post("/jobs", "{\"operation\":\"upscale\",\"provider\":\"local\",\"items\":[]}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.isProblem()).isTrue();
        assertThat(reply.json().get("errors").get(0).get("field").asText()).isEqualTo("items");
    }

    @Test
    void badUploadRequestsNameTheFile() {
        Http.Reply reply = api.post(
                "/uploads",
                "{\"files\":[{\"name\":\"a.gif\",\"contentType\":\"image/gif\",\"size\":10},"
                        + "{\"name\":\"huge.png\",\"contentType\":\"image/png\",\"size\":99999999999}]}");
        assertThat(reply.status()).isEqualTo(400);
        JsonNode errors = reply.json().get("errors");
        assertThat(errors.get(0).get("field").asText()).isEqualTo("files[0].contentType");
        assertThat(errors.get(1).get("field").asText()).isEqualTo("files[1].size");
        assertThat(api.post("/uploads", "{\"files\":[]}").status()).isEqualTo(400);
        assertThat(api.get("/images?limit=0").status()).isEqualTo(400);
        assertThat(api.get("/jobs?status=DONE").status()).isEqualTo(400);
        assertThat(api.get("/jobs?cursor=forged").status()).isEqualTo(400);
    }

    @Test
    void aTextFileUploadedAsPngIsRejectedAndItsBytesDropped() throws Exception {
        String imageId = Flows.upload(
                        api,
                        Map.of("notes.png", "hello, this is not an image".getBytes(StandardCharsets.UTF_8)),
                        "image/png")
                .get(0);
        JsonNode image = Flows.awaitImage(api, imageId, status -> !status.equals("PENDING"));
        assertThat(image.get("status").asText()).isEqualTo("REJECTED");
        assertThat(image.get("reason").asText()).isEqualTo("The file is not a PNG, JPEG or WebP image.");
        assertThat(image.get("url").isNull()).isTrue();
        assertNoObject(image);
        Http.Reply job = api.post("/jobs", Flows.upscaleJob(List.of(imageId), 2));
        assertThat(job.status()).isEqualTo(400);
        assertThat(job.json().get("errors").get(0).get("message").asText()).contains("was rejected");
    }

    @Test
    void aDecompressionBombHeaderIsRejectedWithoutDecoding() throws Exception {
        String imageId = Flows.upload(api, Map.of("bomb.png", bombPng(100_000, 100_000)), "image/png")
                .get(0);
        JsonNode image = Flows.awaitImage(api, imageId, status -> !status.equals("PENDING"));
        assertThat(image.get("status").asText()).isEqualTo("REJECTED");
        assertThat(image.get("reason").asText()).contains("megapixels");
        assertNoObject(image);
    }

    @Test
    void anUploadThatBreaksItsSignatureIsRefusedByS3() {
        byte[] png = Flows.png(8, 8);
        Flows.Upload upload =
                Flows.requestUploads(api, Map.of("a.png", png), "image/png").get(0);
        // Another content type, or more bytes than declared, than the URL was signed for.
        assertThat(Http.put(upload.url(), Map.of("Content-Type", "image/jpeg"), png))
                .isEqualTo(403);
        byte[] longer = java.util.Arrays.copyOf(png, png.length + 10);
        assertThat(Http.put(upload.url(), upload.headers(), longer)).isIn(400, 403);
        assertThat(Http.put(
                        upload.url().replace("uploads%2F", "uploads%2Fx").replace("/uploads/", "/uploads/x"),
                        upload.headers(),
                        png))
                .isEqualTo(403);
    }

    @Test
    void oversizedIdsAndParametersAreRefusedNotFatal() {
        String longId = "job_" + "A".repeat(3000);
        assertThat(api.get("/jobs/" + longId).status()).isEqualTo(404);
        assertThat(api.get("/images/img_%E2%9C%93").status()).isEqualTo(404);
        assertThat(api.get("/jobs?cursor=" + "A".repeat(2000)).status()).isEqualTo(400);
        String hugeParams = "{\"operation\":\"upscale\",\"params\":{\"note\":\"" + "x".repeat(40_000)
                + "\"},\"items\":[{\"imageId\":\"img_x\"}]}";
        Http.Reply reply = api.post("/jobs", hugeParams);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("errors").get(0).get("field").asText()).isEqualTo("params");
        assertThat(api.post(
                                "/jobs",
                                "{\"operation\":\"upscale\",\"items\":[{\"imageId\":\"img_x\"}]}",
                                Map.of("Idempotency-Key", "k".repeat(300)))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void badParametersFailAtSubmitNotLater() throws Exception {
        String imageId = Flows.upload(api, Map.of("ok.png", Flows.png(8, 8)), "image/png")
                .get(0);
        Flows.awaitImage(api, imageId, "READY"::equals);
        Http.Reply reply = api.post("/jobs", Flows.upscaleJob(List.of(imageId), 3));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("errors").get(0).get("field").asText()).isEqualTo("params.factor");
        Http.Reply generate = api.post(
                "/jobs", "{\"operation\":\"generate\",\"provider\":\"local\",\"prompt\":\"a cat\",\"count\":1}");
        assertThat(generate.status()).isEqualTo(400);
        assertThat(generate.json().get("errors").get(0).get("message").asText()).contains("cannot generate");
    }

    private static void assertNoObject(JsonNode image) throws Exception {
        var local = RealStack.get();
        String bucket = local.bucketName("MediaBucket");
        boolean gone;
        try {
            local.aws().s3().headObject(b -> b.bucket(bucket).key(keyOf(image)));
            gone = false;
        } catch (NoSuchKeyException e) {
            gone = true;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            gone = e.statusCode() == 404;
        }
        assertThat(gone).as("rejected bytes are deleted").isTrue();
    }

    private static String keyOf(JsonNode image) {
        return "uploads/" + user + "/" + image.get("imageId").asText();
    }

    /** A tiny, valid PNG header that claims an enormous canvas: the classic decompression bomb. */
    static byte[] bombPng(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        byte[] ihdr = new byte[17];
        System.arraycopy("IHDR".getBytes(StandardCharsets.US_ASCII), 0, ihdr, 0, 4);
        putInt(ihdr, 4, width);
        putInt(ihdr, 8, height);
        ihdr[12] = 8; // bit depth
        ihdr[13] = 2; // truecolour
        byte[] length = new byte[4];
        putInt(length, 0, 13);
        out.writeBytes(length);
        out.writeBytes(ihdr);
        CRC32 crc = new CRC32();
        crc.update(ihdr);
        byte[] crcBytes = new byte[4];
        putInt(crcBytes, 0, (int) crc.getValue());
        out.writeBytes(crcBytes);
        out.writeBytes(new byte[64]); // a little "data" so it is not empty beyond the header
        return out.toByteArray();
    }

    private static void putInt(byte[] target, int at, int value) {
        target[at] = (byte) (value >>> 24);
        target[at + 1] = (byte) (value >>> 16);
        target[at + 2] = (byte) (value >>> 8);
        target[at + 3] = (byte) value;
    }
}
