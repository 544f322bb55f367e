package io.atelier.store.dynamodb;

import io.atelier.json.Json;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Short AttributeValue constructors and readers; absent attributes read as null. */
final class Attr {
    private Attr() {}

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static AttributeValue bool(boolean value) {
        return AttributeValue.fromBool(value);
    }

    static AttributeValue time(Instant value) {
        return AttributeValue.fromS(value.toString());
    }

    static AttributeValue json(Object value) {
        return AttributeValue.fromS(Json.write(value));
    }

    static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) item.put(name, s(value));
    }

    static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    static Integer integer(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? null : Integer.valueOf(value.n());
    }

    static Long longValue(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? null : Long.valueOf(value.n());
    }

    static boolean flag(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value != null && Boolean.TRUE.equals(value.bool());
    }

    static Instant instant(Map<String, AttributeValue> item, String name) {
        String value = str(item, name);
        return value == null ? null : Instant.parse(value);
    }

    static Map<String, Object> jsonMap(Map<String, AttributeValue> item, String name) {
        String value = str(item, name);
        return value == null ? Map.of() : Json.map(value);
    }

    static <T> T jsonValue(Map<String, AttributeValue> item, String name, Class<T> type) {
        String value = str(item, name);
        return value == null ? null : Json.read(value, type);
    }
}
