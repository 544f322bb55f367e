package io.atelier.plans;

import java.util.List;

/**
 * What one plan allows: providers, operations and models ({@code "*"} for all; a model as {@code name} or
 * {@code provider/name}), and its quotas. A step without a model runs the provider's default, which comes with the
 * provider.
 */
public record Plan(String name, List<String> providers, List<String> operations, List<String> models, Quotas quotas) {
    public static final String ANY = "*";

    public Plan {
        providers = List.copyOf(providers);
        operations = List.copyOf(operations);
        models = List.copyOf(models);
        quotas = quotas == null ? Quotas.NONE : quotas;
    }

    public boolean allowsProvider(String provider) {
        return providers.contains(ANY) || providers.contains(provider);
    }

    public boolean allowsOperation(String operation) {
        return operations.contains(ANY) || operations.contains(operation);
    }

    public boolean allowsModel(String provider, String model) {
        return model == null
                || models.contains(ANY)
                || models.contains(model)
                || models.contains(provider + "/" + model);
    }
}
