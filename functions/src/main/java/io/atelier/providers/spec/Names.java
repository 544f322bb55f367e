package io.atelier.providers.spec;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean …?" for a mistyped parameter name. */
final class Names {
    private Names() {}

    /** The closest name within a couple of edits (ignoring case, '_' and '-'), or null. */
    static String nearest(String typed, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String wanted = simple(typed);
        for (String name : known) {
            int distance = distance(wanted, simple(name));
            if (distance < bestDistance) {
                best = name;
                bestDistance = distance;
            }
        }
        int allowed = Math.max(1, Math.min(3, wanted.length() / 3));
        return bestDistance <= allowed ? best : null;
    }

    private static String simple(String name) {
        return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
