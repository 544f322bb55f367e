package io.atelier.providers.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.model.ErrorCode;
import io.atelier.providers.ProviderException;
import io.atelier.providers.http.Failures;
import io.atelier.providers.http.HttpAnswer;
import io.atelier.providers.http.RetryHints;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads ComfyUI's answers: /prompt's validation errors, a /history entry's status and outputs. */
final class ComfyAnswers {
    static final String NAME = "ComfyUI";

    private ComfyAnswers() {}

    /** One output image as /history lists it, and the node that made it. */
    record OutputImage(String node, String filename, String subfolder, String type) {}

    static JsonNode json(HttpAnswer answer) throws ProviderException {
        return answer.jsonObject(NAME);
    }

    /**
     * A failed /prompt. A 400 is ComfyUI's validation of the workflow: the user's to fix, so it names the node and its
     * error. Anything else (a proxy's 401, a 5xx) is classified by status.
     */
    static ProviderException promptFailure(HttpAnswer answer) {
        if (answer.status() != 400)
            return Failures.forStatus(
                    NAME, answer.status(), RetryHints.fromHeaders(answer.headers(), Instant.now()), snippet(answer));
        JsonNode body = answer.jsonOrMissing();
        if (!body.isObject()) return Failures.forStatus(NAME, 400, null, snippet(answer));
        List<String> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.path("node_errors").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> node = it.next();
            List<String> errors = new ArrayList<>();
            node.getValue()
                    .path("errors")
                    .forEach(e -> errors.add(
                            join(e.path("message").asText(""), e.path("details").asText(""))));
            problems.add("node " + node.getKey() + " ("
                    + node.getValue().path("class_type").asText("?") + "): " + String.join("; ", errors));
        }
        if (problems.isEmpty()) {
            JsonNode error = body.path("error");
            problems.add(join(
                    error.path("message").asText(error.isTextual() ? error.asText() : ""),
                    error.path("details").asText("")));
        }
        return new ProviderException(
                ErrorCode.PROVIDER_INVALID_REQUEST,
                "ComfyUI rejected the workflow: " + Failures.clean(String.join(" | ", problems)));
    }

    /**
     * A finished entry that did not succeed. A node's exception is the workflow's fault (wrong model name, bad input),
     * except running out of GPU memory, which another try may not hit; an interrupted run was stopped on the server.
     */
    static ProviderException executionFailure(JsonNode entry) {
        for (JsonNode message : entry.path("status").path("messages")) {
            String type = message.path(0).asText("");
            JsonNode data = message.path(1);
            if (type.equals("execution_error")) {
                String exception = data.path("exception_message").asText("").trim();
                String where = "node " + data.path("node_id").asText("?") + " ("
                        + data.path("node_type").asText("?") + ")";
                String exceptionType = data.path("exception_type").asText("");
                if ((exceptionType + " " + exception).toLowerCase(Locale.ROOT).contains("out of memory")
                        || exceptionType.contains("OutOfMemory"))
                    return new ProviderException(
                            ErrorCode.PROVIDER_UNAVAILABLE,
                            "ComfyUI ran out of memory in " + where + ": " + Failures.clean(exception));
                return new ProviderException(
                        ErrorCode.PROVIDER_INVALID_REQUEST,
                        "The workflow failed in " + where + ": "
                                + Failures.clean(exception.isEmpty() ? exceptionType : exception));
            }
            if (type.equals("execution_interrupted"))
                return new ProviderException(
                        ErrorCode.PROVIDER_UNAVAILABLE,
                        "The workflow was interrupted on the ComfyUI server (node "
                                + data.path("node_id").asText("?") + ").");
        }
        return new ProviderException(
                ErrorCode.PROVIDER_INVALID_REQUEST,
                "The workflow ended with status "
                        + Failures.clean(entry.path("status").path("status_str").asText("unknown"))
                        + " and no error message.");
    }

    /** The image to keep: the chosen node's first, else the first saved ("output") image, else the first preview. */
    static OutputImage pick(JsonNode outputs, String outputNode) throws ProviderException {
        List<OutputImage> all = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = outputs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> node = it.next();
            for (JsonNode image : node.getValue().path("images")) {
                String filename = image.path("filename").asText("");
                if (filename.isEmpty()) continue;
                all.add(new OutputImage(
                        node.getKey(),
                        filename,
                        image.path("subfolder").asText(""),
                        image.path("type").asText("output")));
            }
        }
        if (outputNode != null) {
            return all.stream()
                    .filter(i -> i.node().equals(outputNode))
                    .findFirst()
                    .orElseThrow(() -> new ProviderException(
                            ErrorCode.PROVIDER_INVALID_REQUEST,
                            "Node " + outputNode + " produced no image"
                                    + (all.isEmpty()
                                            ? "."
                                            : "; images came from node(s) "
                                                    + String.join(
                                                            ", ",
                                                            all.stream()
                                                                    .map(OutputImage::node)
                                                                    .distinct()
                                                                    .toList())
                                                    + ".")));
        }
        return all.stream()
                .filter(i -> i.type().equals("output"))
                .findFirst()
                .or(() -> all.stream().findFirst())
                .orElseThrow(() -> new ProviderException(
                        ErrorCode.PROVIDER_INVALID_REQUEST,
                        "The workflow finished without an image output; add a SaveImage node."));
    }

    /** Start-to-end time as ComfyUI's own status messages report it, when both are there. */
    static Long executionMillis(JsonNode entry) {
        Long start = null;
        Long end = null;
        for (JsonNode message : entry.path("status").path("messages")) {
            String type = message.path(0).asText("");
            JsonNode at = message.path(1).path("timestamp");
            if (!at.isNumber()) continue;
            if (type.equals("execution_start")) start = at.asLong();
            if (type.equals("execution_success")) end = at.asLong();
        }
        return start != null && end != null && end >= start ? end - start : null;
    }

    private static String join(String message, String details) {
        if (details.isBlank()) return message;
        return message.isBlank() ? details : message + ": " + details;
    }

    private static String snippet(HttpAnswer answer) {
        String text = answer.text();
        return text.length() > 200 ? text.substring(0, 200) : text;
    }
}
