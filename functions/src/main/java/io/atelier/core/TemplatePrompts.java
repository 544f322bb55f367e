package io.atelier.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atelier.model.FieldError;
import io.atelier.model.Ids;
import io.atelier.model.ImageRecord;
import io.atelier.model.PromptTemplate;
import io.atelier.store.ImageStore;
import io.atelier.store.TemplateStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /jobs} with {@code "promptTemplate": {"templateId": "tpl_…", "values": {"colour": "red"}}}: each item's
 * prompt is the template filled in — {@code {sku}} and {@code {name}} from the item's image, the template's own
 * variables from the item's {@code templateValues} (a manifest's {@code var.<name>} columns) or else the job's
 * {@code values}. An item with its own {@code prompt} keeps it. A variable left without a value is a 400 naming it,
 * and the filled prompts are then checked like any other.
 */
final class TemplatePrompts {
    private TemplatePrompts() {}

    static JsonNode expand(String owner, JsonNode body, TemplateStore templates, ImageStore images) {
        JsonNode spec = body.get("promptTemplate");
        if (spec == null || spec.isNull()) return body;
        if (templates == null)
            throw new InvalidRequestException("promptTemplate", "prompt templates are not available here");
        if (!spec.isObject())
            throw new InvalidRequestException("promptTemplate", "must be an object with templateId and values");
        String templateId = spec.path("templateId").asText("");
        PromptTemplate template = Ids.isValid(Ids.TEMPLATE, templateId)
                ? templates.find(owner, templateId).orElse(null)
                : null;
        if (template == null)
            throw new InvalidRequestException(
                    "promptTemplate.templateId", "no template " + FileNames.display(templateId) + " of yours");
        Map<String, String> jobValues = values(spec.get("values"), "promptTemplate.values");
        JsonNode items = body.get("items");
        if (items == null || !items.isArray()) return body; // the parser names what is missing
        List<String> variables = PromptTemplates.variables(template.text());
        Map<String, ImageRecord> found = images.findAll(owner, ids(items));
        ObjectNode expanded = ((ObjectNode) body).deepCopy();
        expanded.remove("promptTemplate");
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!(expanded.get("items").get(i) instanceof ObjectNode item) || item.hasNonNull("prompt")) continue;
            String at =
                    item.has("row") ? "row " + item.get("row").asInt() + ", var." : "items[" + i + "].templateValues.";
            Map<String, String> values = new HashMap<>(jobValues);
            values.putAll(values(item.get("templateValues"), at.replace(", var.", ", vars")));
            ImageRecord image = found.get(item.path("imageId").asText(""));
            String sku = item.hasNonNull("sku")
                    ? item.get("sku").asText()
                    : image == null ? null : image.placement().sku();
            if (sku != null) values.put("sku", sku);
            if (image != null) values.put("name", ArchiveNames.base(image.name()));
            for (String variable : variables)
                if (!values.containsKey(variable) && image != null)
                    errors.add(new FieldError(
                            at + variable,
                            PromptTemplates.BUILT_IN.contains(variable)
                                    ? "the image has no " + variable + " for {" + variable + "}"
                                    : "no value for {" + variable + "}; give it in promptTemplate.values or per item"));
            item.put("prompt", PromptTemplates.render(template.text(), values));
        }
        if (!errors.isEmpty()) throw new InvalidRequestException(JobRequestParser.summary(errors), errors);
        return expanded;
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        for (JsonNode item : items) {
            String id = item.path("imageId").asText("");
            if (Ids.isValid(Ids.IMAGE, id)) ids.add(id);
        }
        return ids.stream().distinct().toList();
    }

    private static Map<String, String> values(JsonNode node, String field) {
        Map<String, String> out = new HashMap<>();
        if (node == null || node.isNull()) return out;
        if (!node.isObject()) throw new InvalidRequestException(field, "must be an object of variable values");
        node.fields().forEachRemaining(entry -> {
            if (!entry.getValue().isTextual())
                throw new InvalidRequestException(field + "." + entry.getKey(), "must be a string");
            out.put(entry.getKey(), entry.getValue().asText());
        });
        return out;
    }
}
