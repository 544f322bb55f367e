package io.atelier.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.model.Job;
import io.atelier.model.Step;
import org.junit.jupiter.api.Test;

/** A job may name a preset (its workflow) or ask for checks; both are plain steps and params once parsed. */
class PresetJobsTest {
    private final CoreFixture fx = new CoreFixture();

    @Test
    void aPresetBecomesItsWorkflowWithChecksOnTheLastStep() throws Exception {
        String image = fx.readyImage("alice", 8, 8);
        Job job = fx.submit("alice", "{\"preset\":\"amazon-main\",\"items\":[{\"imageId\":\"" + image + "\"}]}");
        assertThat(job.steps()).extracting(Step::operation).containsExactly("remove-background", "frame");
        assertThat(job.steps().get(1).params())
                .containsEntry("checks", "amazon-main")
                .containsEntry("width", 2000)
                .containsEntry("background", "#ffffff")
                .containsEntry("format", "jpeg");
    }

    @Test
    void customTakesTheCallersFrameParamsAndChecksThem() throws Exception {
        String image = fx.readyImage("alice", 8, 8);
        Job job = fx.submit(
                "alice",
                "{\"preset\":\"custom\",\"params\":{\"aspect\":\"16:9\",\"margin\":8},\"items\":[{\"imageId\":\""
                        + image + "\"}]}");
        assertThat(job.steps().get(1).params()).containsEntry("aspect", "16:9").containsEntry("checks", "custom");
        assertThat(fields("{\"preset\":\"custom\",\"params\":{\"margin\":80},\"items\":[{\"imageId\":\"" + image
                        + "\"}]}"))
                .contains("steps[1].params.margin");
    }

    @Test
    void anyJobMayAskForChecks() throws Exception {
        String image = fx.readyImage("alice", 8, 8);
        Job job = fx.submit(
                "alice", "{\"operation\":\"convert\",\"checks\":\"etsy\",\"items\":[{\"imageId\":\"" + image + "\"}]}");
        assertThat(job.steps().get(0).params()).containsEntry("checks", "etsy");
    }

    @Test
    void aBackdropMustBeTheCallersReadyImage() throws Exception {
        String image = fx.readyImage("alice", 8, 8);
        String backdrop = fx.readyImage("alice", 8, 8);
        String bobs = fx.readyImage("bob", 8, 8);
        Job job = fx.submit(
                "alice",
                "{\"operation\":\"replace-background\",\"params\":{\"backdropImageId\":\"" + backdrop
                        + "\"},\"items\":[{\"imageId\":\"" + image + "\"}]}");
        assertThat(job.steps().get(0).params()).containsKey("backdropKey");
        assertThat(fields("{\"operation\":\"replace-background\",\"params\":{\"backdropImageId\":\"" + bobs
                        + "\"},\"items\":[{\"imageId\":\"" + image + "\"}]}"))
                .containsExactly("params.backdropImageId");
    }

    @Test
    void badPresetsAndChecksAreNamed() {
        assertThat(fields("{\"preset\":\"amazon-deluxe\",\"items\":[{\"imageId\":\"x\"}]}"))
                .contains("preset");
        assertThat(fields("{\"preset\":\"etsy\",\"operation\":\"convert\",\"items\":[{\"imageId\":\"x\"}]}"))
                .contains("preset");
        assertThat(fields("{\"operation\":\"convert\",\"checks\":7,\"items\":[{\"imageId\":\"x\"}]}"))
                .contains("checks");
    }

    private java.util.List<String> fields(String json) {
        try {
            fx.submit("alice", json);
        } catch (InvalidRequestException e) {
            return e.errors().stream().map(io.atelier.model.FieldError::field).toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("accepted: " + json);
    }
}
