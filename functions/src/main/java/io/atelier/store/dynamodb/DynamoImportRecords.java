package io.atelier.store.dynamodb;

import static io.atelier.store.dynamodb.Attr.flag;
import static io.atelier.store.dynamodb.Attr.instant;
import static io.atelier.store.dynamodb.Attr.integer;
import static io.atelier.store.dynamodb.Attr.n;
import static io.atelier.store.dynamodb.Attr.putIfPresent;
import static io.atelier.store.dynamodb.Attr.s;
import static io.atelier.store.dynamodb.Attr.str;
import static io.atelier.store.dynamodb.Attr.time;

import io.atelier.store.IdempotencyKey;
import io.atelier.store.ImportRecords;
import io.atelier.store.KeyedJob;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Imports under their owner ({@code USER#<sub>} / {@code IMP#<importId>}), kept for the retention period. Each page
 * of progress replaces the item on the condition that it still has the pages the writer read, so two deliveries of
 * one message never both count a page.
 */
public final class DynamoImportRecords implements ImportRecords {
    private static final String IMPORT = "IMP#";
    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;
    private final Transactions transactions;

    public DynamoImportRecords(DynamoDbClient dynamo, String table, Duration retention) {
        this.transactions = new Transactions(dynamo);
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
    }

    @Override
    public void create(ImportRecord record) {
        dynamo.putItem(b -> b.tableName(table).item(item(record)).conditionExpression("attribute_not_exists(PK)"));
    }

    /** The import and the key's claim in one transaction: a retried POST never stores a second import. */
    @Override
    public KeyedJob create(ImportRecord record, IdempotencyKey key) {
        if (key == null) {
            create(record);
            return KeyedJob.ofImport(record.importId(), null);
        }
        List<TransactWriteItem> items = List.of(
                TransactWriteItem.builder()
                        .put(Put.builder()
                                .tableName(table)
                                .item(item(record))
                                .conditionExpression("attribute_not_exists(PK)")
                                .build())
                        .build(),
                IdempotencyItems.claimForImport(table, record.owner(), record.importId(), key, record.createdAt()));
        List<CancellationReason> refused = transactions.writeOrReasons(items);
        if (refused.isEmpty()) return KeyedJob.ofImport(record.importId(), key.requestHash());
        // Another request with the same key won: answer what it made.
        return IdempotencyItems.holder(refused.get(1), dynamo, table, record.owner(), key.key(), record.createdAt());
    }

    @Override
    public Optional<KeyedJob> findIdempotencyKey(String owner, String key, Instant now) {
        return IdempotencyItems.find(dynamo, table, owner, key, now);
    }

    @Override
    public Optional<ImportRecord> find(String owner, String importId) {
        return Items.get(dynamo, table, TableKeys.key(TableKeys.user(owner), IMPORT + importId))
                .map(DynamoImportRecords::record);
    }

    @Override
    public boolean advance(ImportRecord next, int expectedPages) {
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(item(next))
                    .conditionExpression("pages = :expected")
                    .expressionAttributeValues(Map.of(":expected", n(expectedPages))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private Map<String, AttributeValue> item(ImportRecord r) {
        Map<String, AttributeValue> item =
                new HashMap<>(TableKeys.key(TableKeys.user(r.owner()), IMPORT + r.importId()));
        item.put("owner", s(r.owner()));
        item.put("importId", s(r.importId()));
        item.put("bucket", s(r.bucket()));
        item.put("prefix", s(r.prefix()));
        putIfPresent(item, "project", r.project());
        putIfPresent(item, "namePattern", r.namePattern());
        putIfPresent(item, "jobRequest", r.jobRequest());
        item.put("status", s(r.status().name()));
        item.put("listed", AttributeValue.fromBool(r.listed()));
        item.put("pages", n(r.pages()));
        putIfPresent(item, "cursor", r.cursor());
        item.put("found", n(r.found()));
        item.put("imported", n(r.imported()));
        item.put("refused", n(r.refused()));
        item.put(
                "problems",
                AttributeValue.fromL(r.problems().stream()
                        .map(p -> AttributeValue.fromM(Map.of("key", s(p.key()), "reason", s(p.reason()))))
                        .toList()));
        putIfPresent(item, "jobId", r.jobId());
        putIfPresent(item, "error", r.error());
        item.put("createdAt", time(r.createdAt()));
        if (r.finishedAt() != null) item.put("finishedAt", time(r.finishedAt()));
        item.put("expiresAt", n(r.createdAt().plus(retention).getEpochSecond()));
        return item;
    }

    private static ImportRecord record(Map<String, AttributeValue> item) {
        List<Problem> problems = item.get("problems") == null
                ? List.of()
                : item.get("problems").l().stream()
                        .map(p -> new Problem(
                                p.m().get("key").s(), p.m().get("reason").s()))
                        .toList();
        return new ImportRecord(
                str(item, "owner"),
                str(item, "importId"),
                str(item, "bucket"),
                str(item, "prefix"),
                str(item, "project"),
                str(item, "namePattern"),
                str(item, "jobRequest"),
                Status.valueOf(str(item, "status")),
                flag(item, "listed"),
                integer(item, "pages"),
                str(item, "cursor"),
                integer(item, "found"),
                integer(item, "imported"),
                integer(item, "refused"),
                problems,
                str(item, "jobId"),
                str(item, "error"),
                instant(item, "createdAt"),
                instant(item, "finishedAt"));
    }
}
