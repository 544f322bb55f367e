package io.atelier.entrypoints;

import io.atelier.core.InvalidRequestException;
import io.atelier.model.Ids;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The query parameters a client uses to follow a job's changes: {@code ids} of tasks and the log's {@code since}. */
final class TaskQueries {
    /** One BatchGetItem's worth; a client asks for more in several requests. */
    static final int MAX_IDS = 100;

    private TaskQueries() {}

    static Optional<List<String>> ids(Optional<String> raw) {
        if (raw.isEmpty()) return Optional.empty();
        List<String> ids = Arrays.stream(raw.get().split(","))
                .map(String::trim)
                .filter(id -> !id.isEmpty())
                .distinct()
                .toList();
        if (ids.isEmpty())
            throw new InvalidRequestException("ids", "ids must list at least one task id, separated by commas");
        if (ids.size() > MAX_IDS)
            throw new InvalidRequestException(
                    "ids", "ids may list at most " + MAX_IDS + " task ids; ask in several requests");
        ids.stream().filter(id -> !Ids.isValid(Ids.TASK, id)).findFirst().ifPresent(id -> {
            throw new InvalidRequestException(
                    "ids", "\"" + abbreviate(id) + "\" is not a task id (tsk_ followed by 26 characters)");
        });
        return Optional.of(ids);
    }

    static Optional<Instant> since(Optional<String> raw) {
        if (raw.isEmpty()) return Optional.empty();
        try {
            return Optional.of(OffsetDateTime.parse(raw.get()).toInstant());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(
                    "since", "since must be an RFC 3339 date-time such as 2026-11-22T20:41:09.123Z");
        }
    }

    private static String abbreviate(String id) {
        return id.length() <= 40 ? id : id.substring(0, 40) + "…";
    }
}
