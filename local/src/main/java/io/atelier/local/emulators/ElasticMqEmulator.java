package io.atelier.local.emulators;

import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.server.ElasticMQServer;
import org.elasticmq.server.config.ElasticMQServerConfig;

/**
 * ElasticMQ (SQS, both the query and the JSON protocol) in this JVM: in memory, or with its queues and messages in
 * an H2 database under a directory (ElasticMQ's own "messages-storage"), restored when it starts again: messages
 * in flight at a stop come back once their visibility timeout has passed, as in SQS.
 */
public final class ElasticMqEmulator implements AutoCloseable {

    private final AutoCloseable server;
    private final URI endpoint;

    private ElasticMqEmulator(AutoCloseable server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /**
     * Starts on 127.0.0.1 and {@code port} (0 = any free port); queue URLs use the bound address. {@code storeDir}
     * null = in memory.
     */
    public static ElasticMqEmulator start(int port, Path storeDir) throws Exception {
        return storeDir == null ? inMemory(port) : persistent(port, storeDir);
    }

    private static ElasticMqEmulator inMemory(int port) {
        var builder = port == 0 ? SQSRestServerBuilder.withDynamicPort() : SQSRestServerBuilder.withPort(port);
        SQSRestServer server = builder.withInterface("127.0.0.1")
                .withAWSRegion(LocalCredentials.REGION)
                .withAWSAccountId("000000000000")
                .start();
        int bound = server.waitUntilStarted().localAddress().getPort();
        return new ElasticMqEmulator(server::stopAndWait, URI.create("http://127.0.0.1:" + bound));
    }

    /** The standalone server's wiring, which alone restores persisted queues and messages at start. */
    private static ElasticMqEmulator persistent(int port, Path storeDir) throws Exception {
        int chosen = port == 0 ? S3ProxyEmulator.freePort() : port;
        String database = Files.createDirectories(storeDir)
                .toAbsolutePath()
                .resolve("elasticmq")
                .toString();
        var config = ConfigFactory.parseMap(Map.of(
                        "node-address.host",
                        "127.0.0.1",
                        "node-address.port",
                        chosen,
                        "rest-sqs.bind-hostname",
                        "127.0.0.1",
                        "rest-sqs.bind-port",
                        chosen,
                        "rest-stats.enabled",
                        false,
                        "aws.region",
                        LocalCredentials.REGION,
                        "aws.accountId",
                        "000000000000",
                        "messages-storage.enabled",
                        true,
                        "messages-storage.uri",
                        "jdbc:h2:file:" + database))
                .withFallback(ConfigFactory.load());
        var shutdown = new ElasticMQServer(new ElasticMQServerConfig(config)).start();
        return new ElasticMqEmulator(shutdown::apply, URI.create("http://127.0.0.1:" + chosen));
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
