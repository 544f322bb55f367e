package io.atelier.cutout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OnnxSaliencyModelTest {

    /** Session set-up overflowed a caller's small stack natively (the JVM died); the model now runs on its own thread. */
    @Test
    void loadsAndRunsFromAThreadWithASmallStack() throws Exception {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread caller = new Thread(
                null,
                () -> {
                    try (OnnxSaliencyModel model = new OnnxSaliencyModel(ModelSettings.defaults())) {
                        outcome.set(model.predict(new PixelImage(40, 30, new int[40 * 30])));
                    } catch (RuntimeException e) {
                        outcome.set(e);
                    }
                },
                "small-stack",
                256 * 1024);
        caller.start();
        caller.join();
        assertThat(outcome.get())
                .isInstanceOfSatisfying(
                        Plane.class, plane -> assertThat(plane.width()).isEqualTo(320));
    }
}
