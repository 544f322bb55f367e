package io.atelier.local.it;

import io.atelier.local.LocalPaths;
import io.atelier.local.emulators.DynamoDbLocalEmulator;
import io.atelier.store.ImageStore;
import io.atelier.store.ImageStoreContract;
import io.atelier.store.dynamodb.DynamoImageStore;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The ImageStore contract (projects, SKUs) against DynamoDB Local: the member items and project counters for real. */
class DynamoImageStoreContractTest extends ImageStoreContract {
    private static final String TABLE = "atelier-image-contract-test";
    private static DynamoDbLocalEmulator emulator;
    private static DynamoDbClient dynamo;
    private static DynamoImageStore store;

    @BeforeAll
    static void start() throws Exception {
        emulator = DynamoDbLocalEmulator.start(0, LocalPaths.nativeDir(), null);
        dynamo = DynamoLocalClients.to(emulator.endpoint());
        DynamoLocalClients.createKeyTable(dynamo, TABLE);
        store = new DynamoImageStore(dynamo, TABLE, Duration.ofDays(30));
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
        emulator.close();
    }

    @Override
    protected ImageStore store() {
        return store;
    }
}
