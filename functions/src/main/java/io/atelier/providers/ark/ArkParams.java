package io.atelier.providers.ark;

import io.atelier.model.FieldError;
import io.atelier.providers.spec.OperationSpec;
import io.atelier.providers.spec.ParamSpec;
import io.atelier.providers.spec.ParamValidator;
import io.atelier.providers.spec.Prompt;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ark's image parameters and models: checked at job submit and read at call time by the same rules. */
final class ArkParams {
    static final String SEEDREAM = "doubao-seedream-4-0-250828";
    /** SeedEdit edits one image only and sizes its output after the input ("adaptive"). */
    static final String SEEDEDIT = "doubao-seededit-3-0-i2i-250628";

    static final String DEFAULT_SIZE = "2K";
    static final long MIN_SEED = -1;
    static final long MAX_SEED = 2_147_483_647L;
    /** Seedream 4.0's custom sizes: 1280×720 to 4096×4096 pixels in all, proportions up to 16:1 (not in providers.md). */
    static final long MIN_PIXELS = 1280L * 720;

    static final long MAX_PIXELS = 4096L * 4096;
    static final double MAX_RATIO = 16;
    static final Set<String> PRESETS = Set.of("1K", "2K", "4K");
    static final List<String> RESPONSE_FORMATS = List.of("b64_json", "url");
    static final Map<String, OperationSpec> SPECS = specs();
    private static final Pattern WXH = Pattern.compile("(\\d{1,5})x(\\d{1,5})");

    private final Map<String, Object> params;

    ArkParams(Map<String, Object> params) {
        this.params = params == null ? Map.of() : params;
    }

    private static Map<String, OperationSpec> specs() {
        OperationSpec spec = OperationSpec.of(
                Prompt.REQUIRED,
                ParamSpec.text("size", 2, 11)
                        .defaultValue(DEFAULT_SIZE)
                        .describe("1K, 2K, 4K or WIDTHxHEIGHT (1280x720 to 4096x4096 pixels in all, "
                                + "at most 16:1); adaptive for " + SEEDEDIT),
                ParamSpec.integer("seed", MIN_SEED, MAX_SEED).describe("-1 for a random seed"),
                ParamSpec.choice("response_format", List.copyOf(RESPONSE_FORMATS))
                        .defaultValue("b64_json"));
        Map<String, OperationSpec> specs = new LinkedHashMap<>();
        specs.put("generate", spec);
        specs.put("edit", spec);
        return Collections.unmodifiableMap(specs);
    }

    static List<String> models(String operation) {
        return "edit".equals(operation) ? List.of(SEEDREAM, SEEDEDIT) : List.of(SEEDREAM);
    }

    /** A custom inference endpoint ("ep-…") stands in for any model; Ark resolves it. */
    static boolean knownModel(String operation, String model) {
        return models(operation).contains(model) || model.startsWith("ep-");
    }

    static List<FieldError> problems(String operation, String model, String prompt, Map<String, Object> raw) {
        List<FieldError> problems = new ArrayList<>();
        ArkParams p = new ArkParams(raw);
        if (model != null && !knownModel(operation, model))
            problems.add(new FieldError(
                    "model",
                    "Ark's " + operation + " uses " + String.join(" or ", models(operation))
                            + " (or an ep-… inference endpoint)"));
        OperationSpec spec = SPECS.get(operation);
        if (spec != null) problems.addAll(ParamValidator.problems(operation, spec, prompt, raw));
        Object size = p.params.get("size");
        if (size instanceof String) {
            boolean seedEdit = SEEDEDIT.equals(model);
            if (!validSize((String) size, seedEdit))
                problems.add(
                        new FieldError(
                                "size",
                                seedEdit
                                        ? "size must be adaptive for " + SEEDEDIT
                                        : "size must be 1K, 2K, 4K or WIDTHxHEIGHT (1280x720 to 4096x4096 pixels in all, at most 16:1)"));
        }
        return problems;
    }

    private static boolean validSize(String size, boolean seedEdit) {
        if (seedEdit) return size.equals("adaptive");
        if (PRESETS.contains(size.toUpperCase(Locale.ROOT))) return true;
        Matcher m = WXH.matcher(size);
        if (!m.matches()) return false;
        long width = Long.parseLong(m.group(1));
        long height = Long.parseLong(m.group(2));
        if (width < 1 || height < 1) return false;
        double ratio = (double) width / height;
        return width * height >= MIN_PIXELS
                && width * height <= MAX_PIXELS
                && ratio <= MAX_RATIO
                && ratio >= 1 / MAX_RATIO;
    }

    String size(String model) {
        if (params.get("size") instanceof String s)
            return PRESETS.contains(s.toUpperCase(Locale.ROOT)) ? s.toUpperCase(Locale.ROOT) : s;
        return SEEDEDIT.equals(model) ? "adaptive" : DEFAULT_SIZE;
    }

    Long seed() {
        return params.get("seed") instanceof Number n ? n.longValue() : null;
    }

    String responseFormat() {
        return params.get("response_format") instanceof String s ? s : "b64_json";
    }
}
