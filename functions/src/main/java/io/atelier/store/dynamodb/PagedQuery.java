package io.atelier.store.dynamodb;

import io.atelier.store.Page;
import io.atelier.store.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Reads one partition's items under a sort-key prefix a page at a time, keeping only those a filter accepts; the
 * cursor is the sort key of the last item returned, so nothing is skipped even when DynamoDB read further.
 */
final class PagedQuery {
    private final DynamoDbClient dynamo;
    private final String table;

    PagedQuery(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    <T> Page<T> page(
            String pk,
            String skPrefix,
            boolean newestFirst,
            PageRequest request,
            Function<Map<String, AttributeValue>, T> mapper,
            Predicate<T> filter,
            boolean filtered) {
        List<T> items = new ArrayList<>();
        Map<String, AttributeValue> start =
                request.cursor() == null ? null : TableKeys.key(pk, Cursors.decode(request.cursor(), skPrefix));
        while (true) {
            QueryResponse response = dynamo.query(
                    query(pk, skPrefix, newestFirst, start, filtered ? 100 : request.limit() - items.size()));
            for (Map<String, AttributeValue> item : response.items()) {
                T value = mapper.apply(item);
                if (!filter.test(value)) continue;
                items.add(value);
                if (items.size() == request.limit()) {
                    boolean more = response.hasLastEvaluatedKey()
                                    && !response.lastEvaluatedKey().isEmpty()
                            || item != response.items().get(response.items().size() - 1);
                    return new Page<>(
                            items, more ? Cursors.encode(item.get(TableKeys.SK).s()) : null);
                }
            }
            if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty())
                return new Page<>(items, null);
            start = response.lastEvaluatedKey();
        }
    }

    /** Every item under the prefix, across pages. */
    <T> List<T> all(String pk, String skPrefix, Function<Map<String, AttributeValue>, T> mapper) {
        List<T> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse response = dynamo.query(query(pk, skPrefix, false, start, 500).toBuilder()
                    .consistentRead(true)
                    .build());
            response.items().forEach(item -> items.add(mapper.apply(item)));
            start = response.hasLastEvaluatedKey()
                            && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey()
                    : null;
        } while (start != null);
        return items;
    }

    private QueryRequest query(
            String pk, String skPrefix, boolean newestFirst, Map<String, AttributeValue> start, int limit) {
        return QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Map.of(":pk", Attr.s(pk), ":prefix", Attr.s(skPrefix)))
                .scanIndexForward(!newestFirst)
                .exclusiveStartKey(start)
                .limit(Math.max(1, limit))
                .build();
    }
}
