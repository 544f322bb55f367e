package io.atelier.local.emulators;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The runner's own SDK clients against the emulators (or the external endpoint). S3 clients skip the optional
 * checksums that S3Proxy answers with 501, and use path-style addressing.
 */
public final class AwsClients implements AutoCloseable {

    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create(LocalCredentials.ACCESS_KEY, LocalCredentials.SECRET_KEY));
    private static final Region REGION = Region.of(LocalCredentials.REGION);

    private final Endpoints endpoints;
    private final SdkHttpClient http;
    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private final S3Client s3;

    public AwsClients(Endpoints endpoints) {
        this.endpoints = endpoints;
        this.http = httpClient();
        this.dynamo = dynamo(endpoints.dynamodb(), http);
        this.sqs = sqs(endpoints.sqs(), http);
        this.s3 = s3(endpoints.s3(), http);
    }

    /** Socket timeout above the pollers' long-poll wait, so that a ReceiveMessage is never cut short. */
    public static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30))
                .build();
    }

    public static DynamoDbClient dynamo(URI endpoint, SdkHttpClient http) {
        return DynamoDbClient.builder()
                .httpClient(http)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .endpointOverride(endpoint)
                .build();
    }

    public static SqsClient sqs(URI endpoint, SdkHttpClient http) {
        return SqsClient.builder()
                .httpClient(http)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .endpointOverride(endpoint)
                .build();
    }

    public static S3Client s3(URI endpoint, SdkHttpClient http) {
        return S3Client.builder()
                .httpClient(http)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public S3Client s3() {
        return s3;
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    /** A presigner for the same S3 endpoint; it ignores the client's settings, so it gets its own. Close it. */
    public S3Presigner presigner() {
        return presigner(endpoints.s3());
    }

    public static S3Presigner presigner(URI s3Endpoint) {
        return S3Presigner.builder()
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .endpointOverride(s3Endpoint)
                .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    @Override
    public void close() {
        dynamo.close();
        sqs.close();
        s3.close();
        http.close();
    }
}
