package io.atelier.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.store.WebhookEndpoint;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Signatures against the Standard Webhooks specification's published test vector (the reference libraries' "sign"
 * test, github.com/standard-webhooks/standard-webhooks, libraries/*: the same secret, id, timestamp, body and
 * expected signature in every language).
 */
class WebhookSignatureTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String MESSAGE_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330;
    private static final String BODY = "{\"test\": 2432232314}";
    private static final String EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void signsTheSpecificationsVector() {
        assertThat(WebhookSignature.sign(SECRET, MESSAGE_ID, TIMESTAMP, BODY)).isEqualTo(EXPECTED);
        // The libraries accept the secret without its prefix too.
        assertThat(WebhookSignature.sign("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", MESSAGE_ID, TIMESTAMP, BODY))
                .isEqualTo(EXPECTED);
    }

    @Test
    void verifiesTheVectorAndRefusesAnyChange() {
        assertThat(WebhookSignature.verify(SECRET, EXPECTED, MESSAGE_ID, TIMESTAMP, BODY))
                .isTrue();
        assertThat(WebhookSignature.verify(SECRET, EXPECTED, MESSAGE_ID, TIMESTAMP, "{\"test\": 2432232315}"))
                .isFalse();
        assertThat(WebhookSignature.verify(SECRET, EXPECTED, "msg_p5jXN8AQM9LWM0D4loKWxJel", TIMESTAMP, BODY))
                .isFalse();
        assertThat(WebhookSignature.verify(SECRET, EXPECTED, MESSAGE_ID, TIMESTAMP + 1, BODY))
                .isFalse();
        assertThat(WebhookSignature.verify(WebhookSignature.newSecret(), EXPECTED, MESSAGE_ID, TIMESTAMP, BODY))
                .isFalse();
        // Broken headers as the reference libraries test them: a wrong version, a truncated signature.
        assertThat(WebhookSignature.verify(
                        SECRET, "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", MESSAGE_ID, TIMESTAMP, BODY))
                .isFalse();
        assertThat(WebhookSignature.verify(
                        SECRET, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE", MESSAGE_ID, TIMESTAMP, BODY))
                .isFalse();
    }

    @Test
    void aRotatedSecretSignsBesideTheNewOneDuringTheOverlap() {
        String fresh = WebhookSignature.newSecret();
        Instant now = Instant.parse("2026-12-02T12:00:00Z");
        WebhookEndpoint endpoint = new WebhookEndpoint(
                        "u",
                        "whk_01KBF3Z6W8S4ABCDEFGHJKMNPQ",
                        "https://example.com/",
                        null,
                        WebhookEvents.ALL,
                        true,
                        SECRET,
                        null,
                        null,
                        now,
                        null,
                        null)
                .rotated(fresh, now.plusSeconds(3600));
        List<String> during = endpoint.signingSecrets(now.plusSeconds(10));
        assertThat(during).containsExactly(fresh, SECRET);
        String header = WebhookSignature.header(during, MESSAGE_ID, TIMESTAMP, BODY);
        assertThat(header.split(" ")).hasSize(2).contains(EXPECTED);
        assertThat(WebhookSignature.verify(fresh, header, MESSAGE_ID, TIMESTAMP, BODY))
                .isTrue();
        assertThat(WebhookSignature.verify(SECRET, header, MESSAGE_ID, TIMESTAMP, BODY))
                .isTrue();
        assertThat(endpoint.signingSecrets(now.plusSeconds(3600))).containsExactly(fresh);
    }

    @Test
    void newSecretsHaveTheSpecificationsForm() {
        String secret = WebhookSignature.newSecret();
        assertThat(secret).startsWith("whsec_");
        assertThat(java.util.Base64.getDecoder().decode(secret.substring(6))).hasSize(32); // 24 to 64 bytes allowed
        assertThat(WebhookSignature.newSecret()).isNotEqualTo(secret);
    }
}
