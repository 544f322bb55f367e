package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.local.apigw.JwtAuthority;
import io.atelier.model.Ids;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Hostile input through the local runner's port, one row per case: every one answers a 4xx with a title (a problem
 * document from the functions; the gateway's own JSON for tokens and unknown routes; S3's refusal for presigned PUTs)
 * or ends its image REJECTED with a reason. Never a 5xx, never a Java class name or stack trace; and a normal job
 * still succeeds afterwards. The table it prints (case | status | title) is the report's.
 */
class HostileInputTest {
    /** Who answers: the API (problem+json), the gateway ({"message":…}), S3 (XML), or the upload check (REJECTED). */
    enum Answerer {
        API,
        GATEWAY,
        STORAGE,
        IMAGE_CHECK
    }

    record Case(String name, int expected, Answerer by, Callable<RawHttp.Answer> request) {}

    record Row(String name, String status, String title, List<String> problems) {}

    private static final Pattern LEAK = Pattern.compile(
            "Exception|\\bat [a-z]+\\.[a-z]+\\.|java\\.|javax\\.|com\\.fasterxml|software\\.amazon|io\\.atelier|\\.java:");
    private static final String USER = "hostile-" + System.nanoTime();
    private static final String JOB =
            "{\"operation\":\"upscale\",\"provider\":\"local\",\"params\":{\"factor\":2},\"items\":[{\"imageId\":\""
                    + Ids.image() + "\"}]}";
    private static final String UNKNOWN_JOB = Ids.job();
    private static final String UNKNOWN_TASK = Ids.task();

    private URI base;
    private String token;
    private Http api;

    @Test
    void everyHostileInputIsRefusedCleanlyAndTheServiceStillWorks() throws Exception {
        base = RealStack.get().apiUrl();
        token = RealStack.get().token(USER);
        api = RealStack.as(USER);
        List<Case> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(40);
        List<Row> rows = new ArrayList<>();
        for (Case c : cases) rows.add(judge(c));

        System.out.println("| # | case | status | title |");
        System.out.println("|---|---|---|---|");
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            System.out.println("| " + (i + 1) + " | " + row.name() + " | " + row.status() + " | "
                    + row.title().replace("|", "\\|")
                    + (row.problems().isEmpty() ? "" : " **FAILED: " + String.join("; ", row.problems()) + "**")
                    + " |");
        }
        assertThat(rows)
                .allSatisfy(row -> assertThat(row.problems()).as(row.name()).isEmpty());

        String imageId = Flows.upload(api, Map.of("after.png", Flows.png(16, 16)), "image/png")
                .get(0);
        Flows.awaitImage(api, imageId, "READY"::equals);
        String jobId = Flows.submit(api, Flows.upscaleJob(List.of(imageId), 2));
        assertThat(Flows.awaitJob(api, jobId, status -> status.equals("SUCCEEDED") || status.equals("FAILED"))
                        .get("status")
                        .asText())
                .isEqualTo("SUCCEEDED");
    }

    private List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // Bodies
        cases.add(api("body: malformed JSON", 400, () -> post("/jobs", "{\"operation\":")));
        cases.add(api(
                "body: nested 10,000 deep (POST /jobs)",
                400,
                () -> post("/jobs", "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}")));
        cases.add(api(
                "body: nested 10,000 deep (POST /uploads)",
                400,
                () -> post("/uploads", "{\"files\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}")));
        cases.add(api(
                "body: nested 10,000 deep (review)",
                400,
                () -> post(
                        "/jobs/" + UNKNOWN_JOB + "/tasks/" + UNKNOWN_TASK + "/review",
                        "{\"decision\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_001))));
        cases.add(api(
                "body: nested 10,000 deep (archive)",
                400,
                () -> post("/jobs/" + UNKNOWN_JOB + "/archive", "[".repeat(10_000) + "]".repeat(10_000))));
        cases.add(api(
                "body: duplicate key operation",
                400,
                () -> post(
                        "/jobs",
                        "{\"operation\":\"teleport\",\"provider\":\"local\",\"items\":[],\"operation\":\"upscale\"}")));
        cases.add(api(
                "body: duplicate key files (POST /uploads)",
                400,
                () -> post(
                        "/uploads",
                        "{\"files\":[],\"files\":[{\"name\":\"a.png\",\"contentType\":\"image/png\",\"size\":1}]}")));
        cases.add(api(
                "body: duplicate key in an item",
                400,
                () -> post("/jobs", JOB.replace("{\"imageId\"", "{\"imageId\":\"img_x\",\"imageId\""))));
        cases.add(api("body: operation is a number", 400, () -> post("/jobs", "{\"operation\":42,\"items\":[]}")));
        cases.add(api(
                "body: items is a string",
                400,
                () -> post("/jobs", "{\"operation\":\"upscale\",\"provider\":\"local\",\"items\":\"img_x\"}")));
        cases.add(api(
                "body: count is a 5,000-digit number",
                400,
                () -> post(
                        "/jobs",
                        "{\"operation\":\"generate\",\"provider\":\"local\",\"prompt\":\"p\",\"count\":"
                                + "9".repeat(5000) + "}")));
        cases.add(api(
                "body: count is 1e400",
                400,
                () -> post(
                        "/jobs",
                        "{\"operation\":\"generate\",\"provider\":\"local\",\"prompt\":\"p\",\"count\":1e400}")));
        cases.add(api(
                "body: NaN",
                400,
                () -> post(
                        "/jobs",
                        "{\"operation\":\"generate\",\"provider\":\"local\",\"prompt\":\"p\",\"count\":NaN}")));
        cases.add(api("body: an array where the object goes", 400, () -> post("/jobs", "[" + JOB + "]")));
        cases.add(api(
                "body: an array where an item goes",
                400,
                () -> post("/jobs", "{\"operation\":\"upscale\",\"provider\":\"local\",\"items\":[[\"img_x\"]]}")));
        cases.add(api(
                "body: 100,000 items",
                400,
                () -> post(
                        "/jobs",
                        "{\"operation\":\"upscale\",\"provider\":\"local\",\"items\":["
                                + "{\"imageId\":\"img_x\"},".repeat(99_999) + "{\"imageId\":\"img_x\"}]}")));
        cases.add(api(
                "body: a key of 100,000 characters", 400, () -> post("/jobs", "{\"" + "k".repeat(100_000) + "\":1}")));
        cases.add(api("body: JSON null", 400, () -> post("/jobs", "null")));
        cases.add(api(
                "body: 6 MB",
                413,
                () -> post("/jobs", "{\"operation\":\"upscale\",\"name\":\"" + "x".repeat(6 * 1024 * 1024) + "\"}")));
        cases.add(api("body: empty", 400, () -> post("/jobs", "")));
        cases.add(api(
                "body: byte order mark first",
                400,
                () -> send("POST", "/jobs", json(), bytes("\uFEFF{\"operation\":\"teleport\"}"))));
        cases.add(api(
                "body: invalid UTF-8",
                400,
                () -> send(
                        "POST",
                        "/jobs",
                        json(),
                        concat(
                                bytes("{\"operation\":\"up"),
                                new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF},
                                bytes("\"}")))));
        cases.add(api(
                "upload: name with CR/LF",
                400,
                () -> post("/uploads", upload("a\\r\\nX-Evil: 1.png", "image/png", "10"))));
        cases.add(api("upload: name with NUL", 400, () -> post("/uploads", upload("a\\u0000.png", "image/png", "10"))));
        cases.add(api(
                "upload: name with a bidi override",
                400,
                () -> post("/uploads", upload("cat\\u202Egnp.exe", "image/png", "10"))));
        cases.add(api(
                "upload: name with ../",
                400,
                () -> post("/uploads", upload("../../etc/passwd.png", "image/png", "10"))));
        cases.add(api(
                "upload: name of 300 bytes",
                400,
                () -> post("/uploads", upload("é".repeat(150) + ".png", "image/png", "10"))));
        cases.add(api("upload: size as a string", 400, () -> post("/uploads", upload("a.png", "image/png", "\"10\""))));
        cases.add(api("upload: size zero", 400, () -> post("/uploads", upload("a.png", "image/png", "0"))));
        cases.add(api("upload: size -1", 400, () -> post("/uploads", upload("a.png", "image/png", "-1"))));
        cases.add(api("upload: files is an object", 400, () -> post("/uploads", "{\"files\":{\"name\":\"a.png\"}}")));
        // Headers
        cases.add(api(
                "header: Content-Type text/plain", 415, () -> send("POST", "/jobs", typed("text/plain"), bytes(JOB))));
        cases.add(api(
                "header: Content-Type form-urlencoded",
                415,
                () -> send("POST", "/uploads", typed("application/x-www-form-urlencoded"), bytes("files=a.png"))));
        cases.add(api(
                "header: Idempotency-Key of 4,000 characters",
                400,
                () -> send("POST", "/jobs", idempotency("k".repeat(4000)), bytes(JOB))));
        cases.add(api(
                "header: Idempotency-Key with a control character",
                400,
                () -> send("POST", "/jobs", idempotency("key\u0001one"), bytes(JOB))));
        cases.add(api(
                "header: Idempotency-Key with non-ASCII bytes",
                400,
                () -> send("POST", "/jobs", idempotency("cl\u00e9"), bytes(JOB))));
        // Paths
        cases.add(api(
                "path: encoded slashes and ..",
                404,
                () -> send("GET", "/jobs/job_x%2F..%2F..%2Fimages", auth(), null)));
        cases.add(api("path: .. as the id", 404, () -> send("GET", "/jobs/..", auth(), null)));
        cases.add(api(
                "path: 3,000-character job id", 404, () -> send("GET", "/jobs/job_" + "A".repeat(3000), auth(), null)));
        cases.add(api(
                "path: 1,200-character job id (retry)",
                404,
                () -> send("POST", "/jobs/job_" + "A".repeat(1200) + "/retry", auth(), null)));
        cases.add(api(
                "path: image id where a job id goes", 404, () -> send("GET", "/jobs/" + Ids.image(), auth(), null)));
        cases.add(
                api("path: lower-case id", 404, () -> send("GET", "/jobs/" + UNKNOWN_JOB.toLowerCase(), auth(), null)));
        cases.add(api("path: unicode id", 404, () -> send("GET", "/images/img_%E2%9C%93", auth(), null)));
        cases.add(api(
                "path: encoded NUL in an id",
                404,
                () -> send("DELETE", "/images/img_%00" + "A".repeat(25), auth(), null)));
        cases.add(api(
                "path: malformed task id (review)",
                404,
                () -> post("/jobs/" + UNKNOWN_JOB + "/tasks/tsk_%2e%2e/review", "{\"decision\":\"approve\"}")));
        // Query strings
        cases.add(api("query: limit=-1", 400, () -> send("GET", "/images?limit=-1", auth(), null)));
        cases.add(api("query: limit=1e9", 400, () -> send("GET", "/jobs?limit=1e9", auth(), null)));
        cases.add(api(
                "query: limit past a long",
                400,
                () -> send("GET", "/jobs?limit=99999999999999999999999", auth(), null)));
        cases.add(api("query: forged cursor", 400, () -> send("GET", "/jobs?cursor=forged", auth(), null)));
        cases.add(api("query: cursor of raw bytes", 400, () -> send("GET", "/images?cursor=%00%FF%FE", auth(), null)));
        cases.add(api(
                "query: 2,000-character cursor",
                400,
                () -> send("GET", "/images?cursor=" + "A".repeat(2000), auth(), null)));
        cases.add(api("query: repeated limit", 400, () -> send("GET", "/jobs?limit=5&limit=50", auth(), null)));
        cases.add(
                api("query: status with a line feed", 400, () -> send("GET", "/jobs?status=QUEUED%0A", auth(), null)));
        cases.add(api(
                "query: 1,000-character taskId (retry)",
                400,
                () -> send("POST", "/jobs/" + UNKNOWN_JOB + "/retry?taskId=tsk_" + "A".repeat(1000), auth(), null)));
        cases.add(api(
                "query: job id as taskId (retry)",
                400,
                () -> send("POST", "/jobs/" + UNKNOWN_JOB + "/retry?taskId=" + UNKNOWN_JOB, auth(), null)));
        // Tokens: API Gateway's JWT authorizer answers these before any function runs.
        JwtAuthority jwt = jwt();
        cases.add(gateway("token: none", 401, () -> send("GET", "/jobs", Map.of(), null)));
        cases.add(gateway(
                "token: expired",
                401,
                () -> send(
                        "GET",
                        "/jobs",
                        bearer(jwt.mint(
                                        USER,
                                        Instant.now().minusSeconds(7200),
                                        Instant.now().minusSeconds(3600),
                                        JwtAuthority.ISSUER,
                                        JwtAuthority.AUDIENCE)
                                .token()),
                        null)));
        cases.add(gateway(
                "token: wrong signature", 401, () -> send("GET", "/jobs", bearer(tamperedSignature(token)), null)));
        cases.add(gateway("token: alg none", 401, () -> send("GET", "/jobs", bearer(algNone(token)), null)));
        cases.add(gateway(
                "token: wrong audience",
                401,
                () -> send(
                        "GET",
                        "/jobs",
                        bearer(jwt.mint(
                                        USER,
                                        Instant.now(),
                                        Instant.now().plusSeconds(600),
                                        JwtAuthority.ISSUER,
                                        "someone-else")
                                .token()),
                        null)));
        cases.add(gateway("token: not a JWT", 401, () -> send("GET", "/jobs", bearer("not.a.jwt"), null)));
        // Presigned URLs: S3 refuses what the signature does not cover.
        cases.add(storage(
                "presigned PUT: another content type",
                () -> presignedPut(
                        upload -> Http.put(upload.url(), Map.of("Content-Type", "image/jpeg"), Flows.png(8, 8)))));
        cases.add(storage(
                "presigned PUT: tampered signature",
                () -> presignedPut(upload -> Http.put(tamperedUrl(upload.url()), upload.headers(), Flows.png(8, 8)))));
        cases.add(storage(
                "presigned PUT: more bytes than declared",
                () -> presignedPut(upload -> {
                    byte[] png = Flows.png(8, 8);
                    return Http.put(upload.url(), upload.headers(), java.util.Arrays.copyOf(png, png.length + 4096));
                })));
        // File bytes: the upload check rejects what is not an image.
        cases.add(imageCheck(
                "file: HTML renamed .png",
                bytes("<!doctype html><html><body><script>alert(1)</script></body></html>"),
                -1));
        cases.add(imageCheck("file: zero bytes (declared 100)", new byte[0], 100));
        cases.add(imageCheck("file: fewer bytes than declared", Flows.png(8, 8), Flows.png(8, 8).length + 500));
        return cases;
    }

    private Row judge(Case c) {
        RawHttp.Answer answer;
        try {
            answer = c.request().call();
        } catch (Exception e) {
            return new Row(c.name(), "-", "", List.of("request failed: " + e));
        }
        List<String> problems = new ArrayList<>();
        String title = "";
        if (answer.status() >= 500) problems.add("answered " + answer.status());
        if (LEAK.matcher(answer.body()).find()) problems.add("internals in the body: " + abbreviate(answer.body()));
        switch (c.by()) {
            case API -> {
                if (answer.status() != c.expected())
                    problems.add("expected " + c.expected() + ": " + abbreviate(answer.body()));
                if (!answer.contentType().startsWith("application/problem+json"))
                    problems.add("not problem+json: " + answer.contentType());
                JsonNode json = parse(answer.body());
                title = json.path("title").asText();
                if (json.path("status").asInt() != answer.status()) problems.add("no matching status member");
                if (title.isBlank()) problems.add("no title");
                JsonNode errors = json.path("errors");
                if (errors.isArray() && !errors.isEmpty())
                    title += " (" + errors.get(0).path("field").asText() + ")";
            }
            case GATEWAY -> {
                if (answer.status() != c.expected()) problems.add("expected " + c.expected());
                title = parse(answer.body()).path("message").asText();
                if (title.isBlank()) problems.add("no message");
            }
            case STORAGE -> {
                if (answer.status() < 400 || answer.status() > 499) problems.add("expected a 4xx refusal");
                Matcher code = Pattern.compile("<Code>([^<]+)</Code>").matcher(answer.body());
                title = code.find() ? code.group(1) : "refused by S3: the PUT does not match its signature";
            }
            case IMAGE_CHECK -> {
                // A refused PUT is fine too; otherwise the image must end REJECTED with a reason.
                boolean refused = answer.status() >= 400 && answer.status() < 500;
                boolean rejected = answer.status() == 200
                        && answer.body().startsWith("REJECTED:")
                        && answer.body().length() > 10;
                if (!refused && !rejected)
                    problems.add("neither refused nor REJECTED: " + answer.status() + " " + answer.body());
                title = refused
                        ? "PUT refused by S3: the size does not match its signature"
                        : answer.body().substring("REJECTED: ".length());
            }
        }
        String status =
                c.by() == Answerer.IMAGE_CHECK && answer.status() == 200 ? "REJECTED" : String.valueOf(answer.status());
        return new Row(c.name(), status, title, problems);
    }

    private static Case api(String name, int status, Callable<RawHttp.Answer> request) {
        return new Case(name, status, Answerer.API, request);
    }

    private static Case gateway(String name, int status, Callable<RawHttp.Answer> request) {
        return new Case(name, status, Answerer.GATEWAY, request);
    }

    private static Case storage(String name, Callable<RawHttp.Answer> request) {
        return new Case(name, 403, Answerer.STORAGE, request);
    }

    /** Uploads {@code bytes} declared as {@code declaredSize} (or their own length), then waits for the check. */
    private Case imageCheck(String name, byte[] bytes, int declaredSize) {
        return new Case(name, 200, Answerer.IMAGE_CHECK, () -> {
            int declared = declaredSize < 0 ? bytes.length : declaredSize;
            RawHttp.Answer created = post("/uploads", upload("hostile.png", "image/png", String.valueOf(declared)));
            JsonNode upload = parse(created.body()).path("uploads").path(0);
            Map<String, String> headers = new LinkedHashMap<>();
            upload.path("headers")
                    .fields()
                    .forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
            int put = Http.put(upload.path("url").asText(), headers, bytes);
            if (put != 200) return new RawHttp.Answer(put, "", "");
            JsonNode image =
                    Flows.awaitImage(api, upload.path("imageId").asText(), status -> !status.equals("PENDING"));
            return new RawHttp.Answer(
                    200,
                    "",
                    image.path("status").asText() + ": " + image.path("reason").asText());
        });
    }

    private RawHttp.Answer presignedPut(java.util.function.ToIntFunction<Flows.Upload> put) {
        Flows.Upload upload = Flows.requestUploads(api, Map.of("signed.png", Flows.png(8, 8)), "image/png")
                .get(0);
        int status = put.applyAsInt(upload);
        return new RawHttp.Answer(status, "", "");
    }

    private RawHttp.Answer post(String path, String body) {
        return send("POST", path, json(), bytes(body));
    }

    private RawHttp.Answer send(String method, String path, Map<String, String> headers, byte[] body) {
        return RawHttp.send(base, method, path, headers, body);
    }

    /** The caller's token and a Content-Type. */
    private Map<String, String> typed(String contentType) {
        return Map.of("Authorization", "Bearer " + token, "Content-Type", contentType);
    }

    private Map<String, String> auth() {
        return Map.of("Authorization", "Bearer " + token);
    }

    private Map<String, String> json() {
        return typed("application/json");
    }

    private Map<String, String> idempotency(String key) {
        return Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json", "Idempotency-Key", key);
    }

    private static Map<String, String> bearer(String value) {
        return Map.of("Authorization", "Bearer " + value);
    }

    private static JwtAuthority jwt() {
        try {
            return RealStack.get().jwt();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String upload(String name, String contentType, String size) {
        return "{\"files\":[{\"name\":\"" + name + "\",\"contentType\":\"" + contentType + "\",\"size\":" + size
                + "}]}";
    }

    private static String tamperedSignature(String jwt) {
        String[] parts = jwt.split("\\.");
        char[] signature = parts[2].toCharArray();
        signature[10] = signature[10] == 'A' ? 'B' : 'A';
        return parts[0] + "." + parts[1] + "." + new String(signature);
    }

    private static String algNone(String jwt) {
        String header = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + jwt.split("\\.")[1] + ".";
    }

    private static String tamperedUrl(String url) {
        Matcher signature = Pattern.compile("X-Amz-Signature=([0-9a-f])").matcher(url);
        if (!signature.find()) throw new AssertionError("no signature in " + url);
        char flipped = signature.group(1).equals("0") ? '1' : '0';
        return url.substring(0, signature.start(1)) + flipped + url.substring(signature.end(1));
    }

    private static JsonNode parse(String body) {
        try {
            return Http.JSON.readTree(body.isEmpty() ? "{}" : body);
        } catch (Exception e) {
            return Http.JSON.createObjectNode();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) out.writeBytes(part);
        return out.toByteArray();
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
