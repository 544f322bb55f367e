package io.atelier.local.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The API's OpenAPI 3.1 document (the functions jar's openapi.json, the one {@code GET /openapi.json} serves) as a
 * checker of real answers: the route, method and status must be documented, and the body must match the schema
 * documented for its content type (JSON Schema 2020-12, formats asserted).
 */
public final class OpenApiContract {
    public static final String RESOURCE = "openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OpenApiContract INSTANCE = new OpenApiContract();

    private final JsonNode document;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final SchemaValidatorsConfig config =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
    private final Map<String, Pattern> routes = new ConcurrentHashMap<>();

    private OpenApiContract() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is not on the classpath (the functions jar)");
            document = JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        document.path("paths")
                .fieldNames()
                .forEachRemaining(path -> routes.put(
                        path, Pattern.compile(Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q"))));
    }

    public static OpenApiContract get() {
        return INSTANCE;
    }

    public JsonNode document() {
        return document;
    }

    /** Fails, naming the route, the status and what is wrong, unless the answer is one the document allows. */
    public void check(String method, String pathAndQuery, int status, String contentType, String body) {
        List<String> problems = violations(method, pathAndQuery, status, contentType, body);
        if (!problems.isEmpty()) {
            throw new AssertionError(
                    "Answer outside the OpenAPI contract: " + method + " " + abbreviate(pathAndQuery) + " -> " + status
                            + " (" + contentType + "): " + String.join("; ", problems) + "\nbody: " + abbreviate(body));
        }
    }

    /** What is wrong with this answer; empty when the document allows it. */
    public List<String> violations(String method, String pathAndQuery, int status, String contentType, String body) {
        String path = pathAndQuery.replaceFirst("[?#].*", "");
        Optional<String> template = route(path);
        JsonNode operation = template.map(t -> document.path("paths").path(t).path(method.toLowerCase(Locale.ROOT)))
                .orElse(null);
        if (operation == null || operation.isMissingNode()) {
            // API Gateway's own answer to a route it does not have.
            if (status == 404)
                return validate("/components/schemas/GatewayMessage", contentType, body, "application/json");
            return List.of("no " + method + " " + path + " in the contract");
        }
        String where =
                "/paths/" + escape(template.get()) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/" + status;
        JsonNode response = operation.path("responses").path(String.valueOf(status));
        if (response.isMissingNode()) {
            List<String> documented = new ArrayList<>();
            operation.path("responses").fieldNames().forEachRemaining(documented::add);
            return List.of("status " + status + " is not documented for " + method + " " + template.get()
                    + " (documented: " + documented + ")");
        }
        if (response.has("$ref")) {
            where = response.get("$ref").asText().substring(1);
            response = document.at(where);
        }
        JsonNode content = response.path("content");
        if (content.isMissingNode()) {
            return body == null || body.isEmpty()
                    ? List.of()
                    : List.of("status " + status + " has no body in the contract, but one came");
        }
        String mediaType =
                contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!content.has(mediaType)) {
            List<String> documented = new ArrayList<>();
            content.fieldNames().forEachRemaining(documented::add);
            return List.of("content type '" + contentType + "' is not documented (documented: " + documented + ")");
        }
        JsonNode schema = content.path(mediaType).path("schema");
        String pointer = schema.has("$ref")
                ? schema.get("$ref").asText().substring(1)
                : where + "/content/" + escape(mediaType) + "/schema";
        return validate(pointer, contentType, body, mediaType);
    }

    /** What is wrong with a JSON value against the schema at this pointer into the document ("/components/schemas/Job"). */
    public List<String> schemaViolations(String schemaPointer, JsonNode json) {
        JsonSchema schema = schemas.computeIfAbsent(
                schemaPointer,
                pointer -> factory.getSchema(SchemaLocation.of("classpath:" + RESOURCE + "#" + pointer), config));
        // A message starts with the failing value's JSON pointer, empty for the whole body.
        return schema.validate(json).stream()
                .map(ValidationMessage::getMessage)
                .map(message -> message.startsWith(":") ? "(body)" + message : message)
                .sorted()
                .toList();
    }

    private List<String> validate(String schemaPointer, String contentType, String body, String expectedMediaType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(expectedMediaType)) {
            return List.of("content type '" + contentType + "', not " + expectedMediaType);
        }
        JsonNode json;
        try {
            json = JSON.readTree(body == null ? "" : body);
        } catch (IOException e) {
            return List.of("the body is not JSON");
        }
        if (json == null || json.isMissingNode()) return List.of("the body is empty");
        return schemaViolations(schemaPointer, json);
    }

    /** The document's path template for a concrete path; a literal segment wins over a parameter. */
    private Optional<String> route(String path) {
        return routes.entrySet().stream()
                .filter(entry -> entry.getValue().matcher(path).matches())
                .map(Map.Entry::getKey)
                .min(Comparator.comparingLong(
                        template -> template.chars().filter(c -> c == '{').count()));
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() <= 2000 ? text : text.substring(0, 2000) + "…";
    }
}
