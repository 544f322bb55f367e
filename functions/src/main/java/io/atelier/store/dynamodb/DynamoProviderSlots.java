package io.atelier.store.dynamodb;

import static io.atelier.store.dynamodb.Attr.n;
import static io.atelier.store.dynamodb.Attr.s;

import io.atelier.store.ProviderConcurrency;
import io.atelier.store.ProviderSlots;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Provider slots as items {@code PROVIDER#<id>} / {@code SLOT#<k>} with a holder and a lease. One consistent read of
 * the provider's partition finds the free or expired slots; a conditional update on one of them (taken in random
 * order, so racing workers spread out) makes it ours. Release is conditional on still being the holder.
 */
public final class DynamoProviderSlots implements ProviderSlots {
    private static final String PREFIX = "PROVIDER#";
    private static final String SLOT = "SLOT#";
    private final DynamoDbClient dynamo;
    private final String table;
    private final ProviderConcurrency caps;

    public DynamoProviderSlots(DynamoDbClient dynamo, String table, ProviderConcurrency caps) {
        this.dynamo = dynamo;
        this.table = table;
        this.caps = caps;
    }

    @Override
    public Optional<Slot> acquire(String provider, String holder, Instant now, Instant leaseUntil) {
        int cap = caps.cap(provider);
        if (cap <= 0) return Optional.of(new Slot(provider, -1, holder));
        Map<Integer, Long> leases = new HashMap<>();
        dynamo.query(b -> b.tableName(table)
                        .consistentRead(true)
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :slot)")
                        .expressionAttributeValues(Map.of(":pk", s(PREFIX + provider), ":slot", s(SLOT))))
                .items()
                .forEach(item -> {
                    Long lease = Attr.longValue(item, "leaseUntil");
                    leases.put(
                            Integer.parseInt(item.get("SK").s().substring(SLOT.length())), lease == null ? 0 : lease);
                });
        List<Integer> free = new ArrayList<>();
        for (int k = 0; k < cap; k++) if (leases.getOrDefault(k, 0L) < now.toEpochMilli()) free.add(k);
        Collections.shuffle(free);
        for (int k : free) {
            UpdateExpression update =
                    new UpdateExpression().set("holder", s(holder)).set("leaseUntil", n(leaseUntil.toEpochMilli()));
            String condition = "attribute_not_exists(" + update.name("leaseUntil") + ") OR " + update.name("leaseUntil")
                    + " < " + update.value(n(now.toEpochMilli()));
            if (update(provider, k, update, condition)) return Optional.of(new Slot(provider, k, holder));
        }
        return Optional.empty();
    }

    @Override
    public void release(Slot slot) {
        if (!slot.limited()) return;
        UpdateExpression update = new UpdateExpression().set("leaseUntil", n(0)).remove("holder");
        update(slot.provider(), slot.index(), update, update.name("holder") + " = " + update.value(s(slot.holder())));
    }

    private boolean update(String provider, int index, UpdateExpression update, String condition) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(TableKeys.key(PREFIX + provider, SLOT + index))
                    .updateExpression(update.expression())
                    .conditionExpression(condition)
                    .expressionAttributeNames(update.names())
                    .expressionAttributeValues(update.values()));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
