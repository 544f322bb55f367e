package io.atelier.store.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atelier.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items packed into one binary attribute: their DynamoDB JSON, gzipped. Task items of one job repeat their owner,
 * job id and keys, so a job's task list shrinks several times over: fewer, smaller chunk items to write and read.
 */
final class PackedItems {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PackedItems() {}

    static SdkBytes pack(List<Map<String, AttributeValue>> items) {
        ArrayNode array = NODES.arrayNode();
        items.forEach(item -> array.add(json(AttributeValue.fromM(item))));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            Json.MAPPER.writeValue(gzip, array);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SdkBytes.fromByteArray(bytes.toByteArray());
    }

    static List<Map<String, AttributeValue>> unpack(SdkBytes packed) {
        try (GZIPInputStream gzip = new GZIPInputStream(packed.asInputStream())) {
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            for (JsonNode node : Json.MAPPER.readTree(gzip))
                items.add(value(node).m());
            return items;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** DynamoDB JSON: {"S": "…"}, {"N": "…"}, {"BOOL": …}, {"NULL": true}, {"L": […]}, {"M": {…}}, {"SS": […]}. */
    private static JsonNode json(AttributeValue value) {
        ObjectNode node = NODES.objectNode();
        if (value.s() != null) node.put("S", value.s());
        else if (value.n() != null) node.put("N", value.n());
        else if (value.bool() != null) node.put("BOOL", value.bool());
        else if (value.nul() != null) node.put("NULL", true);
        else if (value.hasL()) value.l().forEach(element -> node.withArray("L").add(json(element)));
        else if (value.hasM()) {
            ObjectNode map = node.putObject("M");
            value.m().forEach((name, element) -> map.set(name, json(element)));
        } else if (value.hasSs())
            value.ss().forEach(element -> node.withArray("SS").add(element));
        else throw new IllegalArgumentException("cannot pack attribute type " + value.type());
        return node;
    }

    private static AttributeValue value(JsonNode node) {
        Map.Entry<String, JsonNode> typed = node.fields().next();
        JsonNode content = typed.getValue();
        return switch (typed.getKey()) {
            case "S" -> AttributeValue.fromS(content.asText());
            case "N" -> AttributeValue.fromN(content.asText());
            case "BOOL" -> AttributeValue.fromBool(content.asBoolean());
            case "NULL" -> AttributeValue.fromNul(true);
            case "L" -> {
                List<AttributeValue> list = new ArrayList<>();
                content.forEach(element -> list.add(value(element)));
                yield AttributeValue.fromL(list);
            }
            case "M" -> {
                Map<String, AttributeValue> map = new HashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = content.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    map.put(field.getKey(), value(field.getValue()));
                }
                yield AttributeValue.fromM(map);
            }
            case "SS" -> {
                List<String> set = new ArrayList<>();
                content.forEach(element -> set.add(element.asText()));
                yield AttributeValue.fromSs(set);
            }
            default -> throw new IllegalArgumentException("cannot unpack attribute type " + typed.getKey());
        };
    }
}
