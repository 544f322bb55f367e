package io.atelier.providers.comfyui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atelier.json.Json;
import io.atelier.model.FieldError;
import io.atelier.providers.spec.FieldRule;
import io.atelier.providers.spec.OperationSpec;
import io.atelier.providers.spec.ParamSpec;
import io.atelier.providers.spec.Prompt;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user's own ComfyUI workflow in API format ({@code {"<node id>":{"class_type":…,"inputs":{…}}}}), given as
 * {@code params.workflow} (a JSON object or a string holding one), with the placeholders {@code {{image}}},
 * {@code {{prompt}}} and {@code {{seed}}} in its string values. Placeholders are filled in the JSON tree, not the text,
 * so a prompt with quotes or newlines cannot break the document.
 */
final class ComfyWorkflow {
    static final String IMAGE = "{{image}}";
    static final String PROMPT = "{{prompt}}";
    static final String SEED = "{{seed}}";
    /** Inputs that name the model files a workflow loads; shown as the task's model. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(image|prompt|seed)}}");

    private static final Set<String> MODEL_INPUTS = Set.of("ckpt_name", "unet_name", "model_name");

    /** Every operation takes the same parameters: what it does is up to the workflow. */
    static final OperationSpec SPEC = OperationSpec.of(
                    Prompt.OPTIONAL,
                    ParamSpec.json("workflow")
                            .mandatory()
                            .describe("The workflow in ComfyUI's API format (Export (API)), with " + IMAGE + ", "
                                    + PROMPT + " and " + SEED + " placeholders; " + PROMPT
                                    + " makes the prompt required"),
                    ParamSpec.integer("seed", 0, Long.MAX_VALUE).describe("Fills " + SEED + "; random when absent"),
                    ParamSpec.text("outputNode", 1, 64)
                            .describe("The id of the node whose image is kept; default: the last one saved"))
            .with(FieldRule.promptWhenContains(
                    "workflow", PROMPT, "the workflow uses " + PROMPT + " but the step has no prompt"));

    private ComfyWorkflow() {}

    /** A workflow that cannot be used, with the reason in words for the {@code workflow} field. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    static ObjectNode parse(Object value) throws Invalid {
        if (value == null)
            throw new Invalid(
                    "workflow is required: the API-format JSON of a ComfyUI workflow (Export (API) in ComfyUI)");
        JsonNode node;
        if (value instanceof String text) {
            try {
                node = Json.tree(text);
            } catch (JsonProcessingException e) {
                throw new Invalid("workflow is not valid JSON");
            }
        } else if (value instanceof Map<?, ?> map) {
            node = Json.MAPPER.valueToTree(map);
        } else {
            throw new Invalid("workflow must be a JSON object (or a string holding one)");
        }
        if (node == null || !node.isObject() || node.isEmpty())
            throw new Invalid("workflow must be a non-empty JSON object of nodes");
        if (node.has("nodes") && node.has("links"))
            throw new Invalid("workflow is in ComfyUI's UI format; export it in API format (Export (API)) instead");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode n = entry.getValue();
            if (!n.isObject()
                    || !n.path("class_type").isTextual()
                    || n.get("class_type").asText().isBlank()
                    || !n.path("inputs").isObject())
                throw new Invalid("workflow node " + entry.getKey() + " needs a class_type and an inputs object");
        }
        return (ObjectNode) node;
    }

    /**
     * What the spec cannot say: a workflow ComfyUI can run, with {@code {{image}}} exactly when the step has an input,
     * and an {@code outputNode} among its nodes. The seed's range and the prompt {@code {{prompt}}} needs are the spec's.
     */
    static List<FieldError> problems(boolean hasInputImage, Map<String, Object> params) {
        List<FieldError> problems = new ArrayList<>();
        ObjectNode workflow;
        try {
            workflow = parse(params.get("workflow"));
        } catch (Invalid e) {
            problems.add(new FieldError("workflow", e.getMessage()));
            return problems;
        }
        boolean usesImage = contains(workflow, IMAGE);
        if (hasInputImage && !usesImage)
            problems.add(new FieldError(
                    "workflow",
                    "workflow must contain \"" + IMAGE
                            + "\" where the input image goes (e.g. a LoadImage node's image input)"));
        if (!hasInputImage && usesImage)
            problems.add(new FieldError(
                    "workflow", "generate has no input image; remove \"" + IMAGE + "\" from the workflow"));
        Object outputNode = params.get("outputNode");
        if (outputNode != null) {
            String id = nodeId(outputNode);
            if (id == null || !workflow.has(id))
                problems.add(new FieldError("outputNode", "outputNode must be the id of a node in the workflow"));
        }
        return problems;
    }

    /** A copy with the placeholders filled; a string that is exactly {@code {{seed}}} becomes a JSON number. */
    static ObjectNode fill(ObjectNode template, String image, String prompt, long seed) {
        return (ObjectNode) fillNode(template, image, prompt == null ? "" : prompt, seed);
    }

    private static JsonNode fillNode(JsonNode node, String image, String prompt, long seed) {
        JsonNodeFactory factory = JsonNodeFactory.instance;
        if (node.isTextual()) {
            String text = node.asText();
            if (text.equals(SEED)) return factory.numberNode(seed);
            if (!text.contains("{{")) return node;
            // One pass, so a prompt that happens to contain "{{image}}" is left as the user wrote it.
            String filled = PLACEHOLDER
                    .matcher(text)
                    .replaceAll(m -> Matcher.quoteReplacement(
                            switch (m.group(1)) {
                                case "image" -> image == null ? m.group() : image;
                                case "prompt" -> prompt;
                                default -> Long.toString(seed);
                            }));
            return factory.textNode(filled);
        }
        if (node.isObject()) {
            ObjectNode copy = factory.objectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), fillNode(e.getValue(), image, prompt, seed)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = factory.arrayNode();
            node.forEach(element -> copy.add(fillNode(element, image, prompt, seed)));
            return copy;
        }
        return node;
    }

    static boolean contains(JsonNode node, String placeholder) {
        if (node.isTextual()) return node.asText().contains(placeholder);
        for (JsonNode child : node) if (contains(child, placeholder)) return true;
        return false;
    }

    /**
     * The seed ComfyUI ran with, read from the workflow it kept in its history at the first place the template had
     * exactly {@code {{seed}}}: a random seed drawn at start is not lost when the result is fetched on a later poll.
     */
    static Long seedUsed(JsonNode template, JsonNode submitted) {
        if (template == null || submitted == null || submitted.isMissingNode()) return null;
        if (template.isTextual() && template.asText().equals(SEED))
            return submitted.isIntegralNumber() ? submitted.asLong() : null;
        if (template.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Long found = seedUsed(e.getValue(), submitted.path(e.getKey()));
                if (found != null) return found;
            }
        } else if (template.isArray()) {
            for (int i = 0; i < template.size(); i++) {
                Long found = seedUsed(template.get(i), submitted.path(i));
                if (found != null) return found;
            }
        }
        return null;
    }

    /** The model files the workflow loads (checkpoints, diffusion models, upscalers), in node order. */
    static List<String> models(JsonNode workflow) {
        Set<String> names = new LinkedHashSet<>();
        workflow.forEach(node -> node.path("inputs").fields().forEachRemaining(input -> {
            if (MODEL_INPUTS.contains(input.getKey()) && input.getValue().isTextual())
                names.add(input.getValue().asText());
        }));
        return List.copyOf(names);
    }

    static Long seedValue(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            long seed = ((Number) value).longValue();
            return seed >= 0 ? seed : null;
        }
        if (value instanceof Number n
                && n.doubleValue() == Math.rint(n.doubleValue())
                && n.doubleValue() >= 0
                && n.doubleValue() < 9e15) return n.longValue();
        return null;
    }

    static String nodeId(Object value) {
        if (value instanceof String s && !s.isBlank()) return s;
        if (value instanceof Integer || value instanceof Long) return value.toString();
        return null;
    }
}
