package io.atelier.core;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rule for user-given file names. On upload a name is refused if it has a path separator or is {@code .} or
 * {@code ..}, holds a control character (C0, DEL, C1, line or paragraph separator), a bidirectional override or
 * isolate (U+202A–U+202E, U+2066–U+2069: they make "gnp.exe" read as "exe.png"), a lone surrogate, or is longer
 * than 255 bytes in UTF-8. Names stored before the rule existed are made safe on the way out instead.
 */
public final class FileNames {
    public static final int MAX_BYTES = 255;
    /** Characters no name may carry into JSON, CSV, zip entries or headers. */
    static final Pattern INVISIBLE =
            Pattern.compile("[\\x00-\\x1F\\x7F-\\x9F\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069]|\\p{Cs}");

    private FileNames() {}

    /** Why {@code name} cannot be a file name, or empty when it can. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isBlank()) return Optional.of("a file name is required");
        if (INVISIBLE.matcher(name).find())
            return Optional.of("the name holds a control character or a text-direction override; rename the file");
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0)
            return Optional.of("the name must not hold / or \\ (no folders)");
        if (name.strip().equals(".") || name.strip().equals("..")) return Optional.of("the name must not be . or ..");
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES)
            return Optional.of("the name is longer than " + MAX_BYTES + " bytes in UTF-8");
        return Optional.empty();
    }

    /** A stored name as it may be shown anywhere: each control or direction character replaced by '_'. */
    public static String display(String name) {
        return name == null ? null : INVISIBLE.matcher(name).replaceAll("_");
    }
}
