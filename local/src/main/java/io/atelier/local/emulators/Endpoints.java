package io.atelier.local.emulators;

import java.net.URI;

/** Where DynamoDB, SQS and S3 answer: three local emulators, or one external stack (LocalStack) for all. */
public record Endpoints(URI dynamodb, URI sqs, URI s3, boolean external) {

    public static Endpoints external(URI endpoint) {
        return new Endpoints(endpoint, endpoint, endpoint, true);
    }
}
