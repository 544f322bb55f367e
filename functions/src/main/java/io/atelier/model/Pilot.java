package io.atelier.model;

import java.math.BigDecimal;

/**
 * A job's pilot: its first {@code size} tasks run, and the rest are held until the owner continues (or cancels).
 * {@code held} is true until then; {@code rest} is what the held tasks are estimated to cost.
 */
public record Pilot(int size, boolean held, BigDecimal rest) {
    public Pilot {
        rest = rest == null ? BigDecimal.ZERO : rest.stripTrailingZeros();
        if (rest.scale() < 0) rest = rest.setScale(0);
    }

    public Pilot released() {
        return new Pilot(size, false, rest);
    }
}
