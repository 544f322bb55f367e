package io.atelier.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.json.Json;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Reads the provider keys from one Secrets Manager secret (a JSON object such as {@code {"OPENAI_API_KEY":"sk-…"}}),
 * once per container. One signed {@code GetSecretValue} call: the SDK's Secrets Manager module is not served by the
 * Maven mirror this project builds from, and a whole service client for one call would cost cold-start time anyway.
 * Failures are logged by name only, never with the secret's content.
 */
final class SecretsManagerKeys {
    private static final Logger LOG = Logger.getLogger(SecretsManagerKeys.class.getName());
    private static final MediaType AMZ_JSON = MediaType.get("application/x-amz-json-1.1");
    private static final OkHttpClient HTTP = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(5)).build();

    private SecretsManagerKeys() {}

    static Map<String, String> load(String secretId) {
        try {
            String region = Env.get("AWS_REGION", "us-east-1");
            URI endpoint = URI.create(Env.optional("AWS_ENDPOINT_URL_SECRETS_MANAGER")
                    .orElse("https://secretsmanager." + region + ".amazonaws.com/"));
            byte[] body = Json.write(Map.of("SecretId", secretId)).getBytes(StandardCharsets.UTF_8);
            SdkHttpFullRequest unsigned = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                    .putHeader("Content-Type", "application/x-amz-json-1.1")
                    .putHeader("X-Amz-Target", "secretsmanager.GetSecretValue").build();
            AwsCredentialsIdentity credentials;
            try (DefaultCredentialsProvider provider = DefaultCredentialsProvider.builder().build()) {
                credentials = provider.resolveCredentials();
            }
            SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials).request(unsigned)
                    .payload(ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "secretsmanager")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region));
            Request.Builder request = new Request.Builder().url(endpoint.toString()).post(RequestBody.create(body, AMZ_JSON));
            SdkHttpRequest signedRequest = signed.request();
            signedRequest.headers().forEach((name, values) -> values.forEach(value -> request.addHeader(name, value)));
            try (Response response = HTTP.newCall(request.build()).execute()) {
                if (response.code() != 200) {
                    LOG.warning("Provider keys: Secrets Manager answered HTTP " + response.code() + " for the configured secret");
                    return Map.of();
                }
                JsonNode answer = Json.MAPPER.readTree(new ByteArrayInputStream(response.body().bytes()));
                JsonNode keys = Json.MAPPER.readTree(answer.path("SecretString").asText("{}"));
                Map<String, String> out = new HashMap<>();
                keys.properties().forEach(entry -> out.put(entry.getKey(), entry.getValue().asText()));
                return out;
            }
        } catch (Exception e) {
            LOG.warning("Provider keys: the configured secret could not be read (" + e.getClass().getSimpleName() + ")");
            return Map.of();
        }
    }
}
