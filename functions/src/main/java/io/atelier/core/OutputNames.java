package io.atelier.core;

import io.atelier.model.FieldError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A job's {@code outputName} template, e.g. {@code {sku}/{sku}_{role}.{ext}}, {@code {name}_white.{ext}} or
 * {@code {customId}}: it names each result, its download and its zip entry; a '/' makes folders. Every folder and
 * file name is made safe on Windows and macOS as archive names are (no {@code <>:"/\|?*} or control characters,
 * no trailing dots or spaces, no reserved device names, bounded length) and the names must stay distinct
 * regardless of case: two results that would share a name are refused, naming both items, before anything runs.
 * A result's name is its {@link #stem} (stored on the task at submit) and the extension of what the provider made:
 * {@code {ext}} may only end the template ({@code .{ext}}), and a template without it still gets the extension.
 */
public final class OutputNames {
    static final Set<String> VARIABLES = Set.of("sku", "role", "name", "ext", "customId", "n");
    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z]*)}");
    private static final int MAX_LENGTH = 240;
    private final String template;

    private OutputNames(String template) {
        this.template = template;
    }

    /** @throws InvalidRequestException naming {@code field} when the template is empty or uses an unknown variable */
    public static OutputNames of(String template, String field) {
        if (template == null || template.isBlank())
            throw new InvalidRequestException(field, "a name template such as {name}_white.{ext} is required");
        Matcher variables = VARIABLE.matcher(template);
        while (variables.find())
            if (!VARIABLES.contains(variables.group(1)))
                throw new InvalidRequestException(
                        field,
                        "unknown variable {" + variables.group(1)
                                + "}; use {sku}, {role}, {name}, {ext}, {customId} or {n}");
        if (template.replaceAll(VARIABLE.pattern(), "").matches(".*[{}].*"))
            throw new InvalidRequestException(field, "a '{' or '}' outside a variable");
        if (template.replace(".{ext}", "").contains("{ext}")
                || template.contains(".{ext}") && !template.endsWith(".{ext}"))
            throw new InvalidRequestException(
                    field, "{ext} may only end the template, as .{ext} (the result's own extension)");
        return new OutputNames(template);
    }

    /** What one result's name is made of: {@code name} is the original's file name, {@code n} the item's number from 1. */
    public record Values(String sku, String role, String name, String ext, String customId, int n) {}

    /** One safe relative path per item, in order; {@code fieldOf} names an item in errors (e.g. {@code row 17}). */
    public List<String> names(List<Values> items, java.util.function.IntFunction<String> fieldOf) {
        List<String> names = items.stream().map(this::render).toList();
        requireDistinct(names, fieldOf);
        return names;
    }

    /** Refuses empty names and names two items share regardless of case (null: the item keeps its default name). */
    static void requireDistinct(List<String> names, java.util.function.IntFunction<String> fieldOf) {
        Map<String, Integer> taken = new HashMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null) continue;
            Integer earlier = taken.putIfAbsent(name.toLowerCase(Locale.ROOT), i);
            if (name.isEmpty())
                errors.add(new FieldError(
                        fieldOf.apply(i) + ", outputName", "the template gives this item an empty name"));
            else if (earlier != null)
                errors.add(new FieldError(
                        fieldOf.apply(i) + ", outputName",
                        "\"" + name + "\" is also the name of " + fieldOf.apply(earlier)
                                + "; add {n}, {customId} or {role} to the template"));
        }
        if (!errors.isEmpty())
            throw new InvalidRequestException(errors.size() + " results would not get a name of their own.", errors);
    }

    /** The template filled in, each folder and file name made safe; the extension part keeps only letters and digits. */
    String render(Values values) {
        Matcher variables = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (variables.find())
            variables.appendReplacement(out, Matcher.quoteReplacement(value(variables.group(1), values)));
        variables.appendTail(out);
        List<String> parts = new ArrayList<>();
        for (String part : out.toString().split("/")) {
            String safe = ArchiveNames.safe(part);
            if (!safe.isEmpty()) parts.add(safe);
        }
        String path = String.join("/", parts);
        return path.length() > MAX_LENGTH ? path.substring(0, MAX_LENGTH).strip() : path;
    }

    private static String value(String variable, Values values) {
        String value = switch (variable) {
            case "sku" -> values.sku();
            case "role" -> values.role();
            case "name" -> ArchiveNames.base(values.name());
            case "ext" ->
                values.ext() == null
                        ? null
                        : values.ext().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
            case "customId" -> values.customId();
            case "n" -> String.valueOf(values.n());
            default -> throw new IllegalStateException(variable);
        };
        // A value never makes folders of its own: only the template's '/' does.
        return value == null ? "" : value.replace('/', '_').replace('\\', '_');
    }

    /** The name without its extension: what a task keeps, to which the result's own extension is added once it exists. */
    public String stem(Values values) {
        return render(new Values(values.sku(), values.role(), values.name(), null, values.customId(), values.n()));
    }

    /** A result's full name: the stem and the result's extension (lower-case letters and digits only). */
    public static String withExtension(String stem, String extension) {
        String ext = extension == null ? "" : extension.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return ext.isEmpty() ? stem : stem + "." + ext;
    }

    /** The last part of a name, for a single download's file name (a download cannot make folders). */
    public static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    public boolean hasFolders() {
        return template.contains("/");
    }
}
