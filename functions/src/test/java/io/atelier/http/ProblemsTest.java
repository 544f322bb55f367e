package io.atelier.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.core.ConflictException;
import io.atelier.core.IdempotencyKeyReusedException;
import io.atelier.core.InvalidRequestException;
import io.atelier.core.NotFoundException;
import io.atelier.json.Json;
import io.atelier.model.FieldError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each refusal of the core keeps the status, type, title and fields the API has always answered it with. */
class ProblemsTest {
    @Test
    void notFoundIs404() {
        assertThat(body(new NotFoundException("Job job_1")))
                .isEqualTo(Map.of(
                        "type",
                        "/problems/not-found",
                        "title",
                        "Not found",
                        "status",
                        404,
                        "detail",
                        "Job job_1 was not found."));
    }

    @Test
    void conflictIs409() {
        assertThat(body(new ConflictException("Task t is RUNNING.")))
                .isEqualTo(Map.of(
                        "type",
                        "/problems/conflict",
                        "title",
                        "Conflict",
                        "status",
                        409,
                        "detail",
                        "Task t is RUNNING."));
    }

    @Test
    void anInvalidRequestIs400NamingEachField() {
        var refusal = new InvalidRequestException(
                "2 problems",
                List.of(
                        new FieldError("items[0].imageId", "unknown image x"),
                        new FieldError("steps", "must be a list")));
        assertThat(body(refusal))
                .isEqualTo(Map.of(
                        "type",
                        "/problems/validation",
                        "title",
                        "Invalid request",
                        "status",
                        400,
                        "detail",
                        "2 problems",
                        "errors",
                        List.of(
                                Map.of("field", "items[0].imageId", "message", "unknown image x"),
                                Map.of("field", "steps", "message", "must be a list"))));
        assertThat(body(new InvalidRequestException("dryRun", "dryRun must be true or false")))
                .containsEntry("detail", "dryRun must be true or false")
                .containsEntry("errors", List.of(Map.of("field", "dryRun", "message", "dryRun must be true or false")));
    }

    @Test
    void aReusedIdempotencyKeyIs422NamingTheHeader() {
        assertThat(body(new IdempotencyKeyReusedException("Used before.")))
                .isEqualTo(Map.of(
                        "type",
                        "/problems/idempotency-key-reused",
                        "title",
                        "Idempotency key reused",
                        "status",
                        422,
                        "detail",
                        "Used before.",
                        "errors",
                        List.of(Map.of(
                                "field", "Idempotency-Key", "message", "already used for a different request"))));
    }

    private static Map<String, Object> body(io.atelier.core.DomainException refusal) {
        var response = ApiResponses.problem(Problems.of(refusal));
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        Map<String, Object> body = Json.map(response.getBody());
        assertThat(body.get("status")).isEqualTo(response.getStatusCode());
        return body;
    }
}
