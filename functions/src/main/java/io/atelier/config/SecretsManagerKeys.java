package io.atelier.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.json.Json;
import io.atelier.providers.SecretUnavailableException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Reads the provider keys from one Secrets Manager secret (a JSON object such as {@code {"OPENAI_API_KEY":"sk-…"}}),
 * until one read succeeds (then once per container). One signed {@code GetSecretValue} call: the SDK's Secrets Manager module is not served by the
 * Maven mirror this project builds from, and a whole service client for one call would cost cold-start time anyway.
 * Failures are logged by name only, never with the secret's content. A transient failure (network, throttling, 5xx) is
 * tried again a few times with a short backoff and then reported as {@link SecretUnavailableException}, never as "no
 * keys": a blip must not make every provider look unconfigured.
 */
final class SecretsManagerKeys {
    private static final Logger LOG = Logger.getLogger(SecretsManagerKeys.class.getName());

    /** Pauses before the second and third tries: bounded and short, a caller is waiting. */
    static final List<Duration> BACKOFF = List.of(Duration.ofMillis(200), Duration.ofMillis(600));

    private SecretsManagerKeys() {}

    /**
     * @return the keys, or none when the secret answers with a permanent refusal (missing, access denied)
     * @throws SecretUnavailableException when every try met a transient failure
     */
    static Map<String, String> load(String secretId, Configuration.AwsAccess aws) {
        String reason = null;
        for (int attempt = 0; attempt <= BACKOFF.size(); attempt++) {
            if (attempt > 0) pause(BACKOFF.get(attempt - 1));
            try {
                return readOnce(secretId, aws);
            } catch (Transient e) {
                reason = e.getMessage();
            }
        }
        LOG.warning("Provider keys: the configured secret could not be read after " + (BACKOFF.size() + 1) + " tries ("
                + reason + ")");
        throw new SecretUnavailableException("the provider keys could not be read (" + reason + ")");
    }

    /**
     * The SDK's URL-connection client, already loaded for the AWS calls: an API function reading its keys on a cold
     * start loads no second HTTP stack (OkHttp and its Kotlin runtime are the providers' alone). Made on first read.
     */
    private static final class Http {
        static final SdkHttpClient CLIENT = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(5))
                .build();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A failure worth another try; its message names the cause, never the secret's content. */
    private static final class Transient extends Exception {
        private static final long serialVersionUID = 1L;

        Transient(String reason) {
            super(reason, null, false, false);
        }
    }

    private static Map<String, String> readOnce(String secretId, Configuration.AwsAccess aws) throws Transient {
        try {
            String region = aws.region();
            URI endpoint =
                    aws.secretsManager().orElse(URI.create("https://secretsmanager." + region + ".amazonaws.com/"));
            byte[] body = Json.write(Map.of("SecretId", secretId)).getBytes(StandardCharsets.UTF_8);
            SdkHttpFullRequest unsigned = SdkHttpFullRequest.builder()
                    .method(SdkHttpMethod.POST)
                    .uri(endpoint)
                    .putHeader("Content-Type", "application/x-amz-json-1.1")
                    .putHeader("X-Amz-Target", "secretsmanager.GetSecretValue")
                    .putHeader("Content-Length", Integer.toString(body.length))
                    .build();
            AwsCredentialsIdentity credentials = credentials(aws);
            SignedRequest signed = AwsV4HttpSigner.create()
                    .sign(r -> r.identity(credentials)
                            .request(unsigned)
                            .payload(ContentStreamProvider.fromByteArray(body))
                            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "secretsmanager")
                            .putProperty(AwsV4HttpSigner.REGION_NAME, region));
            HttpExecuteResponse response = Http.CLIENT
                    .prepareRequest(HttpExecuteRequest.builder()
                            .request(signed.request())
                            .contentStreamProvider(ContentStreamProvider.fromByteArray(body))
                            .build())
                    .call();
            int code = response.httpResponse().statusCode();
            byte[] answer;
            try (InputStream in =
                    response.responseBody().map(InputStream.class::cast).orElseGet(InputStream::nullInputStream)) {
                answer = in.readAllBytes();
            }
            if (code != 200) {
                String type = errorType(new String(answer, StandardCharsets.UTF_8));
                if (code >= 500 || code == 429 || type.contains("Throttling"))
                    throw new Transient("HTTP " + code + (type.isEmpty() ? "" : " " + type));
                LOG.warning("Provider keys: Secrets Manager answered HTTP " + code + " " + type
                        + " for the configured secret");
                return Map.of();
            }
            return keys(answer);
        } catch (Transient e) {
            throw e;
        } catch (Exception e) {
            throw new Transient(e.getClass().getSimpleName());
        }
    }

    private static AwsCredentialsIdentity credentials(Configuration.AwsAccess aws) {
        var fixed = AwsClients.staticCredentials(aws);
        if (fixed.isPresent()) return fixed.get();
        try (DefaultCredentialsProvider provider =
                DefaultCredentialsProvider.builder().build()) {
            return provider.resolveCredentials();
        }
    }

    /** A secret that is not a JSON object of names and keys is a deployment mistake, not a blip: no keys. */
    private static Map<String, String> keys(byte[] answer) {
        try {
            JsonNode secret = Json.MAPPER.readTree(Json.MAPPER
                    .readTree(new ByteArrayInputStream(answer))
                    .path("SecretString")
                    .asText("{}"));
            Map<String, String> out = new HashMap<>();
            secret.properties()
                    .forEach(entry -> out.put(entry.getKey(), entry.getValue().asText()));
            return out;
        } catch (Exception e) {
            LOG.warning("Provider keys: the configured secret is not a JSON object of keys ("
                    + e.getClass().getSimpleName() + ")");
            return Map.of();
        }
    }

    /** The AWS error type ("ThrottlingException"), from a JSON error body; empty when there is none. */
    private static String errorType(String body) {
        try {
            String type = Json.MAPPER.readTree(body).path("__type").asText("");
            return type.substring(type.lastIndexOf('#') + 1);
        } catch (Exception e) {
            return "";
        }
    }
}
