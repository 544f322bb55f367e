package io.atelier.store.dynamodb;

import static io.atelier.store.dynamodb.Attr.instant;
import static io.atelier.store.dynamodb.Attr.integer;
import static io.atelier.store.dynamodb.Attr.n;
import static io.atelier.store.dynamodb.Attr.s;
import static io.atelier.store.dynamodb.Attr.str;
import static io.atelier.store.dynamodb.Attr.time;

import io.atelier.model.ImageStatus;
import io.atelier.model.ManifestRecord;
import io.atelier.store.ManifestStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Manifests under {@code USER#<owner>} / {@code MAN#<manifestId>}; they expire (TTL) with the uploads' retention. */
public final class DynamoManifestStore implements ManifestStore {
    static final String MANIFEST = "MAN#";
    private static final Duration PENDING_TTL = Duration.ofDays(1);
    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;

    public DynamoManifestStore(DynamoDbClient dynamo, String table, Duration retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
    }

    @Override
    public void createPending(ManifestRecord manifest) {
        Map<String, AttributeValue> item = new HashMap<>(key(manifest.owner(), manifest.manifestId()));
        item.put("type", s("manifest"));
        item.put("owner", s(manifest.owner()));
        item.put("manifestId", s(manifest.manifestId()));
        item.put("name", s(manifest.name()));
        item.put("format", s(manifest.format()));
        item.put("status", s(manifest.status().name()));
        item.put("size", n(manifest.size()));
        item.put("createdAt", time(manifest.createdAt()));
        item.put("updatedAt", time(manifest.updatedAt()));
        item.put("expiresAt", n(manifest.createdAt().plus(PENDING_TTL).getEpochSecond()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public Optional<ManifestRecord> find(String owner, String manifestId) {
        return Items.get(dynamo, table, key(owner, manifestId)).map(DynamoManifestStore::manifest);
    }

    @Override
    public boolean completeCheck(ManifestRecord checked) {
        UpdateExpression update = new UpdateExpression()
                .set("status", s(checked.status().name()))
                .set("size", n(checked.size()))
                .set("updatedAt", time(checked.updatedAt()))
                .set("rows", checked.rows() == null ? null : n(checked.rows()))
                .set("reason", checked.reason() == null ? null : s(checked.reason()))
                .set("expiresAt", n(checked.createdAt().plus(retention).getEpochSecond()));
        String condition = update.name("status") + " = " + update.value(s(ImageStatus.PENDING.name()));
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(key(checked.owner(), checked.manifestId()))
                    .updateExpression(update.expression())
                    .conditionExpression(condition)
                    .expressionAttributeNames(update.names())
                    .expressionAttributeValues(update.values()));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key(String owner, String manifestId) {
        return TableKeys.key(TableKeys.user(owner), MANIFEST + manifestId);
    }

    private static ManifestRecord manifest(Map<String, AttributeValue> item) {
        return new ManifestRecord(
                str(item, "owner"),
                str(item, "manifestId"),
                str(item, "name"),
                str(item, "format"),
                ImageStatus.valueOf(str(item, "status")),
                Long.parseLong(item.get("size").n()),
                integer(item, "rows"),
                str(item, "reason"),
                instant(item, "createdAt"),
                instant(item, "updatedAt"));
    }
}
