package io.atelier.config;

/** A setting with a value the functions cannot run with; thrown at start-up, naming the variable. */
public final class ConfigurationException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final String variable;

    public ConfigurationException(String variable, String problem) {
        super("Configuration " + variable + " " + problem);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
