package io.atelier.store.dynamodb;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * TransactWriteItems that answers false when a condition failed and retries when transactions merely collided:
 * many workers finishing tasks of one job all update the same job item.
 */
final class Transactions {
    private static final int MAX_CONFLICT_RETRIES = 12;
    private final DynamoDbClient dynamo;

    Transactions(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    boolean write(List<TransactWriteItem> items) {
        return writeOrReasons(items).isEmpty();
    }

    /**
     * Writes the items; empty when written, else one reason per item when a condition failed (with the item as it
     * was for those written with ReturnValuesOnConditionCheckFailure ALL_OLD).
     */
    List<CancellationReason> writeOrReasons(List<TransactWriteItem> items) {
        for (int round = 0; ; round++) {
            try {
                dynamo.transactWriteItems(b -> b.transactItems(items));
                return List.of();
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
                if (reasons.stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()))) return reasons;
                boolean conflict = reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
                if (!conflict || round == MAX_CONFLICT_RETRIES) throw e;
                BatchWriter.pause(Math.min(round, 5) + (int) (Math.random() * 2));
            }
        }
    }

    /** One conditional update within a transaction. */
    static TransactWriteItem update(
            String table, Map<String, AttributeValue> key, UpdateExpression update, String condition) {
        return TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(table)
                        .key(key)
                        .updateExpression(update.expression())
                        .conditionExpression(condition)
                        .expressionAttributeNames(update.names())
                        .expressionAttributeValues(update.values())
                        .build())
                .build();
    }
}
