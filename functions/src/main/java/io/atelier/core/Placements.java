package io.atelier.core;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The shape of project names, SKUs and roles. They end up in URLs, DynamoDB keys (where '#' separates parts) and
 * folder names of downloads, so they are plain: a letter or digit, then letters, digits, '.', '_' or '-'.
 */
public final class Placements {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Placements() {}

    /** Why {@code value} cannot be a project, SKU or role, or empty when it can (null is allowed: none). */
    public static Optional<String> problem(String value) {
        if (value == null || TOKEN.matcher(value).matches()) return Optional.empty();
        return Optional.of("use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
}
