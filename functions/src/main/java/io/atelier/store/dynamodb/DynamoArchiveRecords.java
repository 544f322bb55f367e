package io.atelier.store.dynamodb;

import static io.atelier.store.dynamodb.Attr.bool;
import static io.atelier.store.dynamodb.Attr.flag;
import static io.atelier.store.dynamodb.Attr.instant;
import static io.atelier.store.dynamodb.Attr.integer;
import static io.atelier.store.dynamodb.Attr.longValue;
import static io.atelier.store.dynamodb.Attr.n;
import static io.atelier.store.dynamodb.Attr.putIfPresent;
import static io.atelier.store.dynamodb.Attr.s;
import static io.atelier.store.dynamodb.Attr.str;
import static io.atelier.store.dynamodb.Attr.time;

import io.atelier.store.ArchiveRecords;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Background archives under their owner ({@code USER#<sub>} / {@code ARC#<archiveId>}), gone after a day like the zips. */
public final class DynamoArchiveRecords implements ArchiveRecords {
    private static final String ARCHIVE = "ARC#";
    private static final Duration KEPT = Duration.ofDays(1);
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoArchiveRecords(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void put(ArchiveRecord r) {
        Map<String, AttributeValue> item =
                new HashMap<>(TableKeys.key(TableKeys.user(r.owner()), ARCHIVE + r.archiveId()));
        item.put("owner", s(r.owner()));
        item.put("jobId", s(r.jobId()));
        item.put("archiveId", s(r.archiveId()));
        item.put("approvedOnly", bool(r.approvedOnly()));
        item.put("key", s(r.key()));
        item.put("name", s(r.name()));
        item.put("status", s(r.status().name()));
        item.put("count", n(r.count()));
        item.put("size", n(r.size()));
        putIfPresent(item, "error", r.error());
        item.put("createdAt", time(r.createdAt()));
        if (r.finishedAt() != null) item.put("finishedAt", time(r.finishedAt()));
        item.put("expiresAt", n(r.createdAt().plus(KEPT).getEpochSecond()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public Optional<ArchiveRecord> find(String owner, String archiveId) {
        return Items.get(dynamo, table, TableKeys.key(TableKeys.user(owner), ARCHIVE + archiveId))
                .map(item -> new ArchiveRecord(
                        str(item, "owner"),
                        str(item, "jobId"),
                        str(item, "archiveId"),
                        flag(item, "approvedOnly"),
                        str(item, "key"),
                        str(item, "name"),
                        Status.valueOf(str(item, "status")),
                        integer(item, "count"),
                        longValue(item, "size"),
                        str(item, "error"),
                        instant(item, "createdAt"),
                        instant(item, "finishedAt")));
    }
}
