package io.atelier.local.emulators;

import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * DynamoDB Local in this JVM, without telemetry: in memory, or in one SQLite file under a directory so that tables
 * and items outlast a restart. One shared database for every credential and region, so that awscli or a handler
 * with other keys sees the same tables.
 */
public final class DynamoDbLocalEmulator implements AutoCloseable {

    private final DynamoDBProxyServer server;
    private final URI endpoint;

    private DynamoDbLocalEmulator(DynamoDBProxyServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /** Starts on 127.0.0.1 and {@code port} (0 = any free port); {@code dbDir} null = in memory. */
    public static DynamoDbLocalEmulator start(int port, Path nativeDir, Path dbDir) throws Exception {
        System.setProperty("sqlite4java.library.path", nativeDir.toString());
        boolean inMemory = dbDir == null;
        String dbPath = inMemory
                ? null
                : Files.createDirectories(dbDir).toAbsolutePath().toString();
        // What ServerRunner builds for "-sharedDb" and "-inMemory" or "-dbPath", minus its banner and telemetry.
        DynamoDBProxyServer server = new DynamoDBProxyServer(
                port,
                new LocalDynamoDBServerHandler(
                        new LocalDynamoDBRequestHandler(0, inMemory, dbPath, true, false), null));
        ServerConnector connector = connector(server);
        connector.setHost("127.0.0.1");
        server.start();
        return new DynamoDbLocalEmulator(server, URI.create("http://127.0.0.1:" + connector.getLocalPort()));
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    // DynamoDB Local binds every interface and offers no option for it: reach its Jetty connector instead.
    private static ServerConnector connector(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Server jetty = (Server) field.get(proxy);
        return (ServerConnector) jetty.getConnectors()[0];
    }
}
