package io.atelier.local.it;

import io.atelier.local.LocalPaths;
import io.atelier.local.emulators.DynamoDbLocalEmulator;
import io.atelier.store.JobStore;
import io.atelier.store.JobStoreContract;
import io.atelier.store.dynamodb.DynamoJobStore;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The JobStore contract against DynamoDB Local: the same rules the in-memory store is held to. */
class DynamoJobStoreContractTest extends JobStoreContract {
    private static final String TABLE = "atelier-contract-test";
    // The table as template.yaml declares it, with the sparse Sweep index the sweeper queries.
    private static DynamoDbLocalEmulator emulator;
    private static DynamoDbClient dynamo;
    private static DynamoJobStore store;

    @BeforeAll
    static void start() throws Exception {
        emulator = DynamoDbLocalEmulator.start(0, LocalPaths.nativeDir(), null);
        dynamo = DynamoLocalClients.to(emulator.endpoint());
        dynamo.createTable(b -> b.tableName(TABLE)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        a -> a.attributeName("PK").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("SK").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sweepShard").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sweepAt").attributeType(ScalarAttributeType.N))
                .keySchema(
                        k -> k.attributeName("PK").keyType(KeyType.HASH),
                        k -> k.attributeName("SK").keyType(KeyType.RANGE))
                .globalSecondaryIndexes(g -> g.indexName("Sweep")
                        .keySchema(
                                k -> k.attributeName("sweepShard").keyType(KeyType.HASH),
                                k -> k.attributeName("sweepAt").keyType(KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))));
        store = new DynamoJobStore(dynamo, TABLE, Duration.ofDays(30), QUEUED_STALE);
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
        emulator.close();
    }

    @Override
    protected JobStore store() {
        return store;
    }
}
