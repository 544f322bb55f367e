package io.atelier.local.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Answers with the event it got (and a few things about its environment); /boom throws. */
public class EchoHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final byte[] BINARY = {0, 1, 2, (byte) 0xff, (byte) 0x89, 'P', 'N', 'G'};
    private final Map<String, String> environment;

    public EchoHandler() {
        this(System.getenv());
    }

    public EchoHandler(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        if (event.getRawPath().equals("/boom")) {
            throw new IllegalStateException("boom");
        }
        context.getLogger().log("echo " + event.getRouteKey());
        Map<String, String> queries = event.getQueryStringParameters();
        if (queries != null && queries.containsKey("binary")) {
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(200)
                    .withHeaders(Map.of("Content-Type", "application/octet-stream"))
                    .withBody(Base64.getEncoder().encodeToString(BINARY))
                    .withIsBase64Encoded(true)
                    .build();
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("event", event);
        Map<String, Object> env = new LinkedHashMap<>();
        for (String name : List.of(
                "TABLE_NAME",
                "BUCKET_NAME",
                "QUEUE_URL",
                "STAGE_LABEL",
                "FUNCTION_ONLY",
                "AWS_ENDPOINT_URL_S3",
                "AWS_ENDPOINT_URL_SQS",
                "AWS_ENDPOINT_URL_DYNAMODB",
                "AWS_REGION")) {
            env.put(name, environment.get(name));
        }
        answer.put("env", env);
        answer.put("functionName", context.getFunctionName());
        answer.put("remainingMs", context.getRemainingTimeInMillis());
        answer.put("requestId", context.getAwsRequestId());
        try {
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(200)
                    .withHeaders(Map.of(
                            "Content-Type", "application/json", "Access-Control-Allow-Origin", "https://evil.example"))
                    .withMultiValueHeaders(Map.of("X-Multi", List.of("one", "two")))
                    .withCookies(List.of("session=abc; Path=/; HttpOnly", "theme=dark"))
                    .withBody(JSON.writeValueAsString(answer))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
