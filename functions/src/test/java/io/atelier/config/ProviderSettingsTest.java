package io.atelier.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.model.ErrorCode;
import io.atelier.providers.ProviderException;
import io.atelier.providers.ProviderSettings;
import io.atelier.providers.gemini.GeminiProvider;
import io.atelier.providers.openai.OpenAiProvider;
import java.util.HashMap;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProviderSettingsTest {
    private final MockWebServer secretsManager = new MockWebServer();
    private final Map<String, String> environment = new HashMap<>(Map.of(
            "PROVIDER_KEYS_SECRET_ID", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:atelier-keys",
            "AWS_REGION", "eu-west-1",
            "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
            "AWS_SECRET_ACCESS_KEY", "test-secret-not-real"));

    @BeforeEach
    void start() throws Exception {
        secretsManager.start();
        environment.put(
                "AWS_ENDPOINT_URL_SECRETS_MANAGER", secretsManager.url("/").toString());
    }

    @AfterEach
    void stop() throws Exception {
        secretsManager.close();
    }

    private ProviderSettings settings() {
        return Configuration.parse(environment).providers();
    }

    @Test
    void keysComeFromTheSecretOnceWithASignedGetSecretValue() throws Exception {
        secretsManager.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/x-amz-json-1.1")
                .body(
                        "{\"ARN\":\"arn\",\"Name\":\"atelier-keys\",\"SecretString\":\"{\\\"OPENAI_API_KEY\\\":\\\"sk-from-secret\\\"}\"}")
                .build());
        ProviderSettings settings = settings();
        assertThat(settings.key("OPENAI_API_KEY")).contains("sk-from-secret");
        assertThat(settings.key("GEMINI_API_KEY")).isEmpty();

        RecordedRequest request = secretsManager.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getHeaders().get("X-Amz-Target")).isEqualTo("secretsmanager.GetSecretValue");
        assertThat(request.getHeaders().get("Authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                .contains("/eu-west-1/secretsmanager/aws4_request")
                .contains("SignedHeaders=")
                .contains("Signature=");
        assertThat(request.getBody().utf8())
                .contains("\"SecretId\":\"arn:aws:secretsmanager:eu-west-1:123456789012:secret:atelier-keys\"");
        assertThat(secretsManager.getRequestCount()).isEqualTo(1); // read once per container, not per key
    }

    @Test
    void theEnvironmentWinsAndAnUnreadableSecretMeansNotConfigured() {
        secretsManager.enqueue(new MockResponse.Builder()
                .code(400)
                .body("{\"__type\":\"AccessDeniedException\",\"message\":\"not allowed\"}")
                .build());
        environment.put("GEMINI_API_KEY", "from-env");
        ProviderSettings settings = settings();
        assertThat(settings.key("GEMINI_API_KEY")).contains("from-env");
        assertThat(settings.key("OPENAI_API_KEY")).isEmpty();
    }

    @Test
    void aBlipIsTriedAgainWithinTheRead() {
        secretsManager.enqueue(new MockResponse.Builder().code(503).body("{}").build());
        secretsManager.enqueue(new MockResponse.Builder()
                .code(400)
                .body("{\"__type\":\"com.amazonaws.secretsmanager#ThrottlingException\",\"message\":\"Rate exceeded\"}")
                .build());
        secretsManager.enqueue(secret("sk-third-try"));
        assertThat(settings().key("OPENAI_API_KEY")).contains("sk-third-try");
        assertThat(secretsManager.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aFailedReadIsNeverKeptAndMakesTasksRetryableNotUnauthorised() throws Exception {
        for (int i = 0; i < 3; i++)
            secretsManager.enqueue(
                    new MockResponse.Builder().code(500).body("{}").build());
        ProviderSettings settings = settings();
        OpenAiProvider openAi = new OpenAiProvider(settings);

        assertThat(openAi.configured())
                .as("a blip must not refuse jobs as not configured")
                .isTrue();
        for (int i = 0; i < 3; i++)
            secretsManager.enqueue(
                    new MockResponse.Builder().code(500).body("{}").build());
        assertThatThrownBy(() -> settings.requireKey("OPENAI_API_KEY", "OpenAI"))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
                    assertThat(e.code().transientFault()).isTrue();
                });

        secretsManager.enqueue(secret("sk-after-the-blip"));
        assertThat(settings.requireKey("OPENAI_API_KEY", "OpenAI")).isEqualTo("sk-after-the-blip");
        assertThat(settings.key("GEMINI_API_KEY")).isEmpty();
        assertThat(secretsManager.getRequestCount()).isEqualTo(7); // once read, kept
    }

    @Test
    void aSecretWithoutTheKeyMeansProviderAuth() {
        secretsManager.enqueue(secret("sk-openai-only"));
        ProviderSettings settings = settings();
        assertThat(new GeminiProvider(settings).configured()).isFalse();
        assertThatThrownBy(() -> settings.requireKey("GEMINI_API_KEY", "Gemini"))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_AUTH));
    }

    private static MockResponse secret(String openAiKey) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/x-amz-json-1.1")
                .body("{\"SecretString\":\"{\\\"OPENAI_API_KEY\\\":\\\"" + openAiKey + "\\\"}\"}")
                .build();
    }

    @Test
    void baseUrlsFallBackToTheProvidersDefaultsWithoutATrailingSlash() {
        ProviderSettings settings = ProviderSettings.of(Map.of("OPENAI_BASE_URL", "http://127.0.0.1:9/v1/"));
        assertThat(settings.value("OPENAI_BASE_URL", "https://api.openai.com/v1"))
                .isEqualTo("http://127.0.0.1:9/v1");
        assertThat(settings.value("GEMINI_BASE_URL", "https://generativelanguage.googleapis.com"))
                .isEqualTo("https://generativelanguage.googleapis.com");
    }
}
