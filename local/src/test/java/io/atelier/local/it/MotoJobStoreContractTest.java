package io.atelier.local.it;

import io.atelier.local.MotoServer;
import io.atelier.store.JobStore;
import io.atelier.store.JobStoreContract;
import io.atelier.store.UsageStore;
import io.atelier.store.dynamodb.DynamoJobStore;
import io.atelier.store.dynamodb.DynamoUsageStore;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The JobStore contract against moto's DynamoDB (the runner's --endpoint mode), table as in DynamoJobStoreContractTest. */
class MotoJobStoreContractTest extends JobStoreContract {
    private static final String TABLE = "atelier-contract-test";
    private static MotoServer moto;
    private static DynamoDbClient dynamo;
    private static DynamoJobStore store;
    private static DynamoUsageStore usage;

    @BeforeAll
    static void start() throws Exception {
        moto = MotoServer.start();
        dynamo = DynamoLocalClients.to(moto.endpoint());
        DynamoLocalClients.createJobTable(dynamo, TABLE);
        store = new DynamoJobStore(dynamo, TABLE, Duration.ofDays(30), QUEUED_STALE);
        usage = new DynamoUsageStore(dynamo, TABLE);
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
        moto.close();
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
