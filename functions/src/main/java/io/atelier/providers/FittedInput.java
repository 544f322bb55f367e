package io.atelier.providers;

/** The image as it will be sent, and (when it had to change) a sentence for the task's provenance. */
public record FittedInput(SourceImage image, String adjustment) {
    public boolean adjusted() {
        return adjustment != null;
    }
}
