package io.atelier.local.provision;

import io.atelier.local.template.TableSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;

/** Translates AWS::DynamoDB::Table Properties into DynamoDB API requests. */
final class TableRequests {

    private TableRequests() {}

    static CreateTableRequest create(TableSpec table) {
        Map<String, Object> p = table.properties();
        boolean onDemand = "PAY_PER_REQUEST".equals(p.get("BillingMode"));
        CreateTableRequest.Builder b = CreateTableRequest.builder()
                .tableName(table.name())
                .keySchema(keySchema(p.get("KeySchema")))
                .attributeDefinitions(maps(p.get("AttributeDefinitions")).stream()
                        .map(a -> AttributeDefinition.builder()
                                .attributeName(str(a.get("AttributeName")))
                                .attributeType(str(a.get("AttributeType")))
                                .build())
                        .toList())
                .billingMode(onDemand ? BillingMode.PAY_PER_REQUEST : BillingMode.PROVISIONED);
        if (!onDemand) {
            b.provisionedThroughput(throughput(p.get("ProvisionedThroughput")));
        }
        List<GlobalSecondaryIndex> gsis = maps(p.get("GlobalSecondaryIndexes")).stream()
                .map(i -> {
                    GlobalSecondaryIndex.Builder g = GlobalSecondaryIndex.builder()
                            .indexName(str(i.get("IndexName")))
                            .keySchema(keySchema(i.get("KeySchema")))
                            .projection(projection(i.get("Projection")));
                    if (!onDemand) {
                        g.provisionedThroughput(throughput(i.get("ProvisionedThroughput")));
                    }
                    return g.build();
                })
                .toList();
        if (!gsis.isEmpty()) {
            b.globalSecondaryIndexes(gsis);
        }
        List<LocalSecondaryIndex> lsis = maps(p.get("LocalSecondaryIndexes")).stream()
                .map(i -> LocalSecondaryIndex.builder()
                        .indexName(str(i.get("IndexName")))
                        .keySchema(keySchema(i.get("KeySchema")))
                        .projection(projection(i.get("Projection")))
                        .build())
                .toList();
        if (!lsis.isEmpty()) {
            b.localSecondaryIndexes(lsis);
        }
        if (p.get("StreamSpecification") instanceof Map<?, ?> stream && stream.get("StreamViewType") != null) {
            b.streamSpecification(StreamSpecification.builder()
                    .streamEnabled(true)
                    .streamViewType(str(stream.get("StreamViewType")))
                    .build());
        }
        return b.build();
    }

    static Optional<UpdateTimeToLiveRequest> timeToLive(TableSpec table) {
        if (table.properties().get("TimeToLiveSpecification") instanceof Map<?, ?> ttl
                && "true".equalsIgnoreCase(str(ttl.get("Enabled")))) {
            return Optional.of(UpdateTimeToLiveRequest.builder()
                    .tableName(table.name())
                    .timeToLiveSpecification(
                            s -> s.attributeName(str(ttl.get("AttributeName"))).enabled(true))
                    .build());
        }
        return Optional.empty();
    }

    private static List<KeySchemaElement> keySchema(Object node) {
        return maps(node).stream()
                .map(k -> KeySchemaElement.builder()
                        .attributeName(str(k.get("AttributeName")))
                        .keyType(str(k.get("KeyType")))
                        .build())
                .toList();
    }

    private static Projection projection(Object node) {
        Map<?, ?> p = node instanceof Map<?, ?> m ? m : Map.of("ProjectionType", "ALL");
        Projection.Builder b = Projection.builder().projectionType(str(p.get("ProjectionType")));
        if (p.get("NonKeyAttributes") instanceof List<?> attrs) {
            b.nonKeyAttributes(attrs.stream().map(String::valueOf).toList());
        }
        return b.build();
    }

    private static ProvisionedThroughput throughput(Object node) {
        Map<?, ?> t = node instanceof Map<?, ?> m ? m : Map.of();
        return ProvisionedThroughput.builder()
                .readCapacityUnits(units(t.get("ReadCapacityUnits")))
                .writeCapacityUnits(units(t.get("WriteCapacityUnits")))
                .build();
    }

    private static long units(Object value) {
        return value == null ? 5 : Long.parseLong(String.valueOf(value));
    }

    private static List<Map<?, ?>> maps(Object node) {
        if (!(node instanceof List<?> list)) {
            return List.of();
        }
        return list.stream()
                .filter(Map.class::isInstance)
                .<Map<?, ?>>map(Map.class::cast)
                .toList();
    }

    private static String str(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
