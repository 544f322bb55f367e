package io.atelier.entrypoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.atelier.core.Clock;
import io.atelier.core.JobService;
import io.atelier.core.Limits;
import io.atelier.core.Representations;
import io.atelier.fakes.MemoryBlobStore;
import io.atelier.fakes.MemoryImageStore;
import io.atelier.fakes.MemoryJobStore;
import io.atelier.fakes.RecordingQueue;
import io.atelier.providers.ProviderRegistry;
import io.atelier.providers.local.LocalProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpHandlerTest {
    private final Limits limits = new Limits(500, 50L << 20, 500, Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(24), 3, Duration.ofDays(30), Duration.ofMinutes(120));
    private final JobsHandler handler = new JobsHandler(
            new JobService(new MemoryJobStore(), new MemoryImageStore(), new RecordingQueue(),
                    new ProviderRegistry(List.of(new LocalProvider())), limits, Clock.SYSTEM),
            new Representations(new MemoryBlobStore(), Duration.ofHours(1)));

    @Test
    void malformedJsonIsAProblemNotACrash() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(post("{\"operation\":", "alice"), null);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        assertThat(response.getBody()).contains("\"status\":400").contains("not valid JSON");
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefused() {
        assertThat(handler.handleRequest(post("[1,2]", "alice"), null).getStatusCode()).isEqualTo(400);
        assertThat(handler.handleRequest(post("", "alice"), null).getStatusCode()).isEqualTo(400);
    }

    @Test
    void noIdentityIsUnauthorized() {
        assertThat(handler.handleRequest(post("{}", null), null).getStatusCode()).isEqualTo(401);
    }

    @Test
    void anUnknownRouteIs404() {
        APIGatewayV2HTTPEvent event = post("{}", "alice");
        event.setRouteKey("PATCH /jobs");
        assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(404);
    }

    @Test
    void validationProblemsListTheFields() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(post("{\"operation\":\"upscale\",\"items\":[]}", "alice"), null);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).contains("\"type\":\"/problems/validation\"").contains("\"field\":\"items\"");
    }

    static APIGatewayV2HTTPEvent post(String body, String sub) {
        var jwt = APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                .withClaims(sub == null ? Map.of() : Map.of("sub", sub)).build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withJwt(jwt).build()).build();
        return APIGatewayV2HTTPEvent.builder().withRouteKey("POST /jobs").withBody(body).withIsBase64Encoded(false)
                .withRequestContext(context).build();
    }
}
