package io.atelier.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.model.FieldError;
import io.atelier.model.Ids;
import io.atelier.model.PromptTemplate;
import io.atelier.store.TemplateStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person's prompt templates, server-side so every device has them: CRUD, named groups with one favourite group,
 * and the one-time import of templates a browser kept in localStorage (names already present are skipped, so a
 * repeated import adds nothing). A template's text may use {@code {sku}}, {@code {name}} (the original's name) and
 * variables of its own ({@code {colour}}), filled per job or per manifest row.
 */
public final class PromptTemplates {
    static final int MAX_TEMPLATES = 500;
    static final int MAX_TEXT = 4_000;
    static final int MAX_NAME = 100;
    static final int MAX_GROUP = 64;
    /** Filled from the item itself; any other variable needs a value from the job or the row. */
    static final Set<String> BUILT_IN = Set.of("sku", "name");

    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]{0,31})}");
    private final TemplateStore store;
    private final Clock clock;

    public PromptTemplates(TemplateStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Every template, by group then name, and the favourite group. */
    public record Listing(List<PromptTemplate> templates, String favouriteGroup) {}

    public Listing list(String owner) {
        List<PromptTemplate> templates = new ArrayList<>(store.list(owner));
        templates.sort(Comparator.comparing(
                        (PromptTemplate t) -> t.group() == null ? "" : t.group().toLowerCase(Locale.ROOT))
                .thenComparing(t -> t.name().toLowerCase(Locale.ROOT)));
        return new Listing(templates, store.favouriteGroup(owner).orElse(null));
    }

    public PromptTemplate get(String owner, String templateId) {
        if (!Ids.isValid(Ids.TEMPLATE, templateId)) throw new NotFoundException("Template " + templateId);
        return store.find(owner, templateId).orElseThrow(() -> new NotFoundException("Template " + templateId));
    }

    public PromptTemplate create(String owner, JsonNode body) {
        Fields fields = fields(body, "");
        if (store.list(owner).size() >= MAX_TEMPLATES)
            throw new ConflictException(
                    "You have " + MAX_TEMPLATES + " templates, the most one person may keep; delete some first.");
        Instant now = clock.instant();
        PromptTemplate template =
                new PromptTemplate(owner, Ids.template(), fields.name(), fields.text(), fields.group(), now, now);
        store.put(template);
        return template;
    }

    public PromptTemplate update(String owner, String templateId, JsonNode body) {
        PromptTemplate current = get(owner, templateId);
        Fields fields = fields(body, "");
        PromptTemplate updated = new PromptTemplate(
                owner, templateId, fields.name(), fields.text(), fields.group(), current.createdAt(), clock.instant());
        store.put(updated);
        return updated;
    }

    public void delete(String owner, String templateId) {
        if (!Ids.isValid(Ids.TEMPLATE, templateId) || !store.delete(owner, templateId))
            throw new NotFoundException("Template " + templateId);
    }

    /** What an import did: the templates it created, and the names it skipped because they were there already. */
    public record Imported(List<PromptTemplate> created, List<String> skipped) {}

    /** {@code POST /templates/import}: {@code {"templates": [{name, text, group}]}}, all checked before any is stored. */
    public Imported importAll(String owner, JsonNode body) {
        JsonNode list = body.get("templates");
        if (list == null || !list.isArray() || list.isEmpty() || list.size() > MAX_TEMPLATES)
            throw new InvalidRequestException("templates", "templates must list 1 to " + MAX_TEMPLATES + " templates");
        List<Fields> all = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            try {
                all.add(fields(list.get(i), "templates[" + i + "]."));
            } catch (InvalidRequestException e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) throw new InvalidRequestException(JobRequestParser.summary(errors), errors);
        List<PromptTemplate> existing = store.list(owner);
        Set<String> names = new HashSet<>();
        existing.forEach(t -> names.add(t.name().toLowerCase(Locale.ROOT)));
        List<PromptTemplate> created = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Instant now = clock.instant();
        for (Fields fields : all) {
            if (!names.add(fields.name().toLowerCase(Locale.ROOT))) {
                skipped.add(fields.name());
                continue;
            }
            if (existing.size() + created.size() >= MAX_TEMPLATES) {
                skipped.add(fields.name());
                continue;
            }
            PromptTemplate template =
                    new PromptTemplate(owner, Ids.template(), fields.name(), fields.text(), fields.group(), now, now);
            store.put(template);
            created.add(template);
        }
        return new Imported(created, skipped);
    }

    /** {@code PUT /template-settings}: {@code {"favouriteGroup": "…" | null}}. */
    public String setFavouriteGroup(String owner, JsonNode body) {
        JsonNode group = body.get("favouriteGroup");
        if (group == null)
            throw new InvalidRequestException("favouriteGroup", "favouriteGroup is required (null clears it)");
        if (group.isNull()) {
            store.setFavouriteGroup(owner, null);
            return null;
        }
        if (!group.isTextual() || group.asText().isBlank() || group.asText().length() > MAX_GROUP)
            throw new InvalidRequestException(
                    "favouriteGroup",
                    "favouriteGroup must be a group name of 1 to " + MAX_GROUP + " characters, or null");
        store.setFavouriteGroup(owner, group.asText().strip());
        return group.asText().strip();
    }

    /** The variables a template's text uses, in order, each once. */
    public static List<String> variables(String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher matcher = VARIABLE.matcher(text);
        while (matcher.find()) found.add(matcher.group(1));
        return List.copyOf(found);
    }

    /** The text with its variables filled; a variable without a value stays as it is (the caller checks first). */
    public static String render(String text, Map<String, String> values) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : matcher.group()));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private record Fields(String name, String text, String group) {}

    private static Fields fields(JsonNode body, String at) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject())
            throw new InvalidRequestException(
                    at.isEmpty() ? "body" : at.substring(0, at.length() - 1), "must be an object");
        String name = text(body, "name", at, MAX_NAME, true, errors);
        String text = text(body, "text", at, MAX_TEXT, true, errors);
        String group = text(body, "group", at, MAX_GROUP, false, errors);
        if (text != null) {
            String stray = VARIABLE.matcher(text).replaceAll("");
            if (stray.contains("{") || stray.contains("}"))
                errors.add(new FieldError(
                        at + "text",
                        "a '{' or '}' outside a variable; variables are {sku}, {name} or your own such as {colour}"));
        }
        if (!errors.isEmpty()) throw new InvalidRequestException(JobRequestParser.summary(errors), errors);
        return new Fields(name, text, group);
    }

    private static String text(
            JsonNode body, String field, String at, int max, boolean required, List<FieldError> errors) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (required) errors.add(new FieldError(at + field, field + " is required"));
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > max) {
            errors.add(new FieldError(at + field, field + " must be text of 1 to " + max + " characters"));
            return null;
        }
        return value.asText().strip();
    }

    /** The template's answer shape. */
    public static Map<String, Object> json(PromptTemplate template) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("templateId", template.templateId());
        out.put("name", template.name());
        out.put("text", template.text());
        out.put("group", template.group());
        out.put("variables", variables(template.text()));
        out.put("createdAt", io.atelier.json.Json.time(template.createdAt()));
        out.put("updatedAt", io.atelier.json.Json.time(template.updatedAt()));
        return out;
    }
}
