package io.atelier.core;

import io.atelier.model.Placement;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file-name pattern the user picks to file uploads by SKU: {@code {sku}-{role}.jpg}, {@code {sku}_{n}.jpg}.
 * {@code {sku}} takes as much as it can (so {@code sku-104-front} is SKU {@code sku-104}, role {@code front}),
 * {@code {role}} a word, {@code {n}} a number (1 is the main image, 2 is {@code extra-1}…). The extension is not
 * compared: a pattern written with {@code .jpg} also files {@code .png} and {@code .webp}.
 */
public final class NamePattern {
    private static final Pattern VARIABLE = Pattern.compile("\\{([a-z]+)}");
    private final String text;
    private final Pattern regex;

    private NamePattern(String text, Pattern regex) {
        this.text = text;
        this.regex = regex;
    }

    /** @throws IllegalArgumentException naming what is wrong with the pattern */
    public static NamePattern of(String text) {
        if (text == null || text.isBlank())
            throw new IllegalArgumentException("a pattern such as {sku}-{role}.jpg is required");
        String base = withoutExtension(text.strip());
        Matcher variables = VARIABLE.matcher(base);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        boolean sku = false;
        boolean roleOrNumber = false;
        while (variables.find()) {
            regex.append(Pattern.quote(base.substring(last, variables.start())));
            String name = variables.group(1);
            switch (name) {
                case "sku" -> {
                    if (sku) throw new IllegalArgumentException("{sku} may appear once");
                    sku = true;
                    regex.append("(?<sku>[A-Za-z0-9][A-Za-z0-9._-]*)");
                }
                case "role" -> {
                    if (roleOrNumber) throw new IllegalArgumentException("use {role} or {n} once");
                    roleOrNumber = true;
                    regex.append("(?<role>[A-Za-z0-9]+)");
                }
                case "n" -> {
                    if (roleOrNumber) throw new IllegalArgumentException("use {role} or {n} once");
                    roleOrNumber = true;
                    regex.append("(?<n>[0-9]{1,4})");
                }
                default ->
                    throw new IllegalArgumentException("unknown variable {" + name + "}; use {sku}, {role} or {n}");
            }
            last = variables.end();
        }
        regex.append(Pattern.quote(base.substring(last)));
        if (!sku) throw new IllegalArgumentException("the pattern needs {sku}");
        return new NamePattern(text.strip(), Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE));
    }

    /** The SKU and role {@code fileName} carries, or empty when it does not follow the pattern. */
    public Optional<Placement> match(String project, String fileName) {
        Matcher matcher = regex.matcher(withoutExtension(fileName.strip()));
        if (!matcher.matches()) return Optional.empty();
        String role = null;
        if (regex.pattern().contains("(?<role>")) role = matcher.group("role").toLowerCase(java.util.Locale.ROOT);
        if (regex.pattern().contains("(?<n>")) {
            int n = Integer.parseInt(matcher.group("n"));
            role = n <= 1 ? "main" : "extra-" + (n - 1);
        }
        return Optional.of(new Placement(project, matcher.group("sku"), role));
    }

    @Override
    public String toString() {
        return text;
    }

    private static String withoutExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && name.indexOf('}', dot) < 0 ? name.substring(0, dot) : name;
    }
}
