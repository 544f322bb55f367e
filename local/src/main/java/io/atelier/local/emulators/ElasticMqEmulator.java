package io.atelier.local.emulators;

import java.net.URI;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/** ElasticMQ (SQS, both the query and the JSON protocol) in this JVM, in memory. */
public final class ElasticMqEmulator implements AutoCloseable {

    private final SQSRestServer server;
    private final URI endpoint;

    private ElasticMqEmulator(SQSRestServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /** Starts on 127.0.0.1 and {@code port} (0 = any free port); queue URLs use the bound address. */
    public static ElasticMqEmulator start(int port) {
        var builder = port == 0 ? SQSRestServerBuilder.withDynamicPort() : SQSRestServerBuilder.withPort(port);
        SQSRestServer server = builder.withInterface("127.0.0.1")
                .withAWSRegion(LocalCredentials.REGION)
                .withAWSAccountId("000000000000")
                .start();
        int bound = server.waitUntilStarted().localAddress().getPort();
        return new ElasticMqEmulator(server, URI.create("http://127.0.0.1:" + bound));
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
