package io.atelier.local.it;

import io.atelier.local.LocalPaths;
import io.atelier.local.emulators.DynamoDbLocalEmulator;
import io.atelier.store.UsageStore;
import io.atelier.store.UsageStoreContract;
import io.atelier.store.dynamodb.DynamoUsageStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The UsageStore contract against DynamoDB Local: conditional writes and transactions under racing callers. */
class DynamoUsageStoreContractTest extends UsageStoreContract {
    private static final String TABLE = "atelier-usage-test";
    private static DynamoDbLocalEmulator emulator;
    private static DynamoDbClient dynamo;
    private static DynamoUsageStore usage;

    @BeforeAll
    static void start() throws Exception {
        emulator = DynamoDbLocalEmulator.start(0, LocalPaths.nativeDir(), null);
        dynamo = DynamoLocalClients.to(emulator.endpoint());
        DynamoLocalClients.createJobTable(dynamo, TABLE);
        usage = new DynamoUsageStore(dynamo, TABLE);
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
        emulator.close();
    }

    @Override
    protected UsageStore usage() {
        return usage;
    }
}
