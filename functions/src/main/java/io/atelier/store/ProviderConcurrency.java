package io.atelier.store;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How many calls each provider may have in flight at once, so a large job does not stampede a provider into
 * throttling. {@code PROVIDER_CONCURRENCY} ({@code gemini=8,openai=5,dashscope=2,*=4}) overrides the defaults, which
 * follow the providers' documented quotas; {@code 0} means no cap. The built-in {@code local} provider runs inside
 * the worker and has no cap.
 */
public record ProviderConcurrency(Map<String, Integer> caps) {
    /** Sized to providers.md: DashScope allows about 2 concurrent tasks, Stability 150 requests per 10 s. */
    public static final Map<String, Integer> DEFAULTS = defaults();

    private static final String ANY = "*";

    public ProviderConcurrency {
        caps = Map.copyOf(caps);
    }

    private static Map<String, Integer> defaults() {
        Map<String, Integer> caps = new LinkedHashMap<>();
        caps.put("local", 0);
        caps.put("gemini", 8);
        caps.put("openai", 5);
        caps.put("dashscope", 2);
        caps.put("ark", 5);
        caps.put("volcengine", 5);
        caps.put("stability", 10);
        caps.put("comfyui", 2);
        caps.put(ANY, 4);
        return caps;
    }

    /** The defaults with each {@code id=n} of the comma-separated spec laid over them; any id is taken. */
    public static ProviderConcurrency parse(String spec) {
        return parse(spec, null);
    }

    /**
     * As {@link #parse(String)}, refusing ids outside {@code known} (and {@code *}): a typo would silently leave its
     * provider at the default cap.
     */
    public static ProviderConcurrency parse(String spec, Set<String> known) {
        Map<String, Integer> caps = new LinkedHashMap<>(DEFAULTS);
        for (String part : spec.split(",")) {
            if (part.isBlank()) continue;
            int eq = part.indexOf('=');
            if (eq < 1) throw new IllegalArgumentException("has '" + part.strip() + "', which is not id=number");
            String id = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            if (known != null && !id.equals(ANY) && !known.contains(id))
                throw new IllegalArgumentException(
                        "names " + id + ", which is no provider; known: " + String.join(", ", known));
            try {
                int cap = Integer.parseInt(part.substring(eq + 1).strip());
                if (cap < 0) throw new NumberFormatException();
                caps.put(id, cap);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("gives " + id + " a cap that is not a whole number >= 0");
            }
        }
        return new ProviderConcurrency(caps);
    }

    /** The cap of a provider; 0 = none. */
    public int cap(String provider) {
        Integer cap = caps.get(provider.toLowerCase(Locale.ROOT));
        return cap != null ? cap : caps.getOrDefault(ANY, 0);
    }
}
