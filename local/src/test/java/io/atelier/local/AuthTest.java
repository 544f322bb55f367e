package io.atelier.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atelier.local.apigw.JwtAuthority;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The emulated JWT authorizer lets through exactly what API Gateway's would. */
class AuthTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNAUTHORIZED = "{\"message\":\"Unauthorized\"}";

    private static HttpResponse<String> echoWith(String authorization) throws Exception {
        HttpRequest.Builder request = TestStack.request("/echo/1");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return TestStack.send(request);
    }

    @Test
    void tokenEndpointIssuesTokensTheAuthorizerAccepts() throws Exception {
        HttpResponse<String> issued = TestStack.send(TestStack.request("/local/token")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"bob@example.com\"}")));
        assertThat(issued.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(issued.body());
        assertThat(Instant.parse(body.get("expiresAt").asText()))
                .isBetween(
                        Instant.now().plus(Duration.ofMinutes(59)),
                        Instant.now().plus(Duration.ofMinutes(61)));

        HttpResponse<String> echo = echoWith("Bearer " + body.get("token").asText());
        assertThat(echo.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(echo.body())
                        .at("/event/requestContext/authorizer/jwt/claims/sub")
                        .asText())
                .isEqualTo("bob@example.com");
    }

    @Test
    void tokenEndpointRejectsBadUsersAsProblemDetails() throws Exception {
        for (String body :
                new String[] {"{\"user\":\"a b\"}", "{}", "not json", "{\"user\":\"" + "x".repeat(65) + "\"}"}) {
            HttpResponse<String> response =
                    TestStack.send(TestStack.request("/local/token").POST(HttpRequest.BodyPublishers.ofString(body)));
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
            assertThat(JSON.readTree(response.body()).get("status").asInt()).isEqualTo(400);
        }
    }

    @Test
    void missingOrMalformedTokensAreUnauthorized() throws Exception {
        for (String header : new String[] {null, "Bearer", "Bearer not-a-jwt", "Basic dXNlcjpwYXNz"}) {
            HttpResponse<String> response = echoWith(header);
            assertThat(response.statusCode()).as(String.valueOf(header)).isEqualTo(401);
            assertThat(response.body()).isEqualTo(UNAUTHORIZED);
        }
    }

    @Test
    void expiredWrongAudienceWrongIssuerAndForeignSignaturesAreUnauthorized() throws Exception {
        JwtAuthority jwt = TestStack.get().jwt();
        Instant now = Instant.now();
        String expired = jwt.mint(
                        "alice",
                        now.minus(Duration.ofHours(2)),
                        now.minus(Duration.ofMinutes(5)),
                        JwtAuthority.ISSUER,
                        JwtAuthority.AUDIENCE)
                .token();
        String wrongAudience = jwt.mint(
                        "alice", now, now.plus(Duration.ofHours(1)), JwtAuthority.ISSUER, "someone-else")
                .token();
        String wrongIssuer = jwt.mint(
                        "alice", now, now.plus(Duration.ofHours(1)), "https://evil.example", JwtAuthority.AUDIENCE)
                .token();
        String foreign = JwtAuthority.generate().mint("alice").token();
        String[] parts = TestStack.get().token("alice").split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];

        for (String token : new String[] {expired, wrongAudience, wrongIssuer, foreign, tampered}) {
            HttpResponse<String> response = echoWith("Bearer " + token);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).isEqualTo(UNAUTHORIZED);
            assertThat(response.headers().firstValue("www-authenticate"))
                    .hasValueSatisfying(h -> assertThat(h).contains("invalid_token"));
        }
    }

    @Test
    void routesWithAuthorizerNoneNeedNoToken() throws Exception {
        HttpResponse<String> health = TestStack.send(TestStack.request("/health"));
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode authorizer = JSON.readTree(health.body()).at("/event/requestContext/authorizer");
        assertThat(authorizer.isMissingNode() || authorizer.isNull())
                .as("authorizer %s", authorizer)
                .isTrue();
    }

    @Test
    void routesWithScopesNeedOneOfThem() throws Exception {
        HttpResponse<String> admin = TestStack.send(TestStack.request("/admin")
                .header("Authorization", "Bearer " + TestStack.get().token("alice")));
        assertThat(admin.statusCode()).isEqualTo(403);
        assertThat(admin.body()).isEqualTo("{\"message\":\"Forbidden\"}");
    }
}
