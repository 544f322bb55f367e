package io.atelier.store.dynamodb;

import static io.atelier.store.dynamodb.Attr.n;

import io.atelier.store.UsageStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Usage counters as items of the person's partition: {@code USAGE#DAY#<date>} (images, kept two days),
 * {@code USAGE#MONTH#<yyyy-mm>} (committed spend, moved by task transitions), {@code USAGE#JOBS} (jobs holding a slot)
 * and one {@code SLOT#<jobId>} per job holding one. Every change is one conditional write or one transaction, so racing
 * submissions cannot pass a limit.
 */
public final class DynamoUsageStore implements UsageStore {
    static final String IMAGES = "images";
    static final String ACTIVE = "active";
    static final String COMMITTED = "committed";
    private static final String EXPIRES = "expiresAt";
    private static final Duration DAY_KEPT = Duration.ofDays(2);
    private final DynamoDbClient dynamo;
    private final String table;
    private final Transactions transactions;

    public DynamoUsageStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.transactions = new Transactions(dynamo);
    }

    @Override
    public boolean countImages(String owner, LocalDate day, int images, Integer limit) {
        if (limit != null && images > limit) return false;
        UpdateExpression update = new UpdateExpression()
                .set(EXPIRES, n(day.atStartOfDay(ZoneOffset.UTC).plus(DAY_KEPT).toEpochSecond()))
                .add(IMAGES, images);
        // The day's count before this submission may be at most limit - images: read and raised in one write.
        String condition = limit == null
                ? null
                : "attribute_not_exists(" + update.name(IMAGES) + ") OR " + update.name(IMAGES) + " <= "
                        + update.value(n(limit - images));
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(TableKeys.usageDay(owner, day))
                    .updateExpression(update.expression())
                    .conditionExpression(condition)
                    .expressionAttributeNames(update.names())
                    .expressionAttributeValues(update.values()));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void uncountImages(String owner, LocalDate day, int images) {
        UpdateExpression update = new UpdateExpression().add(IMAGES, -images);
        dynamo.updateItem(b -> b.tableName(table)
                .key(TableKeys.usageDay(owner, day))
                .updateExpression(update.expression())
                .expressionAttributeNames(update.names())
                .expressionAttributeValues(update.values()));
    }

    @Override
    public Slot holdJobSlot(String owner, String jobId, Integer limit, Instant expiresAt) {
        Put slot = Put.builder()
                .tableName(table)
                .item(withExpiry(TableKeys.jobSlot(owner, jobId), expiresAt))
                .conditionExpression("attribute_not_exists(PK)")
                .build();
        UpdateExpression count = new UpdateExpression().add(ACTIVE, 1);
        String condition = limit == null
                ? null
                : "attribute_not_exists(" + count.name(ACTIVE) + ") OR " + count.name(ACTIVE) + " < "
                        + count.value(n(limit));
        Update active = Update.builder()
                .tableName(table)
                .key(TableKeys.usageJobs(owner))
                .updateExpression(count.expression())
                .conditionExpression(condition)
                .expressionAttributeNames(count.names())
                .expressionAttributeValues(count.values())
                .build();
        List<CancellationReason> refused = transactions.writeOrReasons(List.of(
                TransactWriteItem.builder().put(slot).build(),
                TransactWriteItem.builder().update(active).build()));
        if (refused.isEmpty()) return Slot.TAKEN;
        return "ConditionalCheckFailed".equals(refused.get(0).code()) ? Slot.ALREADY_HELD : Slot.FULL;
    }

    @Override
    public boolean releaseJobSlot(String owner, String jobId) {
        return release(transactions, table, owner, jobId);
    }

    /** Deleting the slot item is the condition: of any number of racing releases exactly one lowers the count. */
    static boolean release(Transactions transactions, String table, String owner, String jobId) {
        Delete slot = Delete.builder()
                .tableName(table)
                .key(TableKeys.jobSlot(owner, jobId))
                .conditionExpression("attribute_exists(PK)")
                .build();
        UpdateExpression count = new UpdateExpression().add(ACTIVE, -1);
        Update active = Update.builder()
                .tableName(table)
                .key(TableKeys.usageJobs(owner))
                .updateExpression(count.expression())
                .expressionAttributeNames(count.names())
                .expressionAttributeValues(count.values())
                .build();
        return transactions.write(List.of(
                TransactWriteItem.builder().delete(slot).build(),
                TransactWriteItem.builder().update(active).build()));
    }

    @Override
    public Usage usage(String owner, LocalDate day, YearMonth month) {
        var found = dynamo.batchGetItem(b -> b.requestItems(Map.of(
                        table,
                        software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder()
                                .keys(
                                        TableKeys.usageDay(owner, day),
                                        TableKeys.usageJobs(owner),
                                        TableKeys.usageMonth(owner, month))
                                .consistentRead(true)
                                .build())))
                .responses()
                .getOrDefault(table, List.of());
        int images = 0, active = 0;
        BigDecimal spend = BigDecimal.ZERO;
        for (Map<String, AttributeValue> item : found) {
            String sk = item.get(TableKeys.SK).s();
            if (sk.startsWith("USAGE#DAY#")) images = number(item, IMAGES).intValue();
            else if (sk.equals("USAGE#JOBS")) active = number(item, ACTIVE).intValue();
            else spend = number(item, COMMITTED);
        }
        return new Usage(images, active, spend);
    }

    private static BigDecimal number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? BigDecimal.ZERO : new BigDecimal(value.n());
    }

    private static Map<String, AttributeValue> withExpiry(Map<String, AttributeValue> key, Instant expiresAt) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(key);
        item.put(EXPIRES, n(expiresAt.getEpochSecond()));
        return item;
    }
}
