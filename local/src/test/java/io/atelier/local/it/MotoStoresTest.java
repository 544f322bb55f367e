package io.atelier.local.it;

import io.atelier.local.MotoServer;
import org.junit.jupiter.api.BeforeAll;

/**
 * The DynamoDB adapters' tests (conditions, transactions, idempotency, pagination, concurrent claims) against moto's
 * DynamoDB, as the runner's --endpoint mode uses it. The concurrent ones fail on moto's own server: see
 * local/bin/moto_server.py for why and what the launch script changes.
 */
class MotoStoresTest extends DynamoStoresTest {

    /** Hides DynamoStoresTest.start(), so DynamoDB Local is not started here. */
    @BeforeAll
    static void start() throws Exception {
        MotoServer moto = MotoServer.start();
        emulator = moto;
        connect(moto.endpoint());
    }
}
