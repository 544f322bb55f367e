package io.atelier.config;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client that answers every AWS call with a minimal success, without a socket: SnapStart priming drives the
 * SDK's whole request path (endpoint rules, signing, marshalling, retries, unmarshalling) through it, and no
 * connection exists to go stale in the snapshot.
 */
final class CannedHttpClient implements SdkHttpClient {
    private final AtomicInteger calls = new AtomicInteger();

    int calls() {
        return calls.get();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        calls.incrementAndGet();
        String host = request.httpRequest().host();
        String body = body(host);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder()
                                .statusCode(200)
                                .putHeader("Content-Length", Integer.toString(bytes.length))
                                .putHeader("ETag", "\"00000000000000000000000000000000\"")
                                .putHeader("x-amz-request-id", "priming")
                                .build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
                        .build();
            }

            @Override
            public void abort() {}
        };
    }

    /** DynamoDB and SQS speak JSON, where {} is a valid empty answer; the S3 calls primed answer with no body. */
    private static String body(String host) {
        return host.startsWith("dynamodb.") || host.startsWith("sqs.") ? "{}" : "";
    }

    @Override
    public String clientName() {
        return "canned";
    }

    @Override
    public void close() {}
}
