package io.atelier.local.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker the end-to-end tests lean on: it must pass right answers and catch wrong ones. */
class OpenApiContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final OpenApiContract contract = OpenApiContract.get();

    @Test
    void passesEveryExampleTheDocumentGives() {
        List<String> failures = new ArrayList<>();
        contract.document()
                .path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                    if (!op.getValue().has("responses")) return;
                    String concrete = path.getKey().replaceAll("\\{[^}]+}", "x_1");
                    op.getValue().path("responses").fields().forEachRemaining(response -> {
                        JsonNode resolved = response.getValue().has("$ref")
                                ? contract.document()
                                        .at(response.getValue()
                                                .get("$ref")
                                                .asText()
                                                .substring(1))
                                : response.getValue();
                        resolved.path("content").fields().forEachRemaining(media -> {
                            if (!media.getValue().has("example")) return;
                            List<String> problems = contract.violations(
                                    op.getKey().toUpperCase(),
                                    concrete,
                                    Integer.parseInt(response.getKey()),
                                    media.getKey(),
                                    media.getValue().get("example").toString());
                            if (!problems.isEmpty())
                                failures.add(
                                        op.getKey() + " " + path.getKey() + " " + response.getKey() + ": " + problems);
                        });
                    });
                    JsonNode request =
                            op.getValue().path("requestBody").path("content").path("application/json");
                    if (request.has("example")) {
                        List<String> problems = contract.schemaViolations(
                                request.path("schema").path("$ref").asText().substring(1), request.get("example"));
                        if (!problems.isEmpty())
                            failures.add(op.getKey() + " " + path.getKey() + " request: " + problems);
                    }
                }));
        assertThat(failures).isEmpty();
    }

    @Test
    void catchesAMissingRequiredField() throws Exception {
        ObjectNode job = example("/jobs/{jobId}", "get", "200");
        job.remove("counts");

        assertThat(contract.violations("GET", "/jobs/job_1", 200, "application/json", job.toString()))
                .anySatisfy(problem -> assertThat(problem).contains("counts"));
    }

    @Test
    void catchesAWrongType() throws Exception {
        ObjectNode job = example("/jobs/{jobId}", "get", "200");
        ((ObjectNode) job.get("counts")).put("total", "120");

        assertThat(contract.violations("GET", "/jobs/job_1?x=1", 200, "application/json", job.toString()))
                .anySatisfy(problem -> assertThat(problem).contains("total").contains("integer"));
    }

    @Test
    void catchesAWrongEnumValueInsideAList() throws Exception {
        ObjectNode image = example("/images/{imageId}", "get", "200");
        image.put("status", "DONE");
        String page = "{\"images\":[" + image + "]}";

        assertThat(contract.violations("GET", "/images", 200, "application/json", page))
                .anySatisfy(problem -> assertThat(problem).contains("status"));
    }

    @Test
    void catchesAProblemWithoutDetail() {
        String problem = "{\"type\":\"/problems/not-found\",\"title\":\"Not found\",\"status\":404}";

        assertThat(contract.violations("GET", "/jobs/job_1", 404, "application/problem+json", problem))
                .anySatisfy(message -> assertThat(message).contains("detail"));
    }

    @Test
    void catchesAnUndocumentedStatusOrContentTypeOrRoute() {
        assertThat(contract.violations("GET", "/health", 418, "application/json", "{\"status\":\"ok\"}"))
                .singleElement()
                .asString()
                .contains("418");
        assertThat(contract.violations("GET", "/health", 200, "text/plain", "ok"))
                .singleElement()
                .asString()
                .contains("text/plain");
        assertThat(contract.violations("PATCH", "/jobs", 200, "application/json", "{}"))
                .singleElement()
                .asString()
                .contains("PATCH /jobs");
        assertThat(contract.violations("GET", "/jobs/job_1", 304, "", "{\"jobId\":\"job_1\"}"))
                .singleElement()
                .asString()
                .contains("no body");
    }

    @Test
    void passesTheGatewaysOwnAnswers() {
        assertThat(contract.violations("GET", "/jobs", 401, "application/json", "{\"message\":\"Unauthorized\"}"))
                .isEmpty();
        assertThat(contract.violations("GET", "/no/such/route", 404, "application/json", "{\"message\":\"Not Found\"}"))
                .isEmpty();
        assertThat(contract.violations("GET", "/jobs/job_1", 304, "", "")).isEmpty();
    }

    @Test
    void checkFailsNamingRouteStatusAndSchemaError() {
        assertThatThrownBy(() -> contract.check("GET", "/health", 200, "application/json", "{\"status\":\"fine\"}"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /health -> 200")
                .hasMessageContaining("status");
    }

    private ObjectNode example(String path, String method, String status) {
        return (ObjectNode) contract.document()
                .path("paths")
                .path(path)
                .path(method)
                .path("responses")
                .path(status)
                .path("content")
                .path("application/json")
                .path("example")
                .deepCopy();
    }
}
