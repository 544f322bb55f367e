package io.atelier.local;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} / {@code --name=value} options plus positional arguments, and the options both CLIs share. */
final class CliArgs {

    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    private CliArgs() {}

    static CliArgs parse(String[] args, Set<String> known) {
        return parse(args, known, Set.of());
    }

    /** {@code flags} take no value: {@code --fresh} alone reads as "true". */
    static CliArgs parse(String[] args, Set<String> known, Set<String> flags) {
        CliArgs parsed = new CliArgs();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                parsed.positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (flags.contains(name)) {
                value = "true";
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            if (!known.contains(name) && !flags.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; known: " + known + " " + flags);
            }
            parsed.options.put(name, value);
        }
        return parsed;
    }

    String get(String name) {
        return options.get(name);
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(options.get(name));
    }

    List<String> positional() {
        return positional;
    }

    /** The options common to run and invoke: template, endpoint (or AWS_ENDPOINT_URL), parameter overrides. */
    LocalOptions common(LocalOptions base) {
        LocalOptions o = base;
        if (get("template") != null) {
            o = o.withTemplate(Path.of(get("template")));
        }
        String endpoint = get("endpoint") != null ? get("endpoint") : System.getenv("AWS_ENDPOINT_URL");
        if (endpoint != null && !endpoint.isBlank()) {
            o = o.withEndpoint(URI.create(endpoint.strip()));
        }
        if (get("parameter-overrides") != null) {
            o = o.withParameterOverrides(overrides(get("parameter-overrides")));
        }
        return o;
    }

    /** {@code K=V,K2=V2} or {@code K=V K2=V2}; a comma inside a value stays if no {@code Name=} follows it. */
    static Map<String, String> overrides(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : text.strip().split("[,\\s]+(?=[A-Za-z0-9]+=)")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("parameter override must be Name=Value: " + pair);
            }
            out.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return out;
    }
}
