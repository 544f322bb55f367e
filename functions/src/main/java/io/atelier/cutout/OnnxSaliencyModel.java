package io.atelier.cutout;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A U²-Net-style salient-object model on ONNX Runtime: one session per container, reused by every call. Loading and
 * inference run on one thread of their own with a large stack: ONNX Runtime's graph set-up overflowed a default
 * 1 MB thread stack here (a native crash, not an exception), depending on how deep the caller already was.
 */
public final class OnnxSaliencyModel implements SaliencyModel, AutoCloseable {
    private static final long STACK_BYTES = 64L << 20;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(null, task, "cutout-model", STACK_BYTES);
        thread.setDaemon(true);
        return thread;
    });
    private final ModelSettings settings;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String inputName;

    public OnnxSaliencyModel(ModelSettings settings) {
        this.settings = settings;
        byte[] model = modelBytes(settings);
        environment = onRunner(OrtEnvironment::getEnvironment);
        session = onRunner(() -> {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return environment.createSession(model, options);
        });
        inputName = session.getInputNames().iterator().next();
    }

    private interface ModelWork<T> {
        T run() throws OrtException;
    }

    private <T> T onRunner(ModelWork<T> work) {
        try {
            return runner.submit(work::run).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the cut-out model ran", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "The cut-out model " + settings.label() + " failed: "
                            + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    public ModelSettings settings() {
        return settings;
    }

    @Override
    public Plane predict(PixelImage image) {
        int size = settings.inputSize();
        RgbPlanes small = RgbPlanes.reduce(image, size, size);
        int area = size * size;
        float[] input = new float[3 * area];
        Plane[] channels = {small.r(), small.g(), small.b()};
        for (int c = 0; c < 3; c++) {
            float[] values = channels[c].values();
            float mean = settings.mean()[c];
            float std = settings.std()[c];
            for (int i = 0; i < area; i++) input[c * area + i] = (values[i] - mean) / std;
        }
        float[] mask = onRunner(() -> {
            try (OnnxTensor tensor = OnnxTensor.createTensor(
                            environment, FloatBuffer.wrap(input), new long[] {1, 3, size, size});
                    OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
                OnnxValue output = result.get(settings.outputIndex());
                return flatten(((OnnxTensor) output).getFloatBuffer());
            }
        });
        return normalised(mask, size);
    }

    /** Two inferences on a blank image: the graph's kernels and buffers are ready before the first user request. */
    public void warm() {
        PixelImage blank = new PixelImage(64, 64, new int[64 * 64]);
        predict(blank);
        predict(blank);
    }

    @Override
    public void close() {
        try {
            onRunner(() -> {
                session.close();
                return null;
            });
        } finally {
            runner.shutdown();
        }
    }

    private static float[] flatten(FloatBuffer buffer) {
        float[] out = new float[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    /** The first size² values (the mask of a [1,1,S,S] output), stretched to 0..1 as the model's authors do. */
    private static Plane normalised(float[] raw, int size) {
        int area = size * size;
        if (raw.length < area)
            throw new IllegalStateException("The cut-out model's output has " + raw.length + " values, not " + area);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (int i = 0; i < area; i++) {
            // A NaN would pass the stretch and the clamp and silently make every pixel transparent.
            if (!Float.isFinite(raw[i]))
                throw new IllegalStateException("The cut-out model's output holds a non-number at " + i);
            min = Math.min(min, raw[i]);
            max = Math.max(max, raw[i]);
        }
        float range = Math.max(1e-6f, max - min);
        float[] out = new float[area];
        for (int i = 0; i < area; i++) out[i] = (raw[i] - min) / range;
        return new Plane(size, size, out);
    }

    private static byte[] modelBytes(ModelSettings settings) {
        return ModelIntegrity.checked(settings.label(), readModel(settings));
    }

    private static byte[] readModel(ModelSettings settings) {
        try {
            if (settings.path().isPresent())
                return Files.readAllBytes(Path.of(settings.path().get()));
            try (InputStream in = OnnxSaliencyModel.class.getResourceAsStream(ModelSettings.DEFAULT_RESOURCE)) {
                if (in == null)
                    throw new IllegalStateException(
                            "The cut-out model is not on the classpath (" + ModelSettings.DEFAULT_RESOURCE
                                    + ", from functions/natives/fetch-model.sh) and CUTOUT_MODEL_PATH is not set (the worker's OnnxLayer: /opt/models/u2netp.onnx)");
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The cut-out model could not be read", e);
        }
    }
}
