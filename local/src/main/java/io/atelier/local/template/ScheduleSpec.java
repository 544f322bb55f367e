package io.atelier.local.template;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** A Schedule (EventBridge) event of a function: its expression and, for {@code rate(...)}, the period. */
public record ScheduleSpec(String functionId, String eventId, String expression, boolean enabled) {

    /** The period of a {@code rate(n unit)} expression; empty for cron expressions (not run locally). */
    public Optional<Duration> rate() {
        String e = expression.trim().toLowerCase(Locale.ROOT);
        if (!e.startsWith("rate(") || !e.endsWith(")")) {
            return Optional.empty();
        }
        String[] parts = e.substring(5, e.length() - 1).trim().split("\\s+");
        if (parts.length != 2) {
            return Optional.empty();
        }
        long n;
        try {
            n = Long.parseLong(parts[0]);
        } catch (NumberFormatException bad) {
            return Optional.empty();
        }
        return switch (parts[1].replaceAll("s$", "")) {
            case "minute" -> Optional.of(Duration.ofMinutes(n));
            case "hour" -> Optional.of(Duration.ofHours(n));
            case "day" -> Optional.of(Duration.ofDays(n));
            default -> Optional.empty();
        };
    }
}
