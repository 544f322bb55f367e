package io.atelier.core;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * File names inside a download archive, made from user-chosen names: no folders, no characters that Windows, macOS
 * or Linux refuse, no reserved device names, bounded length, and unique regardless of case ({@code a.png},
 * {@code a (2).png}) because the archive is unpacked onto case-insensitive file systems too.
 */
final class ArchiveNames {
    private static final Pattern UNSAFE = Pattern.compile(FileNames.INVISIBLE.pattern() + "|[<>:\"/\\\\|?*]");
    private static final Pattern RESERVED = Pattern.compile("(?i)(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\\..*)?");
    private static final int MAX_BASE = 120;
    private final Set<String> taken = new HashSet<>();

    /** Names no result may take, e.g. the manifest. */
    void reserve(String name) {
        taken.add(name.toLowerCase(Locale.ROOT));
    }

    /** A unique, safe name from the original's name (its extension replaced by {@code extension}). */
    String next(String original, String fallback, String extension) {
        String base = base(original);
        if (base.isEmpty()) base = base(fallback);
        if (base.isEmpty()) base = "result";
        String ext = extension == null || extension.isBlank()
                ? ""
                : "." + extension.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String name = base + ext;
        for (int n = 2; !taken.add(name.toLowerCase(Locale.ROOT)); n++) name = base + " (" + n + ")" + ext;
        return name;
    }

    /**
     * A unique path from a chosen one ({@code A1/A1_main.png}): names are unique per job from submission, so this
     * only guards against the manifest's name and old tasks; a clash becomes {@code A1_main (2).png}, deterministically
     * in task order.
     */
    String nextPath(String path) {
        int slash = path.lastIndexOf('/'), dot = path.lastIndexOf('.');
        String stem = dot > slash ? path.substring(0, dot) : path, ext = dot > slash ? path.substring(dot) : "";
        String name = path;
        for (int n = 2; !taken.add(name.toLowerCase(Locale.ROOT)); n++) name = stem + " (" + n + ")" + ext;
        return name;
    }

    /** The name without its folders and extension, made safe. */
    static String base(String name) {
        if (name == null) return "";
        String last = name.replace('\\', '/');
        last = last.substring(last.lastIndexOf('/') + 1);
        int dot = last.lastIndexOf('.');
        if (dot > 0) last = last.substring(0, dot);
        return safe(last);
    }

    /** Unsafe characters to '_', trimmed of spaces and dots, reserved device names (also with an extension: CON.png) prefixed, at most 120 characters. */
    static String safe(String text) {
        String out = UNSAFE.matcher(Normalizer.normalize(text, Normalizer.Form.NFC))
                .replaceAll("_")
                .strip();
        out = out.replaceAll("^[. ]+|[. ]+$", "");
        if (out.codePointCount(0, out.length()) > MAX_BASE)
            out = out.substring(0, out.offsetByCodePoints(0, MAX_BASE)).strip();
        if (RESERVED.matcher(out).matches()) out = "_" + out;
        return out;
    }
}
