package io.atelier.store.dynamodb;

import static io.atelier.store.dynamodb.Attr.n;
import static io.atelier.store.dynamodb.Attr.s;

import io.atelier.store.IdempotencyKey;
import io.atelier.store.KeyedJob;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Idempotency key items ({@code USER#owner / IDEM#key}: jobId, or importId for a job from a prefix, requestHash,
 * expiresAt). TTL deletes an expired item
 * only days later, so expiry is checked on every read and write: an expired key is overwritten like an absent one.
 */
final class IdempotencyItems {
    private static final int VISIBILITY_READS = 10;

    private IdempotencyItems() {}

    /** Claims the key for a new job unless a live key holds it; a refused claim reports the holder (ALL_OLD). */
    static TransactWriteItem claim(String table, String owner, String jobId, IdempotencyKey key, Instant now) {
        return claim(table, owner, "jobId", jobId, key, now);
    }

    /** Claims the key for a job from a prefix: the item names the import that will submit the job. */
    static TransactWriteItem claimForImport(
            String table, String owner, String importId, IdempotencyKey key, Instant now) {
        return claim(table, owner, "importId", importId, key, now);
    }

    private static TransactWriteItem claim(
            String table, String owner, String holder, String id, IdempotencyKey key, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.idempotency(owner, key.key()));
        item.put(holder, s(id));
        item.put("expiresAt", n(key.expiresAt().getEpochSecond()));
        if (key.requestHash() != null) item.put("requestHash", s(key.requestHash()));
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(table)
                        .item(item)
                        .conditionExpression("attribute_not_exists(PK) OR #expiresAt < :now")
                        .expressionAttributeNames(Map.of("#expiresAt", "expiresAt"))
                        .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond())))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                        .build())
                .build();
    }

    /** What a live key names; an expired one is absent. */
    static Optional<KeyedJob> find(DynamoDbClient dynamo, String table, String owner, String key, Instant now) {
        return Items.get(dynamo, table, TableKeys.idempotency(owner, key)).flatMap(item -> live(item, now));
    }

    /**
     * What the request that holds the key made, once a claim was refused ({@code reason}: the claim's cancellation):
     * from the item the failed condition returned, else read until the winner's key is seen.
     */
    static KeyedJob holder(
            CancellationReason reason, DynamoDbClient dynamo, String table, String owner, String key, Instant now) {
        return winner(reason)
                .or(() -> awaitWinner(() -> find(dynamo, table, owner, key, now)))
                .orElseThrow(() -> new IllegalStateException("idempotency key refused, but no live key found"));
    }

    /** The job of the key that refused a claim, from the item the failed condition returned. */
    private static Optional<KeyedJob> winner(CancellationReason reason) {
        if (!"ConditionalCheckFailed".equals(reason.code()) || !reason.hasItem()) return Optional.empty();
        return keyed(reason.item());
    }

    /**
     * For a store that returns no old item: strongly consistent reads, a bounded number of times, until the
     * winner's committed key is seen.
     */
    private static Optional<KeyedJob> awaitWinner(Supplier<Optional<KeyedJob>> read) {
        for (int attempt = 0; attempt < VISIBILITY_READS; attempt++) {
            Optional<KeyedJob> found = read.get();
            if (found.isPresent()) return found;
            BatchWriter.pause(attempt);
        }
        return Optional.empty();
    }

    /** The key's job unless the key expired before {@code now}. */
    static Optional<KeyedJob> live(Map<String, AttributeValue> item, Instant now) {
        Long expiresAt = Attr.longValue(item, "expiresAt");
        if (expiresAt != null && expiresAt < now.getEpochSecond()) return Optional.empty();
        return keyed(item);
    }

    private static Optional<KeyedJob> keyed(Map<String, AttributeValue> item) {
        String jobId = Attr.str(item, "jobId");
        String importId = Attr.str(item, "importId");
        if (jobId == null && importId == null) return Optional.empty();
        return Optional.of(new KeyedJob(jobId, Attr.str(item, "requestHash"), jobId == null ? importId : null));
    }
}
