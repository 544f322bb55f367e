package io.atelier.local.it;

import io.atelier.local.LocalPaths;
import io.atelier.local.emulators.DynamoDbLocalEmulator;
import io.atelier.store.ImportRecords;
import io.atelier.store.ImportRecordsContract;
import io.atelier.store.JobStore;
import io.atelier.store.dynamodb.DynamoImportRecords;
import io.atelier.store.dynamodb.DynamoJobStore;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The ImportRecords contract against DynamoDB Local: the import and its key in one transaction, as in production. */
class DynamoImportRecordsContractTest extends ImportRecordsContract {
    private static final String TABLE = "atelier-imports-contract-test";
    private static DynamoDbLocalEmulator emulator;
    private static DynamoDbClient dynamo;
    private static DynamoImportRecords records;
    private static DynamoJobStore jobs;

    @BeforeAll
    static void start() throws Exception {
        emulator = DynamoDbLocalEmulator.start(0, LocalPaths.nativeDir(), null);
        dynamo = DynamoLocalClients.to(emulator.endpoint());
        DynamoLocalClients.createJobTable(dynamo, TABLE);
        records = new DynamoImportRecords(dynamo, TABLE, Duration.ofDays(30));
        jobs = new DynamoJobStore(dynamo, TABLE, Duration.ofDays(30));
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
        emulator.close();
    }

    @Override
    protected ImportRecords records() {
        return records;
    }

    @Override
    protected JobStore jobs() {
        return jobs;
    }
}
