package io.atelier.store.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** BatchWriteItem in chunks of 25, re-sending what DynamoDB left unprocessed (with a short backoff) until all is written. */
final class BatchWriter {
    private static final int CHUNK = 25;
    private static final int MAX_ROUNDS = 8;

    private BatchWriter() {}

    static void write(DynamoDbClient dynamo, String table, List<WriteRequest> requests) {
        for (int from = 0; from < requests.size(); from += CHUNK) {
            List<WriteRequest> pending =
                    new ArrayList<>(requests.subList(from, Math.min(requests.size(), from + CHUNK)));
            for (int round = 0; !pending.isEmpty(); round++) {
                if (round == MAX_ROUNDS)
                    throw new IllegalStateException("DynamoDB kept " + pending.size() + " writes unprocessed");
                if (round > 0) pause(round);
                BatchWriteItemResponse response =
                        dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, List.copyOf(pending))));
                pending.clear();
                if (response.hasUnprocessedItems())
                    pending.addAll(response.unprocessedItems().getOrDefault(table, List.of()));
            }
        }
    }

    static void pause(int round) {
        try {
            Thread.sleep(Math.min(1000, 25L << round));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
