package io.atelier.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.model.FieldError;
import io.atelier.model.ImageRecord;
import io.atelier.model.ImageStatus;
import io.atelier.model.Job;
import io.atelier.providers.ImageProvider;
import io.atelier.providers.ProviderCall;
import io.atelier.providers.ProviderOutcome;
import io.atelier.providers.spec.OperationSpec;
import io.atelier.providers.spec.ParamSpec;
import io.atelier.providers.spec.Prompt;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Submit-time checks of the declared parameters: per-item prompts, unknown names, what the engine will refuse. */
class ParameterChecksTest {
    private final CoreFixture fx = new CoreFixture();

    ParameterChecksTest() {
        fx.addProvider(new EditProvider());
    }

    @Test
    void itemsThatEachCarryAPromptNeedNoJobPrompt() throws Exception {
        String a = fx.readyImage("alice", 8, 8), b = fx.readyImage("alice", 8, 8);
        Job job = fx.submit(
                "alice",
                "{\"operation\":\"edit\",\"provider\":\"editor\",\"items\":[{\"imageId\":\"" + a
                        + "\",\"prompt\":\"red\"},{\"imageId\":\"" + b + "\",\"prompt\":\"blue\"}]}");
        assertThat(job.counts().total()).isEqualTo(2);
    }

    @Test
    void theItemThatLacksThePromptTheOthersCarryIsNamed() {
        String a = fx.readyImage("alice", 8, 8);
        assertThat(errors("{\"operation\":\"edit\",\"provider\":\"editor\",\"items\":[{\"imageId\":\"" + a
                        + "\",\"prompt\":\"red\"}," + "{\"imageId\":\"" + a + "\",\"prompt\":\"blue\"},{\"imageId\":\""
                        + a + "\"}]}"))
                .containsExactly(new FieldError("items[2].prompt", "edit needs a prompt"));
        assertThat(errors("{\"operation\":\"edit\",\"provider\":\"editor\",\"items\":[{\"imageId\":\"" + a
                        + "\"},{\"imageId\":\"" + a + "\"}]}"))
                .containsExactly(new FieldError("prompt", "edit needs a prompt"));
    }

    @Test
    void anItemsOwnParameterIsCheckedWhereItIsGiven() {
        String a = fx.readyImage("alice", 8, 8);
        assertThat(errors(
                        "{\"operation\":\"edit\",\"provider\":\"editor\",\"prompt\":\"x\",\"params\":{\"size\":\"small\"},"
                                + "\"items\":[{\"imageId\":\"" + a + "\"},{\"imageId\":\"" + a
                                + "\",\"params\":{\"size\":\"huge\"}}]}"))
                .containsExactly(new FieldError("items[1].params.size", "size must be one of small, large"));
    }

    @Test
    void anUnknownParameterIsRefusedWithTheNearestKnownName() {
        String a = fx.readyImage("alice", 8, 8);
        assertThat(errors(
                        "{\"operation\":\"upscale\",\"params\":{\"factr\":4},\"items\":[{\"imageId\":\"" + a + "\"}]}"))
                .containsExactly(new FieldError("params.factr", "unknown parameter; did you mean factor?"));
        assertThat(errors("{\"operation\":\"upscale\",\"items\":[{\"imageId\":\"" + a + "\",\"params\":{\"zzz\":1}}]}"))
                .containsExactly(new FieldError("items[0].params.zzz", "unknown parameter"));
    }

    @Test
    void anItemParameterMayBelongToAnyStepOfAWorkflow() throws Exception {
        String a = fx.readyImage("alice", 8, 8);
        Job job = fx.submit(
                "alice",
                "{\"steps\":[{\"operation\":\"upscale\"},{\"operation\":\"resize\",\"params\":{\"width\":10}}],"
                        + "\"items\":[{\"imageId\":\"" + a + "\",\"params\":{\"height\":5}}]}");
        assertThat(job.counts().total()).isEqualTo(1);
    }

    @Test
    void aWholeNumberWrittenWithAFractionIsStillWhole() throws Exception {
        String a = fx.readyImage("alice", 8, 8);
        assertThat(fx.submit(
                                "alice",
                                "{\"operation\":\"upscale\",\"params\":{\"factor\":4.0},\"items\":[{\"imageId\":\"" + a
                                        + "\"}]}")
                        .counts()
                        .total())
                .isEqualTo(1);
        assertThat(errors("{\"operation\":\"upscale\",\"params\":{\"factor\":4.5},\"items\":[{\"imageId\":\"" + a
                        + "\"}]}"))
                .containsExactly(new FieldError("params.factor", "factor must be 2 or 4"));
    }

    @Test
    void whatTheLocalEngineWouldRefuseIsRefusedAtSubmit() {
        String small = fx.readyImage("alice", 8, 8);
        String photo = fx.readyImage("alice", 6000, 4000);
        assertThat(errors("{\"operation\":\"upscale\",\"params\":{\"factor\":4},\"items\":[{\"imageId\":\"" + small
                        + "\"},{\"imageId\":\"" + small + "\"},{\"imageId\":\"" + photo + "\"}]}"))
                .containsExactly(new FieldError(
                        "items[2].imageId", "upscale ×4 of 6000×4000 would be 384 MP; local makes at most 100 MP"));
        assertThat(errors(
                        "{\"operation\":\"resize\",\"params\":{\"width\":30000,\"height\":30000},\"items\":[{\"imageId\":\""
                                + small + "\"}]}"))
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("would be 900 MP"));
        assertThat(errors("{\"operation\":\"resize\",\"params\":{\"width\":30000},\"items\":[{\"imageId\":\"" + photo
                        + "\"}]}"))
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("30000×20000"));
        String panorama = fx.readyImage("alice", 20000, 1000);
        assertThat(errors("{\"operation\":\"upscale\",\"items\":[{\"imageId\":\"" + panorama + "\"}]}"))
                .containsExactly(new FieldError(
                        "items[0].imageId",
                        "upscale ×2 of 20000×1000 would be 40000×2000 pixels; local makes no side longer than 30000"));
    }

    @Test
    void aCmykJpegIsRefusedAtSubmitByAProviderThatCannotReadIt() throws Exception {
        String id = io.atelier.model.Ids.image(); // well-formed: a malformed id is simply an unknown image
        ImageRecord cmyk = new ImageRecord(
                "alice", id, "c.jpg", ImageStatus.READY, "image/jpeg", 1000, 8, 8, null, null, fx.now, fx.now, null, 4);
        fx.images.put(cmyk);
        assertThat(errors("{\"operation\":\"edit\",\"provider\":\"editor\",\"prompt\":\"x\",\"items\":[{\"imageId\":\""
                        + id + "\"}]}"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.field()).isEqualTo("items[0].imageId");
                    assertThat(e.message()).contains("CMYK");
                });
        // The local engine converts CMYK through its profile.
        assertThat(fx.submit("alice", "{\"operation\":\"upscale\",\"items\":[{\"imageId\":\"" + id + "\"}]}")
                        .counts()
                        .total())
                .isEqualTo(1);
    }

    private List<FieldError> errors(String json) {
        try {
            fx.submit("alice", json);
        } catch (InvalidRequestException e) {
            return e.errors();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("accepted: " + json);
    }

    /** A provider that declares one prompt-driven operation. */
    private static final class EditProvider implements ImageProvider {
        @Override
        public String id() {
            return "editor";
        }

        @Override
        public boolean takesCmyk() {
            return false;
        }

        @Override
        public boolean configured() {
            return true;
        }

        @Override
        public Set<String> operations() {
            return Set.of("edit");
        }

        @Override
        public List<String> models() {
            return List.of();
        }

        @Override
        public Map<String, Object> limits() {
            return Map.of();
        }

        @Override
        public Map<String, OperationSpec> parameters() {
            return Map.of(
                    "edit", OperationSpec.of(Prompt.REQUIRED, ParamSpec.choice("size", List.of("small", "large"))));
        }

        @Override
        public List<FieldError> validate(String operation, String model, String prompt, Map<String, Object> params) {
            return List.of();
        }

        @Override
        public ProviderOutcome start(ProviderCall call) {
            throw new UnsupportedOperationException();
        }
    }
}
