package io.atelier.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.json.Json;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JsonLoggingTest {
    // Fakes of the shapes the redaction must catch, split so that no tracked line looks like a real credential.
    private static final String FAKE_ACCESS_KEY = "AKIA" + "FAKEFAKEFAKEFAKE";
    private static final String FAKE_GOOGLE_KEY = "AIza" + "FAKEgoogleKEYnotREALatALL00000";

    private final JsonLogging.JsonFormatter formatter = new JsonLogging.JsonFormatter();

    @AfterEach
    void forget() {
        LogContext.clear();
    }

    private JsonNode line(Level level, String message, Throwable thrown) throws Exception {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName("io.atelier.core.TaskRunner");
        record.setThrown(thrown);
        String text = formatter.format(record);
        assertThat(text).endsWith("}\n").doesNotContain("\n{");
        return Json.MAPPER.readTree(text);
    }

    @Test
    void levelsUseLambdasNamesSoItsFilterWorks() {
        assertThat(List.of(Level.SEVERE, Level.WARNING, Level.INFO, Level.CONFIG, Level.FINE, Level.FINER, Level.FINEST)
                        .stream()
                        .map(JsonLogging::lambdaLevel))
                .containsExactly("ERROR", "WARN", "INFO", "DEBUG", "DEBUG", "TRACE", "TRACE");
    }

    @Test
    void everyLineCarriesTheInvocationsContextAndAnErrorItsStack() throws Exception {
        LogContext.begin("8f5e-request");
        LogContext.put(LogContext.JOB_ID, "job_1");
        LogContext.put(LogContext.TASK_ID, "tsk_1");
        LogContext.put(LogContext.IMAGE_ID, "img_1");
        LogContext.put(LogContext.PROVIDER, "openai");
        JsonNode line = line(
                Level.SEVERE,
                "Task tsk_1 failed unexpectedly",
                new IllegalStateException("outer", new IllegalArgumentException("inner")));
        assertThat(line.path("level").asText()).isEqualTo("ERROR");
        assertThat(line.path("requestId").asText()).isEqualTo("8f5e-request");
        assertThat(line.path("jobId").asText()).isEqualTo("job_1");
        assertThat(line.path("taskId").asText()).isEqualTo("tsk_1");
        assertThat(line.path("imageId").asText()).isEqualTo("img_1");
        assertThat(line.path("provider").asText()).isEqualTo("openai");
        assertThat(line.path("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(line.path("stackTrace").get(0).asText()).startsWith("at io.atelier.logging.JsonLoggingTest");
        assertThat(line.path("stackTrace").toString()).contains("Caused by: java.lang.IllegalArgumentException: inner");

        LogContext.begin("next-request"); // a new invocation forgets the last one's ids
        JsonNode next = line(Level.WARNING, "hello", null);
        assertThat(next.path("level").asText()).isEqualTo("WARN");
        assertThat(next.has("jobId")).isFalse();
        assertThat(next.has("stackTrace")).isFalse();
    }

    @Test
    void secretsNeverReachTheLog() throws Exception {
        String presigned =
                "https://atelier-bucket.s3.eu-west-1.amazonaws.com/results/u/j/t.png?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                        + "&X-Amz-Credential=" + FAKE_ACCESS_KEY
                        + "%2F20261202%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=20261202T010000Z"
                        + "&X-Amz-SignedHeaders=host&X-Amz-Security-Token=IQoJb3JpZ2luX2VjEXAMPLETOKEN"
                        + "&X-Amz-Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        List<String> secrets = List.of(
                "0123456789abcdef0123456789abcdef",
                FAKE_ACCESS_KEY,
                "IQoJb3JpZ2luX2VjEXAMPLETOKEN",
                "sk-proj-abcdef0123456789",
                FAKE_GOOGLE_KEY,
                "eyJhbGciOiJIUzI1NiJ9.payload.sig",
                "s3cr3t-pass");
        String message = "GET " + presigned + " failed; Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig; "
                + "calling https://generativelanguage.googleapis.com/v1beta/models/m:generateContent?key="
                + FAKE_GOOGLE_KEY + " "
                + "with {\"apiKey\":\"sk-proj-abcdef0123456789\",\"password\":\"s3cr3t-pass\"}";
        JsonNode line =
                line(Level.WARNING, message, new RuntimeException("upstream said: x-api-key=sk-proj-abcdef0123456789"));
        String text = line.toString();
        for (String secret : secrets) assertThat(text).doesNotContain(secret);
        assertThat(line.path("message").asText())
                .contains("results/u/j/t.png")
                .contains("X-Amz-Signature=[redacted]")
                .contains("generateContent?key=[redacted]");
        assertThat(line.path("errorMessage").asText()).isEqualTo("upstream said: x-api-key=[redacted]");
    }
}
