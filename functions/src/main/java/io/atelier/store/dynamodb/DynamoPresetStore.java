package io.atelier.store.dynamodb;

import static io.atelier.store.dynamodb.Attr.instant;
import static io.atelier.store.dynamodb.Attr.json;
import static io.atelier.store.dynamodb.Attr.jsonMap;
import static io.atelier.store.dynamodb.Attr.s;
import static io.atelier.store.dynamodb.Attr.str;
import static io.atelier.store.dynamodb.Attr.time;

import io.atelier.model.JobPreset;
import io.atelier.store.PresetStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** Presets under {@code USER#<owner>} / {@code JPS#<presetId>}, their settings as JSON text. */
public final class DynamoPresetStore implements PresetStore {
    static final String PRESET = "JPS#";
    private final DynamoDbClient dynamo;
    private final String table;
    private final PagedQuery pages;

    public DynamoPresetStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.pages = new PagedQuery(dynamo, table);
    }

    @Override
    public List<JobPreset> list(String owner) {
        return pages.all(TableKeys.user(owner), PRESET, DynamoPresetStore::preset);
    }

    @Override
    public Optional<JobPreset> find(String owner, String presetId) {
        return Items.get(dynamo, table, TableKeys.key(TableKeys.user(owner), PRESET + presetId))
                .map(DynamoPresetStore::preset);
    }

    @Override
    public void put(JobPreset preset) {
        Map<String, AttributeValue> item =
                new HashMap<>(TableKeys.key(TableKeys.user(preset.owner()), PRESET + preset.presetId()));
        item.put("type", s("jobPreset"));
        item.put("owner", s(preset.owner()));
        item.put("presetId", s(preset.presetId()));
        item.put("name", s(preset.name()));
        item.put("settings", json(preset.settings()));
        item.put("createdAt", time(preset.createdAt()));
        item.put("updatedAt", time(preset.updatedAt()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public boolean delete(String owner, String presetId) {
        var deleted = dynamo.deleteItem(b -> b.tableName(table)
                .key(TableKeys.key(TableKeys.user(owner), PRESET + presetId))
                .returnValues(ReturnValue.ALL_OLD));
        return deleted.hasAttributes() && !deleted.attributes().isEmpty();
    }

    private static JobPreset preset(Map<String, AttributeValue> item) {
        return new JobPreset(
                str(item, "owner"),
                str(item, "presetId"),
                str(item, "name"),
                jsonMap(item, "settings"),
                instant(item, "createdAt"),
                instant(item, "updatedAt"));
    }
}
