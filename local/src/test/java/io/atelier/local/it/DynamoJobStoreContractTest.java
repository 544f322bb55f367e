package io.atelier.local.it;

import io.atelier.local.LocalPaths;
import io.atelier.local.emulators.DynamoDbLocalEmulator;
import io.atelier.store.JobStore;
import io.atelier.store.JobStoreContract;
import io.atelier.store.UsageStore;
import io.atelier.store.dynamodb.DynamoJobStore;
import io.atelier.store.dynamodb.DynamoUsageStore;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The JobStore contract against DynamoDB Local: the same rules the in-memory store is held to. */
class DynamoJobStoreContractTest extends JobStoreContract {
    private static final String TABLE = "atelier-contract-test";
    private static DynamoDbLocalEmulator emulator;
    private static DynamoDbClient dynamo;
    private static DynamoJobStore store;
    private static DynamoUsageStore usage;

    @BeforeAll
    static void start() throws Exception {
        emulator = DynamoDbLocalEmulator.start(0, LocalPaths.nativeDir(), null);
        dynamo = DynamoLocalClients.to(emulator.endpoint());
        DynamoLocalClients.createJobTable(dynamo, TABLE);
        store = new DynamoJobStore(dynamo, TABLE, Duration.ofDays(30), QUEUED_STALE);
        usage = new DynamoUsageStore(dynamo, TABLE);
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

    @Override
    protected UsageStore usage() {
        return usage;
    }
}
