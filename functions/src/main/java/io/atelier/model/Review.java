package io.atelier.model;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** A person's mark on a succeeded result: approve or reject, and when. Kept apart from the task's state and counts. */
public record Review(Decision decision, Instant at) {

    public enum Decision {
        APPROVE,
        REJECT;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Decision> fromWire(String value) {
            for (Decision decision : values()) if (decision.wire().equals(value)) return Optional.of(decision);
            return Optional.empty();
        }
    }
}
