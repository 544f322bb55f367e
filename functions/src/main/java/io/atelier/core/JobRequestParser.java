package io.atelier.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.json.Json;
import io.atelier.model.FieldError;
import io.atelier.model.Step;
import io.atelier.providers.ProviderRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a job submission and names every field that is wrong, so one 400 tells the caller all it must fix. */
final class JobRequestParser {
    private static final int MAX_STEPS = 10;
    private static final int MAX_FALLBACKS = 5;
    private static final int MAX_PROMPT = 32_000;
    private static final int MAX_PARAMS_CHARS = 16 * 1024;
    /** The job item holds every step; DynamoDB items stop at 400 KB. */
    private static final int MAX_STEPS_BYTES = 300_000;

    private final ProviderRegistry providers;
    private final int maxItems;

    JobRequestParser(ProviderRegistry providers, int maxItems) {
        this.providers = providers;
        this.maxItems = maxItems;
    }

    JobRequest parse(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        String name = optionalText(body, "name", "name", 200, errors);
        String outputName = template(optionalText(body, "outputName", "outputName", 500, errors), "outputName", errors);
        boolean preset = PresetRequests.named(body);
        boolean workflow = preset || body.has("steps") && !body.get("steps").isNull();
        List<Step> steps = new ArrayList<>();
        if (preset) {
            steps.addAll(PresetRequests.steps(body, errors));
        } else if (workflow) {
            JsonNode list = body.get("steps");
            if (!list.isArray() || list.isEmpty() || list.size() > MAX_STEPS) {
                errors.add(new FieldError("steps", "steps must be a list of 1 to " + MAX_STEPS + " steps"));
            } else {
                for (int i = 0; i < list.size(); i++) steps.add(step(body, list.get(i), "steps[" + i + "].", errors));
            }
        } else {
            steps.add(step(body, "", errors));
        }
        steps = PresetRequests.withChecks(steps, body, errors);
        boolean generates = !steps.isEmpty()
                && steps.get(0) != null
                && Operations.GENERATE.equals(steps.get(0).operation());
        List<JobRequest.Item> items = new ArrayList<>();
        int count = 0;
        if (generates) {
            JsonNode countNode = body.get("count");
            if (countNode == null
                    || !countNode.isIntegralNumber()
                    || countNode.asInt() < 1
                    || countNode.asInt() > maxItems)
                errors.add(new FieldError("count", "generate needs count, a whole number from 1 to " + maxItems));
            else count = countNode.asInt();
            if (body.has("items"))
                errors.add(new FieldError("items", "generate makes new images: give count, not items"));
        } else {
            items = items(body.get("items"), errors);
        }
        if (steps.stream().anyMatch(step -> step == null) && errors.isEmpty())
            errors.add(new FieldError("steps", "each step must be an object"));
        if (errors.isEmpty() && Json.write(steps).getBytes(StandardCharsets.UTF_8).length > MAX_STEPS_BYTES)
            errors.add(new FieldError(
                    workflow ? "steps" : "prompt",
                    "the job's prompts and parameters together exceed " + MAX_STEPS_BYTES / 1000 + " KB"));
        if (errors.isEmpty()) new StepChecks(providers).check(steps, items, workflow, errors);
        if (!errors.isEmpty()) throw new InvalidRequestException(summary(errors), errors);
        String jobName = name != null ? name.strip() : defaultName(steps, generates ? count : items.size());
        return new JobRequest(jobName, steps, workflow, items, generates ? count : items.size(), outputName);
    }

    private Step step(JsonNode node, String at, List<FieldError> errors) {
        return step(node, node, at, errors);
    }

    private Step step(JsonNode body, JsonNode node, String at, List<FieldError> errors) {
        if (node == null || !node.isObject()) {
            errors.add(new FieldError(at.isEmpty() ? "body" : at.substring(0, at.length() - 1), "must be an object"));
            return null;
        }
        String operation = optionalText(node, "operation", at + "operation", 64, errors);
        if (operation == null)
            errors.add(new FieldError(
                    at + "operation", "operation is required: one of " + String.join(", ", Operations.ALL)));
        else if (!Operations.ALL.contains(operation))
            errors.add(new FieldError(
                    at + "operation",
                    "unknown operation '" + operation + "': use one of " + String.join(", ", Operations.ALL)));
        String provider = optionalText(node, "provider", at + "provider", 64, errors);
        String model = optionalText(node, "model", at + "model", 200, errors);
        String prompt = optionalText(node, "prompt", at + "prompt", MAX_PROMPT, errors);
        Map<String, Object> params = params(node.get("params"), at + "params", errors);
        List<String> fallback = fallback(node.get("fallback"), at + "fallback", errors);
        Boolean cache = cache(node, at, errors);
        // A workflow's steps follow the job's own flag unless they set theirs.
        if (cache == null && !at.isEmpty() && body.path("cache").isBoolean())
            cache = body.get("cache").asBoolean();
        return new Step(operation, provider == null ? "local" : provider, model, prompt, params, fallback, cache);
    }

    /** {@code cache}: false for a fresh result; absent or null reuses a stored one. */
    private static Boolean cache(JsonNode node, String at, List<FieldError> errors) {
        JsonNode value = node == null ? null : node.get("cache");
        if (value == null || value.isNull()) return null;
        if (!value.isBoolean()) {
            errors.add(new FieldError(at + "cache", "cache must be true or false"));
            return null;
        }
        return value.asBoolean();
    }

    /** The providers to fall back on, in order: names only here; {@link StepChecks} checks each can do the step. */
    private static List<String> fallback(JsonNode node, String at, List<FieldError> errors) {
        if (node == null || node.isNull()) return List.of();
        if (!node.isArray() || node.size() > MAX_FALLBACKS) {
            errors.add(new FieldError(at, "fallback must be a list of at most " + MAX_FALLBACKS + " provider names"));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) errors.add(new FieldError(at + "[" + i + "]", "must be a provider name"));
            else out.add(node.get(i).asText());
        }
        return out;
    }

    private List<JobRequest.Item> items(JsonNode node, List<FieldError> errors) {
        List<JobRequest.Item> items = new ArrayList<>();
        if (node == null || !node.isArray() || node.isEmpty()) {
            errors.add(new FieldError("items", "items must list 1 to " + maxItems + " images"));
            return items;
        }
        if (node.size() > maxItems) {
            errors.add(new FieldError("items", "at most " + maxItems + " items per job; split the batch"));
            return items;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String at = "items[" + i + "].";
            if (!item.isObject()) {
                errors.add(new FieldError("items[" + i + "]", "must be an object with an imageId"));
                continue;
            }
            String imageId = optionalText(item, "imageId", at + "imageId", 64, errors);
            if (imageId == null) errors.add(new FieldError(at + "imageId", "imageId is required"));
            String customId = optionalText(item, "customId", at + "customId", 200, errors);
            String prompt = optionalText(item, "prompt", at + "prompt", MAX_PROMPT, errors);
            Map<String, Object> params = params(item.get("params"), at + "params", errors);
            String sku = optionalText(item, "sku", at + "sku", 200, errors);
            String outputName = template(
                    optionalText(item, "outputName", at + "outputName", 500, errors), at + "outputName", errors);
            items.add(new JobRequest.Item(imageId, customId, prompt, params, sku, outputName));
        }
        return items;
    }

    /** A name template, checked now so that a bad one is named with the other errors. */
    private static String template(String value, String at, List<FieldError> errors) {
        if (value == null) return null;
        try {
            OutputNames.of(value, at);
            return value;
        } catch (InvalidRequestException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    /** Parameters are stored with every job and task item, so their size is bounded well below DynamoDB's 400 KB. */
    private static Map<String, Object> params(JsonNode node, String at, List<FieldError> errors) {
        if (node == null || node.isNull()) return Map.of();
        if (!node.isObject()) {
            errors.add(new FieldError(at, "params must be an object"));
            return Map.of();
        }
        if (node.toString().length() > MAX_PARAMS_CHARS) {
            errors.add(new FieldError(at, "params is larger than " + MAX_PARAMS_CHARS / 1024 + " KB"));
            return Map.of();
        }
        return Json.map(node);
    }

    private static String optionalText(JsonNode node, String field, String at, int maxLength, List<FieldError> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return null;
        if (!value.isTextual()) {
            errors.add(new FieldError(at, field + " must be a string"));
            return null;
        }
        if (value.asText().length() > maxLength) {
            errors.add(new FieldError(at, field + " is longer than " + maxLength + " characters"));
            return null;
        }
        return value.asText();
    }

    private static String defaultName(List<Step> steps, int size) {
        String what = String.join(" → ", steps.stream().map(Step::operation).toList());
        return what + " · " + size + (size == 1 ? " image" : " images");
    }

    static String summary(List<FieldError> errors) {
        FieldError first = errors.get(0);
        String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "";
        return first.field() + ": " + first.message() + more;
    }
}
