package io.atelier.entrypoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.atelier.core.Imports;
import io.atelier.core.JobService;
import io.atelier.core.Limits;
import io.atelier.fakes.MemoryBlobStore;
import io.atelier.fakes.MemoryImageStore;
import io.atelier.fakes.MemoryImportRecords;
import io.atelier.fakes.MemoryJobStore;
import io.atelier.fakes.RecordingQueue;
import io.atelier.http.Representations;
import io.atelier.model.Ids;
import io.atelier.model.ImageRecord;
import io.atelier.model.ImageStatus;
import io.atelier.providers.ProviderRegistry;
import io.atelier.providers.local.LocalProvider;
import io.atelier.store.SourceObjects;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpHandlerTest {
    private final Limits limits = new Limits(
            500,
            50L << 20,
            500,
            Duration.ofMinutes(15),
            Duration.ofHours(1),
            Duration.ofHours(24),
            3,
            Duration.ofDays(30),
            Duration.ofMinutes(120));
    private final JobsHandler handler = new JobsHandler(
            new JobService(
                    new MemoryJobStore(),
                    new MemoryImageStore(),
                    new RecordingQueue(),
                    new ProviderRegistry(List.of(new LocalProvider())),
                    limits,
                    Clock.systemUTC()),
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
        assertThat(handler.handleRequest(post("[1,2]", "alice"), null).getStatusCode())
                .isEqualTo(400);
        assertThat(handler.handleRequest(post("", "alice"), null).getStatusCode())
                .isEqualTo(400);
    }

    @Test
    void noIdentityIsUnauthorized() {
        assertThat(handler.handleRequest(post("{}", null), null).getStatusCode())
                .isEqualTo(401);
    }

    @Test
    void anUnknownRouteIs404() {
        APIGatewayV2HTTPEvent event = post("{}", "alice");
        event.setRouteKey("PATCH /jobs");
        assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(404);
    }

    @Test
    void validationProblemsListTheFields() {
        APIGatewayV2HTTPResponse response =
                handler.handleRequest(post("{\"operation\":\"upscale\",\"items\":[]}", "alice"), null);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody())
                .contains("\"type\":\"/problems/validation\"")
                .contains("\"field\":\"items\"");
    }

    @Test
    void aBodyNestedPastTheParsersLimitIsA400() {
        String deep = "{\"operation\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        APIGatewayV2HTTPResponse response = handler.handleRequest(post(deep, "alice"), null);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        assertThat(response.getBody())
                .contains("nesting depth")
                .doesNotContain("jackson")
                .doesNotContain("Constraints");
        String longNumber = "{\"count\":" + "9".repeat(5000) + "}";
        assertThat(handler.handleRequest(post(longNumber, "alice"), null).getStatusCode())
                .isEqualTo(400);
    }

    @Test
    void bodiesOfAnotherMediaTypeTooLargeOrUnreadableAreRefused() {
        APIGatewayV2HTTPEvent text = post("{\"operation\":\"upscale\"}", "alice");
        text.setHeaders(Map.of("content-type", "text/plain"));
        assertThat(handler.handleRequest(text, null).getStatusCode()).isEqualTo(415);
        text.setHeaders(Map.of("content-type", "application/json; charset=utf-8"));
        assertThat(handler.handleRequest(text, null).getStatusCode()).isEqualTo(400); // JSON, read, then validated
        assertThat(handler.handleRequest(post("{\"name\":\"" + "x".repeat(6 << 20) + "\"}", "alice"), null)
                        .getStatusCode())
                .isEqualTo(413);
        APIGatewayV2HTTPEvent garbled = post("%%% not base64", "alice");
        garbled.setIsBase64Encoded(true);
        assertThat(handler.handleRequest(garbled, null).getStatusCode()).isEqualTo(400);
    }

    @Test
    void aKeyGivenTwiceIsRefusedNamingTheKey() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                post(
                        "{\"operation\":\"teleport\",\"items\":[{\"imageId\":\"img_x\",\"imageId\":\"img_y\"}],\"operation\":\"upscale\"}",
                        "alice"),
                null);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).contains("\"field\":\"items[0].imageId\"");
        response = handler.handleRequest(post("{\"operation\":\"teleport\",\"operation\":\"upscale\"}", "alice"), null);
        assertThat(response.getBody()).contains("\"field\":\"operation\"").contains("more than once");
    }

    @Test
    void malformedIdsNeverReachTheStore() {
        APIGatewayV2HTTPEvent retry = post("", "alice");
        retry.setRouteKey("POST /jobs/{jobId}/retry");
        retry.setPathParameters(Map.of("jobId", "job_01JD0000000000000000000000"));
        retry.setQueryStringParameters(Map.of("taskId", "tsk_" + "A".repeat(1000)));
        APIGatewayV2HTTPResponse response = handler.handleRequest(retry, null);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).contains("\"field\":\"taskId\"");
        retry.setQueryStringParameters(Map.of());
        for (String id : List.of(
                "img_01JD0000000000000000000000",
                "job_01JD00000000000000000000000",
                "job_01jd0000000000000000000000",
                "job_" + "A".repeat(1200))) {
            retry.setPathParameters(Map.of("jobId", id));
            assertThat(handler.handleRequest(retry, null).getStatusCode())
                    .as(id)
                    .isEqualTo(404);
        }
    }

    @Test
    void aReplayedSubmissionSaysSo() {
        MemoryImageStore images = new MemoryImageStore();
        String imageId = Ids.image();
        images.put(new ImageRecord(
                "alice",
                imageId,
                "a.png",
                ImageStatus.READY,
                "image/png",
                1000,
                8,
                8,
                null,
                null,
                Instant.now(),
                Instant.now(),
                null));
        JobsHandler jobs = new JobsHandler(
                new JobService(
                        new MemoryJobStore(),
                        images,
                        new RecordingQueue(),
                        new ProviderRegistry(List.of(new LocalProvider())),
                        limits,
                        Clock.systemUTC()),
                new Representations(new MemoryBlobStore(), Duration.ofHours(1)));
        APIGatewayV2HTTPEvent submit = post(
                "{\"operation\":\"upscale\",\"provider\":\"local\",\"params\":{\"factor\":2},"
                        + "\"items\":[{\"imageId\":\"" + imageId + "\"}]}",
                "alice");
        submit.setHeaders(Map.of("Idempotency-Key", "replay-1"));
        APIGatewayV2HTTPResponse first = jobs.handleRequest(submit, null);
        APIGatewayV2HTTPResponse again = jobs.handleRequest(submit, null);
        assertThat(first.getStatusCode()).isEqualTo(202);
        assertThat(first.getHeaders()).doesNotContainKey("Idempotent-Replayed");
        assertThat(again.getStatusCode()).isEqualTo(202);
        assertThat(again.getHeaders())
                .containsEntry("Idempotent-Replayed", "true")
                .containsEntry("Location", first.getHeaders().get("Location"));
        submit.setBody(
                "{\"operation\":\"upscale\",\"provider\":\"local\",\"params\":{\"factor\":4},\"items\":[{\"imageId\":\""
                        + imageId + "\"}]}");
        APIGatewayV2HTTPResponse misuse = jobs.handleRequest(submit, null);
        assertThat(misuse.getStatusCode()).isEqualTo(422);
        assertThat(misuse.getBody()).contains("\"field\":\"Idempotency-Key\"");
    }

    @Test
    void aReplayedJobFromAPrefixAnswersItsImportAndSaysSo() {
        MemoryJobStore store = new MemoryJobStore();
        List<Imports.Message> sent = new java.util.ArrayList<>();
        SourceObjects bucket = new SourceObjects() {
            @Override
            public Listing page(String name, String prefix, String token, int max) {
                return new Listing(
                        List.of(new SourceObject(prefix + "a.png", 100), new SourceObject(prefix + "b.txt", 5)), null);
            }

            @Override
            public void copyIn(String name, String key, String destinationKey, String contentType) {
                throw new AssertionError();
            }
        };
        JobsHandler jobs = new JobsHandler(
                new JobService(
                        store,
                        new MemoryImageStore(),
                        new RecordingQueue(),
                        new ProviderRegistry(List.of(new LocalProvider())),
                        limits,
                        Clock.systemUTC()),
                new Representations(new MemoryBlobStore(), Duration.ofHours(1)),
                null,
                null,
                null,
                null,
                new Imports(
                        new MemoryImportRecords(store),
                        bucket,
                        java.util.Set.of("team-photos"),
                        sent::add,
                        Duration.ofHours(24),
                        Clock.systemUTC()));
        String job = "\"operation\":\"upscale\",\"provider\":\"local\",\"params\":{\"factor\":2}";
        APIGatewayV2HTTPEvent submit = post("{" + job + ",\"source\":{\"s3\":\"s3://team-photos/spring/\"}}", "alice");
        submit.setHeaders(Map.of("Idempotency-Key", "import-replay-1"));
        APIGatewayV2HTTPResponse first = jobs.handleRequest(submit, null);
        APIGatewayV2HTTPResponse again = jobs.handleRequest(submit, null);
        assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(202);
        assertThat(first.getHeaders().get("Location")).startsWith("/imports/imp_");
        assertThat(first.getHeaders()).doesNotContainKey("Idempotent-Replayed");
        assertThat(again.getStatusCode()).isEqualTo(202);
        assertThat(again.getHeaders())
                .containsEntry("Idempotent-Replayed", "true")
                .containsEntry("Location", first.getHeaders().get("Location"));
        assertThat(sent).hasSize(1);
        submit.setBody("{" + job + ",\"source\":{\"s3\":\"s3://team-photos/autumn/\"}}");
        APIGatewayV2HTTPResponse misuse = jobs.handleRequest(submit, null);
        assertThat(misuse.getStatusCode()).isEqualTo(422);
        assertThat(misuse.getBody()).contains("\"field\":\"Idempotency-Key\"");

        APIGatewayV2HTTPResponse dryRun = jobs.handleRequest(
                post("{" + job + ",\"dryRun\":true,\"source\":{\"s3\":\"s3://team-photos/spring/\"}}", "alice"), null);
        assertThat(dryRun.getStatusCode()).as(dryRun.getBody()).isEqualTo(200);
        assertThat(dryRun.getBody())
                .contains("\"tasks\":1")
                .contains("\"source\":{\"s3\":\"s3://team-photos/spring/\",\"listed\":2,\"importable\":1,"
                        + "\"complete\":true,\"limit\":1000}");
        assertThat(sent).hasSize(1);
    }

    static APIGatewayV2HTTPEvent post(String body, String sub) {
        var jwt = APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT
                .builder()
                .withClaims(sub == null ? Map.of() : Map.of("sub", sub))
                .build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withJwt(jwt)
                        .build())
                .build();
        return APIGatewayV2HTTPEvent.builder()
                .withRouteKey("POST /jobs")
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(context)
                .build();
    }
}
