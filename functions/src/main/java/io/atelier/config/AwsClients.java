package io.atelier.config;

import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
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
 * Builds the AWS SDK clients once per container. The URL-connection HTTP client keeps cold starts short;
 * the configuration's endpoints (AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL) point them at emulators or LocalStack,
 * and its region and keys, when it has some, are used instead of the SDK's lookups.
 */
public final class AwsClients {
    static {
        // The template declares AWS_ENDPOINT_URL empty (so `sam local invoke --env-vars` can set it); the SDK would
        // fail
        // on the empty value, so it must not read it. This class applies the endpoint overrides itself.
        System.setProperty("aws.ignoreConfiguredEndpointUrls", "true");
    }

    private static final SdkHttpClient HTTP = UrlConnectionHttpClient.builder().build();
    /** Every AWS call is a subsegment of the invocation's X-Ray trace (when sampled; nothing otherwise). */
    private static final software.amazon.awssdk.core.client.config.ClientOverrideConfiguration TRACED =
            software.amazon.awssdk.core.client.config.ClientOverrideConfiguration.builder()
                    .addExecutionInterceptor(new io.atelier.tracing.AwsCallTracing(io.atelier.tracing.XRay.LAMBDA))
                    .build();

    private AwsClients() {}

    public static DynamoDbClient dynamoDb(Configuration.AwsAccess aws) {
        var builder = DynamoDbClient.builder()
                .httpClient(HTTP)
                .overrideConfiguration(TRACED)
                .region(Region.of(aws.region()))
                .credentialsProvider(credentials(aws));
        aws.dynamoDb().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public static SqsClient sqs(Configuration.AwsAccess aws) {
        var builder = SqsClient.builder()
                .httpClient(HTTP)
                .overrideConfiguration(TRACED)
                .region(Region.of(aws.region()))
                .credentialsProvider(credentials(aws));
        aws.sqs().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public static S3Client s3(Configuration.AwsAccess aws) {
        var builder = S3Client.builder()
                .httpClient(HTTP)
                .overrideConfiguration(TRACED)
                .region(Region.of(aws.region()))
                .credentialsProvider(credentials(aws));
        aws.s3()
                .ifPresent(uri -> builder.endpointOverride(uri)
                        // Emulators answer the SDK's default checksum headers with 501 and need path-style addressing.
                        .forcePathStyle(true)
                        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
        return builder.build();
    }

    /** The presigner ignores the S3 client's settings, so it gets its own endpoint and path-style config. */
    public static S3Presigner s3Presigner(Configuration.AwsAccess aws) {
        var builder = S3Presigner.builder().region(Region.of(aws.region())).credentialsProvider(credentials(aws));
        aws.s3()
                .ifPresent(uri -> builder.endpointOverride(uri)
                        .serviceConfiguration(S3Configuration.builder()
                                .pathStyleAccessEnabled(true)
                                .build()));
        return builder.build();
    }

    /** Keys the configuration names (the local runner's), or none: then the SDK looks them up. */
    static Optional<AwsCredentials> staticCredentials(Configuration.AwsAccess aws) {
        return aws.keys()
                .map(keys -> keys.sessionToken()
                        .<AwsCredentials>map(token ->
                                AwsSessionCredentials.create(keys.accessKeyId(), keys.secretAccessKey(), token))
                        .orElseGet(() -> AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey())));
    }

    /**
     * Named, not probed for: the configuration's keys (Lambda's, or the local runner's), else the container endpoint
     * (Lambda with SnapStart), and only where neither exists the SDK's chain.
     */
    static AwsCredentialsProvider credentials(Configuration.AwsAccess aws) {
        Optional<AwsCredentials> fixed = staticCredentials(aws);
        if (fixed.isPresent()) return StaticCredentialsProvider.create(fixed.get());
        if (aws.containerCredentials())
            return ContainerCredentialsProvider.builder().build();
        // Elsewhere (a developer's machine): system properties and the environment first, then the default chain.
        return AwsCredentialsProviderChain.of(
                SystemPropertyCredentialsProvider.create(),
                EnvironmentVariableCredentialsProvider.create(),
                DefaultCredentialsProvider.builder().build());
    }
}
