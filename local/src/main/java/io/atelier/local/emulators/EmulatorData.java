package io.atelier.local.emulators;

import java.nio.file.Path;

/**
 * Where the emulators keep their data. Objects are always files under {@code root} (S3Proxy's heap must not bound
 * them); tables, queues and messages go there too when {@code persistent}, else they stay in memory (faster for a
 * throw-away stack whose root is a temporary directory).
 */
public record EmulatorData(Path root, boolean persistent) {

    public Path objects() {
        return root.resolve("s3");
    }

    /** DynamoDB Local's database directory, or null for in memory. */
    public Path tables() {
        return persistent ? root.resolve("dynamodb") : null;
    }

    /** ElasticMQ's database directory, or null for in memory. */
    public Path queues() {
        return persistent ? root.resolve("sqs") : null;
    }
}
