package io.atelier.providers;

import io.atelier.model.ErrorCode;
import io.atelier.model.FieldError;
import io.atelier.providers.spec.OperationSpec;
import io.atelier.providers.spec.ParamValidator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The checks every adapter runs before it sends anything, in one order: the operation is offered, the parameters
 * validate, an image is there when the operation works on one, and the provider is configured (its key). An adapter
 * keeps only its wire format.
 */
public final class Preflight {
    /** How the provider proves who it is: a key's value, or null for a provider that needs none. */
    @FunctionalInterface
    public interface Credential {
        String require() throws ProviderException;
    }

    /** Operations that work on an existing image: every one but text-to-image. */
    public static final Predicate<String> ALL_BUT_GENERATE = operation -> !"generate".equals(operation);

    private final ImageProvider provider;
    private final String name;
    private final Predicate<String> needsImage;
    private final Credential credential;
    private final ProviderTuning tuning;

    /** {@code name} is how messages call the provider ("OpenAI"). */
    public Preflight(ImageProvider provider, String name, Predicate<String> needsImage, Credential credential) {
        this(provider, name, needsImage, credential, null);
    }

    /** As above, fitting inputs under {@code tuning}'s byte ceiling too (null: the provider's limits only). */
    public Preflight(
            ImageProvider provider,
            String name,
            Predicate<String> needsImage,
            Credential credential,
            ProviderTuning tuning) {
        this.provider = provider;
        this.name = name;
        this.needsImage = needsImage;
        this.credential = credential;
        this.tuning = tuning;
    }

    /** A call that passed: its parameters never null, and the key to sign it with. */
    public record Checked(ProviderCall call, Map<String, Object> params, String key) {
        public String operation() {
            return call.operation();
        }

        public String prompt() {
            return call.prompt();
        }

        public SourceImage input() {
            return call.input();
        }

        /** The model asked for, or the provider's default when none was. */
        public String model(String fallback) {
            return call.model() == null || call.model().isBlank() ? fallback : call.model();
        }
    }

    public Checked check(ProviderCall call) throws ProviderException {
        if (!provider.operations().contains(call.operation()))
            throw invalid(name + " cannot " + call.operation() + ".");
        Map<String, Object> params = call.params() == null ? Map.of() : call.params();
        List<FieldError> problems = problems(provider, call.operation(), call.model(), call.prompt(), params);
        if (!problems.isEmpty())
            throw invalid(problems.get(0).field() + ": " + problems.get(0).message());
        if (needsImage.test(call.operation()) && call.input() == null)
            throw invalid(name + "'s " + call.operation() + " needs an input image.");
        return new Checked(call, params, credential.require());
    }

    /**
     * The operation's declared spec first, then the provider's own rules for what a spec cannot say, once per field: the
     * same checks a job meets at submit, so a call that got this far passes them again here.
     */
    public static List<FieldError> problems(
            ImageProvider provider, String operation, String model, String prompt, Map<String, Object> params) {
        List<FieldError> problems = new ArrayList<>();
        OperationSpec spec = provider.parameters().get(operation);
        if (spec != null) problems.addAll(ParamValidator.problems(operation, spec, prompt, params));
        Set<String> named =
                new HashSet<>(problems.stream().map(FieldError::field).toList());
        for (FieldError problem : provider.validate(operation, model, prompt, params))
            if (named.add(problem.field())) problems.add(problem);
        return problems;
    }

    /** The input made to fit {@code limits}, or null for a call without one. */
    public FittedInput fit(SourceImage input, InputLimits limits) throws ProviderException {
        if (input == null) return null;
        return InputFitter.fit(input, tuning == null ? limits : tuning.cap(limits), name);
    }

    /** The sentence for provenance when the input had to change, else null. */
    public static String adjustment(FittedInput fitted) {
        return fitted == null ? null : fitted.adjustment();
    }

    private static ProviderException invalid(String message) {
        return new ProviderException(ErrorCode.PROVIDER_INVALID_REQUEST, message);
    }
}
