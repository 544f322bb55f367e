package io.atelier.store.dynamodb;

import static io.atelier.store.dynamodb.Attr.json;
import static io.atelier.store.dynamodb.Attr.n;
import static io.atelier.store.dynamodb.Attr.s;
import static io.atelier.store.dynamodb.Attr.time;

import io.atelier.model.Ids;
import io.atelier.model.JobEvent;
import io.atelier.model.TaskStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * A job's log entries: {@code JOB#<jobId>} / {@code EVT#<eventId>}, beside its tasks, sorted by time (the event id is
 * a ULID). They expire with the job: the job id's ULID carries its creation time, so no read is needed to know when.
 */
final class EventItems {
    static final String PREFIX = "EVT#";

    private EventItems() {}

    static Map<String, AttributeValue> item(String owner, String jobId, JobEvent event, Duration retention) {
        Map<String, AttributeValue> item =
                new HashMap<>(TableKeys.key(TableKeys.JOB + jobId, PREFIX + event.eventId()));
        item.put("type", s("event"));
        item.put("owner", s(owner));
        item.put("jobId", s(jobId));
        item.put("eventId", s(event.eventId()));
        item.put("eventType", s(event.type()));
        item.put("at", time(event.at()));
        Attr.putIfPresent(item, "taskId", event.taskId());
        if (event.from() != null) item.put("from", s(event.from().name()));
        if (event.to() != null) item.put("to", s(event.to().name()));
        if (event.attempt() != null) item.put("attempt", n(event.attempt()));
        if (event.error() != null) item.put("error", json(ItemMapper.error(event.error())));
        if (retention != null) item.put("expiresAt", n(Ids.millis(jobId) / 1000 + retention.toSeconds()));
        return item;
    }

    static TransactWriteItem put(String table, String owner, String jobId, JobEvent event, Duration retention) {
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(table)
                        .item(item(owner, jobId, event, retention))
                        .conditionExpression("attribute_not_exists(PK)")
                        .build())
                .build();
    }

    static JobEvent event(Map<String, AttributeValue> item) {
        String from = Attr.str(item, "from");
        String to = Attr.str(item, "to");
        return new JobEvent(
                Attr.str(item, "eventId"),
                Attr.instant(item, "at"),
                Attr.str(item, "eventType"),
                Attr.str(item, "taskId"),
                from == null ? null : TaskStatus.valueOf(from),
                to == null ? null : TaskStatus.valueOf(to),
                Attr.integer(item, "attempt"),
                ItemMapper.error(item));
    }
}
