package io.atelier.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigurationTest {

    @Test
    void anEmptyEnvironmentGivesTheDocumentedDefaults() {
        Configuration config = Configuration.parse(Map.of());
        assertThat(config.limits().maxItemsPerJob()).isEqualTo(5000);
        assertThat(config.limits().uploadUrlTtl()).isEqualTo(Duration.ofSeconds(900));
        assertThat(config.limits().downloadUrlTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(config.limits().maxAttempts()).isEqualTo(3);
        assertThat(config.limits().retention()).isEqualTo(Duration.ofDays(30));
        assertThat(config.limits().throttleBudget()).isEqualTo(Duration.ofMinutes(120));
        assertThat(config.delays().maxDelay()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.delays().slotWait()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.delays().pollGrace()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.sweepQueuedAfter()).isEqualTo(Duration.ofMinutes(20));
        assertThat(config.leaseMargin()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.visibilityTimeout()).isEqualTo(Duration.ofSeconds(720));
        assertThat(config.concurrency().cap("dashscope")).isEqualTo(2);
        assertThat(config.aws().region()).isEqualTo("us-east-1");
        assertThat(config.aws().keys()).isEmpty();
        assertThat(config.tableName()).isEmpty();
        assertThat(config.testProviders()).isEmpty();
    }

    @Test
    void valuesAreReadFromTheMapAndBlankMeansUnset() {
        Configuration config = Configuration.parse(Map.of(
                "TABLE_NAME",
                " atelier ",
                "MAX_ATTEMPTS",
                "5",
                "MAX_DELAY_SECONDS",
                "1",
                "RETENTION_DAYS",
                "",
                "PROVIDER_CONCURRENCY",
                "gemini=3,*=1",
                "AWS_ENDPOINT_URL",
                "http://127.0.0.1:4566",
                "AWS_ENDPOINT_URL_SQS",
                "http://127.0.0.1:9324",
                "AWS_ACCESS_KEY_ID",
                "id",
                "AWS_SECRET_ACCESS_KEY",
                "secret",
                "GEMINI_API_KEY",
                "g"));
        assertThat(config.tableName()).contains("atelier");
        assertThat(config.limits().maxAttempts()).isEqualTo(5);
        assertThat(config.delays().maxDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.limits().retention()).isEqualTo(Duration.ofDays(30));
        assertThat(config.concurrency().cap("gemini")).isEqualTo(3);
        assertThat(config.concurrency().cap("someone")).isEqualTo(1);
        assertThat(config.aws().sqs()).contains(URI.create("http://127.0.0.1:9324"));
        assertThat(config.aws().dynamoDb()).contains(URI.create("http://127.0.0.1:4566"));
        assertThat(config.aws().keys())
                .hasValueSatisfying(keys -> assertThat(keys.toString()).doesNotContain("secret"));
        assertThat(config.providers().key("GEMINI_API_KEY")).contains("g");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "MAX_ITEMS_PER_JOB          | many          | whole number",
                "MAX_ITEMS_PER_JOB          | 0             | from 1 to 100000",
                "UPLOAD_URL_TTL_SECONDS     | 1.5           | whole number",
                "DOWNLOAD_URL_TTL_SECONDS   | 604801        | from 1 to 604800",
                "MAX_ATTEMPTS               | three         | whole number",
                "MAX_ATTEMPTS               | 0             | from 1 to 100",
                "RETENTION_DAYS             | -1            | from 1 to 3650",
                "THROTTLE_BUDGET_MINUTES    | 99999999999   | whole number",
                "MAX_DELAY_SECONDS          | 901           | from 0 to 900",
                "CUTOUT_MODEL_INPUT_SIZE    | 16            | from 32 to 2048",
                "CUTOUT_MODEL_MEAN          | 0.5;0.5       | three comma-separated numbers",
                "CUTOUT_MODEL_STD           | 0.2,0,0.2     | three positive numbers",
                "SLOT_WAIT_SECONDS          | x             | whole number",
                "POLL_GRACE_SECONDS         | -5            | from 0 to 86400",
                "SWEEP_QUEUED_AFTER_SECONDS | 0             | from 1 to 86400",
                "LEASE_MARGIN_SECONDS       | 1000          | from 0 to 900",
                "VISIBILITY_TIMEOUT_SECONDS | 43201         | from 1 to 43200",
                "PROVIDER_CONCURRENCY       | gemnii=3      | gemnii, which is no provider",
                "PROVIDER_CONCURRENCY       | gemini        | not id=number",
                "PROVIDER_CONCURRENCY       | gemini=-1     | not a whole number",
                "AWS_ENDPOINT_URL_S3        | not a url     | absolute http(s) URL",
                "AWS_ENDPOINT_URL           | localhost     | absolute http(s) URL",
                "ATELIER_TEST_PROVIDERS     | no.Such       | no.Such, which is no ImageProvider"
            })
    void aBadValueStopsStartUpNamingTheVariable(String variable, String value, String problem) {
        assertThatThrownBy(() -> Configuration.parse(Map.of(variable, value)))
                .isInstanceOfSatisfying(
                        ConfigurationException.class,
                        e -> assertThat(e.variable()).isEqualTo(variable))
                .hasMessageStartingWith("Configuration " + variable + " ")
                .hasMessageContaining(problem);
    }

    @Test
    void aHandlerThatNeedsAResourceNamesTheMissingVariable() {
        assertThatThrownBy(() -> new Adapters(Configuration.parse(Map.of())).taskQueue())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Configuration QUEUE_URL is not set");
    }
}
