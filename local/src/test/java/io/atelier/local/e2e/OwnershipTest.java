package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Another user's data answers 404 on every route that takes an id, exactly as if it did not exist. */
class OwnershipTest {
    private static Http owner;
    private static Http stranger;
    private static String imageId;
    private static String jobId;

    @BeforeAll
    static void ownerHasAnImageAndAJob() throws Exception {
        owner = RealStack.as("owner-" + System.nanoTime());
        stranger = RealStack.as("stranger-" + System.nanoTime());
        imageId = Flows.upload(owner, Map.of("mine.png", Flows.png(16, 16)), "image/png")
                .get(0);
        Flows.awaitImage(owner, imageId, "READY"::equals);
        jobId = Flows.submit(owner, Flows.upscaleJob(List.of(imageId), 2));
        Flows.awaitJob(owner, jobId, "SUCCEEDED"::equals);
    }

    @Test
    void everyRouteWithAnIdAnswers404ToSomeoneElse() {
        List<Http.Reply> replies = List.of(
                stranger.get("/images/" + imageId),
                stranger.delete("/images/" + imageId),
                stranger.get("/jobs/" + jobId),
                stranger.get("/jobs/" + jobId + "/tasks"),
                stranger.post("/jobs/" + jobId + "/cancel", "{}"),
                stranger.post("/jobs/" + jobId + "/retry", "{}"));
        assertThat(replies).allSatisfy(reply -> {
            assertThat(reply.status()).as(reply.body()).isEqualTo(404);
            assertThat(reply.isProblem()).isTrue();
        });
        // The same routes for an id that never existed answer the same way.
        assertThat(stranger.get("/jobs/job_01JDNOSUCHJOB0000000000000").status())
                .isEqualTo(404);
        // And the owner still has everything.
        assertThat(owner.get("/images/" + imageId).status()).isEqualTo(200);
        assertThat(owner.get("/jobs/" + jobId).status()).isEqualTo(200);
    }

    @Test
    void listsShowOnlyTheCallersOwnData() {
        assertThat(stranger.get("/images").json().get("images")).isEmpty();
        assertThat(stranger.get("/jobs").json().get("jobs")).isEmpty();
        assertThat(owner.get("/jobs").json().get("jobs")).hasSize(1);
    }

    @Test
    void someoneElsesImageCannotBeUsedInAJob() {
        Http.Reply reply = stranger.post("/jobs", Flows.upscaleJob(List.of(imageId), 2));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.isProblem()).isTrue();
        assertThat(reply.json().get("errors").get(0).get("field").asText()).isEqualTo("items[0].imageId");
        assertThat(reply.json().get("errors").get(0).get("message").asText()).startsWith("unknown image");
    }

    @Test
    void withoutAValidTokenNothingButHealthAnswers() throws Exception {
        Http anonymous = RealStack.anonymous();
        assertThat(anonymous.get("/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/jobs").status()).isEqualTo(401);
        assertThat(anonymous.as("not.a.jwt").get("/images").status()).isEqualTo(401);
    }
}
