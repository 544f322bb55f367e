package io.atelier.store.dynamodb;

import static io.atelier.store.dynamodb.Attr.instant;
import static io.atelier.store.dynamodb.Attr.putIfPresent;
import static io.atelier.store.dynamodb.Attr.s;
import static io.atelier.store.dynamodb.Attr.str;
import static io.atelier.store.dynamodb.Attr.time;

import io.atelier.model.PromptTemplate;
import io.atelier.store.TemplateStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Templates under {@code USER#<owner>} / {@code TPL#<templateId>}; the favourite group in {@code SET#templates}. */
public final class DynamoTemplateStore implements TemplateStore {
    static final String TEMPLATE = "TPL#";
    private static final String SETTINGS = "SET#templates";
    private final DynamoDbClient dynamo;
    private final String table;
    private final PagedQuery pages;

    public DynamoTemplateStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.pages = new PagedQuery(dynamo, table);
    }

    @Override
    public List<PromptTemplate> list(String owner) {
        return pages.all(TableKeys.user(owner), TEMPLATE, DynamoTemplateStore::template);
    }

    @Override
    public Optional<PromptTemplate> find(String owner, String templateId) {
        return Items.get(dynamo, table, TableKeys.key(TableKeys.user(owner), TEMPLATE + templateId))
                .map(DynamoTemplateStore::template);
    }

    @Override
    public void put(PromptTemplate template) {
        Map<String, AttributeValue> item =
                new HashMap<>(TableKeys.key(TableKeys.user(template.owner()), TEMPLATE + template.templateId()));
        item.put("type", s("template"));
        item.put("owner", s(template.owner()));
        item.put("templateId", s(template.templateId()));
        item.put("name", s(template.name()));
        item.put("text", s(template.text()));
        putIfPresent(item, "group", template.group());
        item.put("createdAt", time(template.createdAt()));
        item.put("updatedAt", time(template.updatedAt()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public boolean delete(String owner, String templateId) {
        var deleted = dynamo.deleteItem(b -> b.tableName(table)
                .key(TableKeys.key(TableKeys.user(owner), TEMPLATE + templateId))
                .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_OLD));
        return deleted.hasAttributes() && !deleted.attributes().isEmpty();
    }

    @Override
    public Optional<String> favouriteGroup(String owner) {
        return Items.get(dynamo, table, TableKeys.key(TableKeys.user(owner), SETTINGS))
                .map(item -> str(item, "favouriteGroup"));
    }

    @Override
    public void setFavouriteGroup(String owner, String group) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.key(TableKeys.user(owner), SETTINGS));
        item.put("type", s("settings"));
        putIfPresent(item, "favouriteGroup", group);
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    private static PromptTemplate template(Map<String, AttributeValue> item) {
        return new PromptTemplate(
                str(item, "owner"),
                str(item, "templateId"),
                str(item, "name"),
                str(item, "text"),
                str(item, "group"),
                instant(item, "createdAt"),
                instant(item, "updatedAt"));
    }
}
