package io.atelier.store.dynamodb;

import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A strongly consistent single-item read: callers act on what they read, so it must not be stale. */
final class Items {
    private Items() {}

    static Optional<Map<String, AttributeValue>> get(
            DynamoDbClient dynamo, String table, Map<String, AttributeValue> key) {
        var item = dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }
}
