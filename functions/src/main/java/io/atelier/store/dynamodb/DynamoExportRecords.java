package io.atelier.store.dynamodb;

import static io.atelier.store.dynamodb.Attr.instant;
import static io.atelier.store.dynamodb.Attr.integer;
import static io.atelier.store.dynamodb.Attr.n;
import static io.atelier.store.dynamodb.Attr.s;
import static io.atelier.store.dynamodb.Attr.str;
import static io.atelier.store.dynamodb.Attr.time;

import io.atelier.store.ExportRecords;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Exports under their owner ({@code USER#<sub>} / {@code EXP#<exportId>}), kept for the retention period. */
public final class DynamoExportRecords implements ExportRecords {
    private static final String EXPORT = "EXP#";
    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;

    public DynamoExportRecords(DynamoDbClient dynamo, String table, Duration retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
    }

    @Override
    public void put(ExportRecord r) {
        Map<String, AttributeValue> item =
                new HashMap<>(TableKeys.key(TableKeys.user(r.owner()), EXPORT + r.exportId()));
        item.put("owner", s(r.owner()));
        item.put("jobId", s(r.jobId()));
        item.put("exportId", s(r.exportId()));
        item.put("destination", s(r.destination()));
        item.put("status", s(r.status().name()));
        item.put("total", n(r.total()));
        item.put("done", n(r.done()));
        item.put("failed", AttributeValue.fromL(r.failed().stream().map(Attr::s).toList()));
        item.put("createdAt", time(r.createdAt()));
        if (r.finishedAt() != null) item.put("finishedAt", time(r.finishedAt()));
        item.put("expiresAt", n(r.createdAt().plus(retention).getEpochSecond()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public Optional<ExportRecord> find(String owner, String exportId) {
        return Items.get(dynamo, table, TableKeys.key(TableKeys.user(owner), EXPORT + exportId))
                .map(item -> new ExportRecord(
                        str(item, "owner"),
                        str(item, "jobId"),
                        str(item, "exportId"),
                        str(item, "destination"),
                        Status.valueOf(str(item, "status")),
                        integer(item, "total"),
                        integer(item, "done"),
                        item.get("failed") == null
                                ? List.of()
                                : item.get("failed").l().stream()
                                        .map(AttributeValue::s)
                                        .toList(),
                        instant(item, "createdAt"),
                        instant(item, "finishedAt")));
    }
}
