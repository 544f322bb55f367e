package io.atelier.core;

import io.atelier.model.FieldError;
import io.atelier.model.Step;
import io.atelier.providers.ImageProvider;
import io.atelier.providers.ProviderRegistry;
import io.atelier.providers.spec.OperationSpec;
import io.atelier.providers.spec.ParamValidator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A job's steps against their providers: provider known, configured and able to do the operation; no unknown
 * parameter; and each item's effective prompt and parameters (the item's over the step's) as the provider accepts
 * them. A problem is reported where it can be fixed: {@code items[3].prompt} when only that item lacks what the
 * others carry, the job-level field (once) when it is missing or wrong for all.
 */
final class StepChecks {
    private final ProviderRegistry providers;

    StepChecks(ProviderRegistry providers) {
        this.providers = providers;
    }

    void check(List<Step> steps, List<JobRequest.Item> items, boolean workflow, List<FieldError> errors) {
        Set<FieldError> found = new LinkedHashSet<>();
        List<OperationSpec> specs = new ArrayList<>();
        for (int s = 0; s < steps.size(); s++) {
            Step step = steps.get(s);
            String at = workflow ? "steps[" + s + "]." : "";
            ImageProvider provider = usable(step, s, at, found);
            if (provider == null) continue;
            fallbacks(step, at, found);
            OperationSpec spec = provider.parameters().get(step.operation());
            specs.add(spec);
            if (spec != null) ParamValidator.unknown(spec, step.params()).forEach(p -> found.add(paramError(at, p)));
            if (items.isEmpty()) {
                problems(provider, spec, step, step.prompt(), step.params()).forEach(p -> found.add(stepError(at, p)));
                continue;
            }
            for (int i = 0; i < items.size(); i++) {
                JobRequest.Item item = items.get(i);
                Map<String, Object> merged = new HashMap<>(step.params());
                item.params().forEach((name, value) -> {
                    if (spec == null || spec.params().containsKey(name)) merged.put(name, value);
                });
                String prompt = item.prompt() != null ? item.prompt() : step.prompt();
                for (FieldError problem : problems(provider, spec, step, prompt, merged))
                    found.add(placed(problem, step, at, items, i));
            }
        }
        if (found.isEmpty() && specs.size() == steps.size() && specs.stream().allMatch(spec -> spec != null))
            unknownItemParams(items, specs, found);
        errors.addAll(found);
    }

    private ImageProvider usable(Step step, int s, String at, Set<FieldError> found) {
        ImageProvider provider = providers.find(step.provider()).orElse(null);
        if (provider == null) {
            found.add(new FieldError(
                    at + "provider", "unknown provider '" + step.provider() + "'; GET /providers lists them"));
        } else if (!provider.configured()) {
            found.add(new FieldError(
                    at + "provider", "provider '" + step.provider() + "' is not configured on this deployment"));
        } else if (!provider.operations().contains(step.operation())) {
            found.add(new FieldError(
                    at + "operation",
                    "provider '" + step.provider() + "' cannot " + step.operation() + "; it supports "
                            + String.join(", ", provider.operations())));
        } else {
            if (s > 0 && Operations.GENERATE.equals(step.operation()))
                found.add(new FieldError(at + "operation", "generate can only be the first step"));
            return provider;
        }
        return null;
    }

    /** Each fallback provider must be known, configured, able to do the step and not the step's own provider. */
    private void fallbacks(Step step, String at, Set<FieldError> found) {
        for (int f = 0; f < step.fallback().size(); f++) {
            String id = step.fallback().get(f);
            String field = at + "fallback[" + f + "]";
            ImageProvider provider = providers.find(id).orElse(null);
            if (provider == null)
                found.add(new FieldError(field, "unknown fallback provider '" + id + "'; GET /providers lists them"));
            else if (!provider.configured())
                found.add(new FieldError(field, "fallback provider '" + id + "' is not configured on this deployment"));
            else if (!provider.operations().contains(step.operation()))
                found.add(new FieldError(field, "fallback provider '" + id + "' cannot " + step.operation()));
            else if (id.equals(step.provider()) || step.fallback().subList(0, f).contains(id))
                found.add(new FieldError(field, "fallback provider '" + id + "' is already tried before"));
            else if (provider.parameters().get(step.operation()) != null
                    && !ParamValidator.unknown(provider.parameters().get(step.operation()), step.params())
                            .isEmpty())
                found.add(new FieldError(
                        field,
                        "fallback provider '" + id + "' does not take the step's parameters "
                                + String.join(", ", step.params().keySet())));
        }
    }

    /** The declared checks first; the provider's own rules add what they cannot say, once per field. */
    private static List<FieldError> problems(
            ImageProvider provider, OperationSpec spec, Step step, String prompt, Map<String, Object> params) {
        List<FieldError> problems = new ArrayList<>();
        if (spec != null) problems.addAll(ParamValidator.problems(step.operation(), spec, prompt, params));
        Set<String> named =
                new java.util.HashSet<>(problems.stream().map(FieldError::field).toList());
        for (FieldError problem : provider.validate(step.operation(), step.model(), prompt, params))
            if (named.add(problem.field())) problems.add(problem);
        return problems;
    }

    /** An item's parameter is layered over every step, so it must belong to at least one of them. */
    private static void unknownItemParams(
            List<JobRequest.Item> items, List<OperationSpec> specs, Set<FieldError> found) {
        OperationSpec all = specs.get(0);
        for (OperationSpec spec : specs.subList(1, specs.size()))
            all = all.plus(List.copyOf(spec.params().values()));
        for (int i = 0; i < items.size(); i++) {
            String at = "items[" + i + "].";
            ParamValidator.unknown(all, items.get(i).params()).forEach(p -> found.add(paramError(at, p)));
        }
    }

    private static FieldError placed(FieldError problem, Step step, String at, List<JobRequest.Item> items, int i) {
        JobRequest.Item item = items.get(i);
        String field = problem.field();
        String itemAt = "items[" + i + "].";
        if (field.equals("prompt")) {
            boolean itemsCarryPrompts = step.prompt() == null && items.stream().anyMatch(it -> it.prompt() != null);
            return new FieldError(
                    (item.prompt() != null || itemsCarryPrompts ? itemAt : at) + "prompt", problem.message());
        }
        if (field.equals("model") || field.equals("operation")) return stepError(at, problem);
        boolean itemsCarryIt = !step.params().containsKey(field)
                && items.stream().anyMatch(it -> it.params().containsKey(field));
        return paramError(item.params().containsKey(field) || itemsCarryIt ? itemAt : at, problem);
    }

    private static FieldError stepError(String at, FieldError problem) {
        String field = problem.field();
        if (field.equals("prompt") || field.equals("model") || field.equals("operation"))
            return new FieldError(at + field, problem.message());
        return paramError(at, problem);
    }

    private static FieldError paramError(String at, FieldError problem) {
        return new FieldError(at + "params." + problem.field(), problem.message());
    }
}
