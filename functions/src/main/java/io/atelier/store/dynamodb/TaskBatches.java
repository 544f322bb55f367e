package io.atelier.store.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** Reads items by key, 100 to a BatchGetItem, asking again for what DynamoDB left unprocessed (with a short backoff). */
final class TaskBatches {
    private static final int MAX_KEYS = 100;
    private static final int MAX_ROUNDS = 8;

    private TaskBatches() {}

    static List<Map<String, AttributeValue>> get(
            DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += MAX_KEYS) {
            Map<String, KeysAndAttributes> pending = Map.of(
                    table,
                    KeysAndAttributes.builder()
                            .keys(keys.subList(from, Math.min(keys.size(), from + MAX_KEYS)))
                            .consistentRead(true)
                            .build());
            for (int round = 0; !pending.isEmpty(); round++) {
                if (round == MAX_ROUNDS)
                    throw new IllegalStateException("DynamoDB left keys unprocessed " + MAX_ROUNDS + " times");
                if (round > 0) pause(round);
                BatchGetItemResponse response = dynamo.batchGetItem(
                        BatchGetItemRequest.builder().requestItems(pending).build());
                items.addAll(response.responses().getOrDefault(table, List.of()));
                pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return items;
    }

    private static void pause(int round) {
        try {
            Thread.sleep(Math.min(1000, 25L << round));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a batch", e);
        }
    }
}
