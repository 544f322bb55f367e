package io.atelier.local.it;

import io.atelier.local.MotoServer;
import io.atelier.store.ImageStore;
import io.atelier.store.ImageStoreContract;
import io.atelier.store.dynamodb.DynamoImageStore;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The ImageStore contract (projects, SKUs) against moto's DynamoDB, as the runner's --endpoint mode uses it. */
class MotoImageStoreContractTest extends ImageStoreContract {
    private static final String TABLE = "atelier-image-contract-test";
    private static MotoServer moto;
    private static DynamoDbClient dynamo;
    private static DynamoImageStore store;

    @BeforeAll
    static void start() throws Exception {
        moto = MotoServer.start();
        dynamo = DynamoLocalClients.to(moto.endpoint());
        DynamoLocalClients.createKeyTable(dynamo, TABLE);
        store = new DynamoImageStore(dynamo, TABLE, Duration.ofDays(30));
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
        moto.close();
    }

    @Override
    protected ImageStore store() {
        return store;
    }
}
