package io.atelier.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atelier.local.testfn.EchoHandler;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HttpApi routes arrive at the function as API Gateway's payload-2.0 events, and answers go back as it sends them. */
class HttpApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        token = TestStack.get().token("alice");
    }

    private static HttpRequest.Builder authed(String path) throws Exception {
        return TestStack.request(path).header("Authorization", "Bearer " + token);
    }

    private static JsonNode event(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("event");
    }

    @Test
    void pathQueryHeadersCookiesAndClaims() throws Exception {
        HttpResponse<String> response = TestStack.send(authed("/echo/img%20one?tag=a&tag=b&q=x+y&empty")
                .header("X-Custom", "v1")
                .header("Cookie", "c1=one; c2=two"));
        JsonNode event = event(response);

        assertThat(event.get("version").asText()).isEqualTo("2.0");
        assertThat(event.get("routeKey").asText()).isEqualTo("GET /echo/{id}");
        assertThat(event.get("rawPath").asText()).isEqualTo("/echo/img%20one");
        assertThat(event.get("rawQueryString").asText()).isEqualTo("tag=a&tag=b&q=x+y&empty");
        assertThat(event.at("/pathParameters/id").asText()).isEqualTo("img one");
        assertThat(event.at("/queryStringParameters/tag").asText()).isEqualTo("a,b");
        assertThat(event.at("/queryStringParameters/q").asText()).isEqualTo("x y");
        assertThat(event.at("/queryStringParameters/empty").asText()).isEmpty();
        assertThat(event.at("/headers/x-custom").asText()).isEqualTo("v1");
        assertThat(event.at("/headers/authorization").asText()).startsWith("Bearer ");
        assertThat(event.get("headers").has("cookie")).isFalse();
        assertThat(event.get("cookies")).extracting(JsonNode::asText).containsExactly("c1=one", "c2=two");

        JsonNode ctx = event.get("requestContext");
        assertThat(ctx.get("routeKey").asText()).isEqualTo("GET /echo/{id}");
        assertThat(ctx.get("stage").asText()).isEqualTo("$default");
        assertThat(ctx.get("accountId").asText()).isEqualTo("000000000000");
        assertThat(ctx.at("/http/method").asText()).isEqualTo("GET");
        assertThat(ctx.at("/http/sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(ctx.get("time").asText()).matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000");
        assertThat(ctx.get("requestId").asText())
                .isEqualTo(response.headers().firstValue("apigw-requestid").orElseThrow());
        JsonNode claims = ctx.at("/authorizer/jwt/claims");
        assertThat(claims.get("sub").asText()).isEqualTo("alice");
        assertThat(claims.get("aud").asText()).isEqualTo("atelier-local");
        assertThat(claims.get("exp").isTextual()).isTrue();
        assertThat(ctx.at("/authorizer/jwt/scopes"))
                .extracting(JsonNode::asText)
                .containsExactly("atelier/api");
    }

    @Test
    void literalRouteBeatsParameterAndGreedyPathsBind() throws Exception {
        assertThat(event(TestStack.send(authed("/echo/special")))
                        .get("routeKey")
                        .asText())
                .isEqualTo("GET /echo/special");
        JsonNode files = event(TestStack.send(authed("/files/a/b/c.png")));
        assertThat(files.get("routeKey").asText()).isEqualTo("GET /files/{proxy+}");
        assertThat(files.at("/pathParameters/proxy").asText()).isEqualTo("a/b/c.png");
    }

    @Test
    void jsonBodiesArriveAsTextAndBinaryBodiesAsBase64() throws Exception {
        JsonNode text = event(TestStack.send(authed("/echo/1")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\":\"é\"}"))));
        assertThat(text.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(text.get("body").asText()).isEqualTo("{\"a\":\"é\"}");

        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};
        JsonNode binary = event(TestStack.send(authed("/echo/1")
                .header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(png))));
        assertThat(binary.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(binary.get("body").asText())).isEqualTo(png);
    }

    @Test
    void responsesCarryHeadersCookiesAndDecodedBinaryBodies() throws Exception {
        HttpResponse<String> echo = TestStack.send(authed("/echo/1"));
        assertThat(echo.headers().allValues("set-cookie"))
                .containsExactly("session=abc; Path=/; HttpOnly", "theme=dark");
        assertThat(echo.headers().allValues("x-multi")).containsExactly("one", "two");
        assertThat(echo.headers().firstValue("content-type")).hasValue("application/json");

        HttpResponse<byte[]> binary =
                TestStack.http().send(authed("/echo/1?binary=1").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(binary.statusCode()).isEqualTo(200);
        assertThat(binary.body()).isEqualTo(EchoHandler.BINARY);
    }

    @Test
    void functionsSeeTheirContextAndEnvironment() throws Exception {
        JsonNode answer = JSON.readTree(TestStack.send(authed("/echo/1")).body());
        assertThat(answer.get("functionName").asText()).isEqualTo("atelier-EchoFunction");
        assertThat(answer.get("remainingMs").asInt()).isBetween(1, 10_000);
        assertThat(answer.at("/env/TABLE_NAME").asText()).isEqualTo("atelier-test");
        assertThat(answer.at("/env/FUNCTION_ONLY").asText()).isEqualTo("echo");
        assertThat(answer.at("/env/AWS_ENDPOINT_URL_S3").asText())
                .isEqualTo(TestStack.get().s3Endpoint().toString());
    }

    @Test
    void throwingHandlerIsAnInternalServerErrorAndUnknownRouteNotFound() throws Exception {
        HttpResponse<String> boom = TestStack.send(authed("/boom"));
        assertThat(boom.statusCode()).isEqualTo(500);
        assertThat(boom.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");

        HttpResponse<String> missing = TestStack.send(authed("/nothing-here").DELETE());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"message\":\"Not Found\"}");
        assertThat(TestStack.send(authed("/echo/1").DELETE()).statusCode()).isEqualTo(404);
    }

    @Test
    void corsPreflightAndResponsesFollowTheConfiguration() throws Exception {
        HttpResponse<String> preflight = TestStack.send(TestStack.request("/echo/1")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type"));
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("access-control-allow-origin"))
                .hasValue("https://app.example.com");
        assertThat(preflight.headers().firstValue("access-control-allow-methods"))
                .hasValue("GET,POST,DELETE,OPTIONS");
        assertThat(preflight.headers().firstValue("access-control-allow-headers"))
                .hasValue("authorization,content-type,idempotency-key");
        assertThat(preflight.headers().firstValue("access-control-max-age")).hasValue("600");

        HttpResponse<String> foreign = TestStack.send(TestStack.request("/echo/1")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET"));
        assertThat(foreign.headers().firstValue("access-control-allow-origin")).isEmpty();

        // The function's own CORS header is replaced by the API's decision.
        HttpResponse<String> actual = TestStack.send(authed("/echo/1").header("Origin", "https://app.example.com"));
        assertThat(actual.headers().allValues("access-control-allow-origin"))
                .containsExactly("https://app.example.com");
        assertThat(actual.headers().firstValue("access-control-expose-headers")).hasValue("etag");

        String local = TestStack.get().apiUrl().toString().replace("127.0.0.1", "localhost");
        HttpResponse<String> fromWebApp = TestStack.send(authed("/echo/1").header("Origin", local));
        assertThat(fromWebApp.headers().firstValue("access-control-allow-origin"))
                .hasValue(local);
    }
}
