package io.atelier.providers.spec;

/** Whether an operation reads the job's (or item's) prompt. */
public enum Prompt {
    REQUIRED,
    OPTIONAL,
    UNUSED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
