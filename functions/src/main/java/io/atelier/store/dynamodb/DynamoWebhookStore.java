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

import io.atelier.store.DeliveryStatus;
import io.atelier.store.Page;
import io.atelier.store.PageRequest;
import io.atelier.store.WebhookDelivery;
import io.atelier.store.WebhookEndpoint;
import io.atelier.store.WebhookStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Webhooks in the single table: endpoints under their owner ({@code USER#<sub>} / {@code WHK#<id>}), a job's chosen
 * endpoint beside the job ({@code USER#<sub>} / {@code JOBHOOK#<jobId>}), and each endpoint's deliveries in their own
 * partition ({@code WHK#<id>} / {@code MSG#<deliveryId>}, time-sorted ids), expiring after the retention period.
 * Secrets are stored as they are: every delivery needs them to sign (the table is encrypted at rest).
 */
public final class DynamoWebhookStore implements WebhookStore {
    private static final String ENDPOINT = "WHK#";
    private static final String JOB_LINK = "JOBHOOK#";
    private static final String DELIVERY = "MSG#";
    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;
    private final PagedQuery pages;

    public DynamoWebhookStore(DynamoDbClient dynamo, String table, Duration retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
        this.pages = new PagedQuery(dynamo, table);
    }

    @Override
    public List<WebhookEndpoint> endpoints(String owner) {
        return pages.all(TableKeys.user(owner), ENDPOINT, DynamoWebhookStore::endpoint);
    }

    @Override
    public Optional<WebhookEndpoint> endpoint(String owner, String webhookId) {
        return Items.get(dynamo, table, TableKeys.key(TableKeys.user(owner), ENDPOINT + webhookId))
                .map(DynamoWebhookStore::endpoint);
    }

    @Override
    public void put(WebhookEndpoint e) {
        Map<String, AttributeValue> item =
                new HashMap<>(TableKeys.key(TableKeys.user(e.owner()), ENDPOINT + e.webhookId()));
        item.put("owner", s(e.owner()));
        item.put("webhookId", s(e.webhookId()));
        item.put("url", s(e.url()));
        putIfPresent(item, "description", e.description());
        item.put("events", AttributeValue.fromL(e.events().stream().map(Attr::s).toList()));
        item.put("isDefault", bool(e.isDefault()));
        item.put("secret", s(e.secret()));
        putIfPresent(item, "previousSecret", e.previousSecret());
        if (e.previousSecretUntil() != null) item.put("previousSecretUntil", time(e.previousSecretUntil()));
        item.put("createdAt", time(e.createdAt()));
        if (e.disabledAt() != null) item.put("disabledAt", time(e.disabledAt()));
        putIfPresent(item, "disabledReason", e.disabledReason());
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public boolean setDisabled(String owner, String webhookId, Instant at, String reason) {
        try {
            dynamo.updateItem(b -> {
                b.tableName(table)
                        .key(TableKeys.key(TableKeys.user(owner), ENDPOINT + webhookId))
                        .conditionExpression("attribute_exists(PK)");
                if (at == null) b.updateExpression("REMOVE disabledAt, disabledReason");
                else
                    b.updateExpression("SET disabledAt = :at, disabledReason = :reason")
                            .expressionAttributeValues(Map.of(":at", time(at), ":reason", s(reason)));
            });
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean delete(String owner, String webhookId) {
        try {
            dynamo.deleteItem(b -> b.tableName(table)
                    .key(TableKeys.key(TableKeys.user(owner), ENDPOINT + webhookId))
                    .conditionExpression("attribute_exists(PK)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void linkJob(String owner, String jobId, String webhookId, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.key(TableKeys.user(owner), JOB_LINK + jobId));
        item.put("webhookId", s(webhookId));
        item.put("expiresAt", n(expiresAt.getEpochSecond()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public Optional<String> linkedWebhook(String owner, String jobId) {
        return Items.get(dynamo, table, TableKeys.key(TableKeys.user(owner), JOB_LINK + jobId))
                .map(item -> str(item, "webhookId"));
    }

    @Override
    public boolean createDelivery(WebhookDelivery delivery) {
        try {
            dynamo.putItem(
                    b -> b.tableName(table).item(item(delivery)).conditionExpression("attribute_not_exists(PK)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<WebhookDelivery> delivery(String webhookId, String deliveryId) {
        return Items.get(dynamo, table, TableKeys.key(ENDPOINT + webhookId, DELIVERY + deliveryId))
                .map(DynamoWebhookStore::delivery);
    }

    @Override
    public boolean update(WebhookDelivery delivery, int expectedAttempts) {
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(item(delivery))
                    .conditionExpression("attempts = :expected")
                    .expressionAttributeValues(Map.of(":expected", n(expectedAttempts))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Page<WebhookDelivery> deliveries(String webhookId, PageRequest page) {
        return pages.page(
                ENDPOINT + webhookId, DELIVERY, true, page, DynamoWebhookStore::delivery, delivery -> true, false);
    }

    private Map<String, AttributeValue> item(WebhookDelivery d) {
        Map<String, AttributeValue> item =
                new HashMap<>(TableKeys.key(ENDPOINT + d.webhookId(), DELIVERY + d.deliveryId()));
        item.put("owner", s(d.owner()));
        item.put("webhookId", s(d.webhookId()));
        item.put("deliveryId", s(d.deliveryId()));
        item.put("eventType", s(d.eventType()));
        item.put("payload", s(d.payload()));
        item.put("status", s(d.status().name()));
        item.put("attempts", n(d.attempts()));
        if (d.lastStatusCode() != null) item.put("lastStatusCode", n(d.lastStatusCode()));
        if (d.lastLatencyMs() != null) item.put("lastLatencyMs", n(d.lastLatencyMs()));
        putIfPresent(item, "lastError", d.lastError());
        item.put("createdAt", time(d.createdAt()));
        item.put("retryFrom", time(d.retryFrom()));
        if (d.lastAttemptAt() != null) item.put("lastAttemptAt", time(d.lastAttemptAt()));
        if (d.nextAttemptAt() != null) item.put("nextAttemptAt", time(d.nextAttemptAt()));
        item.put("expiresAt", n(d.createdAt().plus(retention).getEpochSecond()));
        return item;
    }

    private static WebhookEndpoint endpoint(Map<String, AttributeValue> item) {
        List<String> events = item.get("events") == null
                ? List.of()
                : item.get("events").l().stream().map(AttributeValue::s).toList();
        return new WebhookEndpoint(
                str(item, "owner"),
                str(item, "webhookId"),
                str(item, "url"),
                str(item, "description"),
                events,
                flag(item, "isDefault"),
                str(item, "secret"),
                str(item, "previousSecret"),
                instant(item, "previousSecretUntil"),
                instant(item, "createdAt"),
                instant(item, "disabledAt"),
                str(item, "disabledReason"));
    }

    private static WebhookDelivery delivery(Map<String, AttributeValue> item) {
        return new WebhookDelivery(
                str(item, "owner"),
                str(item, "webhookId"),
                str(item, "deliveryId"),
                str(item, "eventType"),
                str(item, "payload"),
                DeliveryStatus.valueOf(str(item, "status")),
                integer(item, "attempts"),
                integer(item, "lastStatusCode"),
                longValue(item, "lastLatencyMs"),
                str(item, "lastError"),
                instant(item, "createdAt"),
                instant(item, "retryFrom"),
                instant(item, "lastAttemptAt"),
                instant(item, "nextAttemptAt"));
    }
}
