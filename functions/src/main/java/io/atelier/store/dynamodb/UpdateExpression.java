package io.atelier.store.dynamodb;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Builds an UpdateExpression with a placeholder for every name, so DynamoDB's reserved words never bite. */
final class UpdateExpression {
    private final List<String> set = new ArrayList<>();
    private final List<String> add = new ArrayList<>();
    private final List<String> remove = new ArrayList<>();
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();

    UpdateExpression set(String attribute, AttributeValue value) {
        if (value != null) set.add(name(attribute) + " = " + value(value));
        return this;
    }

    UpdateExpression add(String attribute, long delta) {
        add.add(name(attribute) + " " + value(Attr.n(delta)));
        return this;
    }

    /** Adds a decimal: DynamoDB numbers are exact decimals, so money adds up without rounding. */
    UpdateExpression add(String attribute, BigDecimal delta) {
        add.add(name(attribute) + " " + value(AttributeValue.fromN(delta.toPlainString())));
        return this;
    }

    UpdateExpression remove(String attribute) {
        remove.add(name(attribute));
        return this;
    }

    /** A placeholder for a name used in a condition. */
    String name(String attribute) {
        String placeholder = "#" + attribute;
        names.put(placeholder, attribute);
        return placeholder;
    }

    /** A placeholder for a value used in a condition. */
    String value(AttributeValue value) {
        String placeholder = ":v" + values.size();
        values.put(placeholder, value);
        return placeholder;
    }

    String expression() {
        StringBuilder out = new StringBuilder();
        if (!set.isEmpty()) out.append("SET ").append(String.join(", ", set));
        if (!add.isEmpty()) out.append(" ADD ").append(String.join(", ", add));
        if (!remove.isEmpty()) out.append(" REMOVE ").append(String.join(", ", remove));
        return out.toString().trim();
    }

    Map<String, String> names() {
        return names;
    }

    Map<String, AttributeValue> values() {
        return values;
    }
}
