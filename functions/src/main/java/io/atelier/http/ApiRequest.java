package io.atelier.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.model.Ids;
import io.atelier.store.PageRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A payload-2.0 HTTP API request, read the way handlers need it. */
public final class ApiRequest {
    private static final int MAX_ID_LENGTH = 64;
    static final int MAX_BODY_CHARS = 5 * 1024 * 1024;
    private static final Map<String, String> ID_PREFIXES = Map.of(
            "jobId",
            Ids.JOB,
            "taskId",
            Ids.TASK,
            "imageId",
            Ids.IMAGE,
            "manifestId",
            Ids.MANIFEST,
            "webhookId",
            Ids.WEBHOOK,
            "deliveryId",
            Ids.MESSAGE,
            "archiveId",
            "arc",
            "exportId",
            "exp");
    private final APIGatewayV2HTTPEvent event;

    public ApiRequest(APIGatewayV2HTTPEvent event) {
        this.event = event;
    }

    public String routeKey() {
        return event.getRouteKey() == null ? "" : event.getRouteKey();
    }

    /** The JWT authorizer's {@code sub}: who is calling. Without it nothing is answered. */
    public String caller() {
        String sub = claims().get("sub");
        if (sub == null || sub.isBlank() || sub.contains("/")) throw ApiException.unauthorized();
        return sub;
    }

    /** The JWT's claims as the authorizer passes them (strings; arrays as {@code "[a b]"}); empty without a token. */
    public Map<String, String> claims() {
        var context = event.getRequestContext();
        Map<String, String> claims = context == null
                        || context.getAuthorizer() == null
                        || context.getAuthorizer().getJwt() == null
                ? null
                : context.getAuthorizer().getJwt().getClaims();
        return claims == null ? Map.of() : claims;
    }

    /**
     * An id from the path ({@code jobId}, {@code taskId}, {@code imageId}). An id of the wrong shape cannot name a
     * thing that exists, so it answers 404 like any unknown id, and never reaches the store.
     */
    public String pathParameter(String name) {
        Map<String, String> params = event.getPathParameters();
        String value = params == null ? null : params.get(name);
        if (value == null || value.isBlank()) throw ApiException.badRequest("The path lacks " + name + ".");
        String prefix = ID_PREFIXES.get(name);
        if (prefix == null
                ? value.length() > MAX_ID_LENGTH || !value.chars().allMatch(ApiRequest::idCharacter)
                : !Ids.isValid(prefix, value)) throw ApiException.notFound("The " + name + " in the path");
        return value;
    }

    private static boolean idCharacter(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }

    /** An optional id in the query ({@code ?taskId=}); one of the wrong shape is a 400 naming the parameter. */
    public Optional<String> queryId(String name, String prefix) {
        Optional<String> value = query(name);
        if (value.isPresent() && !Ids.isValid(prefix, value.get()))
            throw ApiException.validation(
                    name, name + " must be an id like " + prefix + "_ followed by 26 letters and digits.");
        return value;
    }

    public Optional<String> query(String name) {
        Map<String, String> params = event.getQueryStringParameters();
        return Optional.ofNullable(params == null ? null : params.get(name)).filter(value -> !value.isBlank());
    }

    public Optional<String> header(String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) return Optional.empty();
        String wanted = name.toLowerCase(Locale.ROOT);
        return headers.entrySet().stream()
                .filter(entry -> entry.getKey().toLowerCase(Locale.ROOT).equals(wanted))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    public String body() {
        String body = event.getBody();
        if (body == null) return "";
        if (!event.getIsBase64Encoded()) return body;
        try {
            return new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("The body could not be read.");
        }
    }

    /**
     * The body as a JSON object; anything else is a 4xx that says what was wrong: a declared media type other than
     * JSON (415), a body past {@link #MAX_BODY_CHARS} (413: Lambda's 6 MB payload limit would fail it less clearly), or
     * one that is empty, malformed or not an object (400).
     */
    public JsonNode jsonBody() {
        Optional<String> mediaType =
                header("Content-Type").map(value -> value.split(";")[0].strip().toLowerCase(Locale.ROOT));
        if (mediaType.isPresent()
                && !mediaType.get().equals("application/json")
                && !mediaType.get().endsWith("+json"))
            throw new ApiException(
                    415,
                    "/problems/unsupported-media-type",
                    "Unsupported media type",
                    "Send the body as application/json.",
                    null);
        String body = body();
        if (body.length() > MAX_BODY_CHARS)
            throw new ApiException(
                    413,
                    "/problems/too-large",
                    "Request body too large",
                    "A request body may hold at most " + MAX_BODY_CHARS / (1024 * 1024) + " MiB; split the request.",
                    null);
        if (body.isBlank()) throw ApiException.badRequest("The request needs a JSON body.");
        JsonNode node = BodyParsing.parse(body);
        if (node == null || !node.isObject()) throw ApiException.badRequest("The body must be a JSON object.");
        return node;
    }

    /** {@code ?limit=} and {@code ?cursor=}, checked against API.md's bounds. */
    public PageRequest page() {
        int limit = PageRequest.DEFAULT_LIMIT;
        Optional<String> raw = query("limit");
        if (raw.isPresent()) {
            try {
                limit = Integer.parseInt(raw.get());
            } catch (NumberFormatException e) {
                throw ApiException.validation(
                        "limit", "limit must be a whole number from 1 to " + PageRequest.MAX_LIMIT + ".");
            }
            if (limit < 1 || limit > PageRequest.MAX_LIMIT)
                throw ApiException.validation(
                        "limit", "limit must be a whole number from 1 to " + PageRequest.MAX_LIMIT + ".");
        }
        Optional<String> cursor = query("cursor");
        if (cursor.isPresent() && cursor.get().length() > 512)
            throw ApiException.validation("cursor", "The cursor is not one this list gave out.");
        return new PageRequest(limit, cursor.orElse(null));
    }
}
