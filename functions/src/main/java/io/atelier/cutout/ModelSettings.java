package io.atelier.cutout;

import io.atelier.config.Env;
import java.util.Arrays;
import java.util.Optional;

/**
 * Which salient-object model the cut-out runs, and how it wants its input. The default is U²-Net-P from the jar; a
 * deployer can point CUTOUT_MODEL_PATH at a stronger ONNX model (for example in a Lambda layer under /opt) and
 * describe it with CUTOUT_MODEL_INPUT_SIZE, CUTOUT_MODEL_MEAN, CUTOUT_MODEL_STD (three numbers each, for pixels in 0..1)
 * and CUTOUT_MODEL_OUTPUT_INDEX (which output holds the mask).
 */
public record ModelSettings(Optional<String> path, int inputSize, float[] mean, float[] std, int outputIndex) {
    public static final String DEFAULT_RESOURCE = "/models/u2netp.onnx";
    private static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    public ModelSettings {
        if (inputSize < 32 || inputSize > 2048) throw new IllegalArgumentException("CUTOUT_MODEL_INPUT_SIZE must be 32 to 2048");
        if (mean.length != 3 || std.length != 3) throw new IllegalArgumentException("mean and std need three numbers each");
        for (float s : std) if (s <= 0) throw new IllegalArgumentException("std must be positive");
        if (outputIndex < 0) throw new IllegalArgumentException("CUTOUT_MODEL_OUTPUT_INDEX must be 0 or more");
    }

    public static ModelSettings defaults() {
        return new ModelSettings(Optional.empty(), 320, IMAGENET_MEAN, IMAGENET_STD, 0);
    }

    public static ModelSettings fromEnvironment() {
        return new ModelSettings(Env.optional("CUTOUT_MODEL_PATH"), Env.getInt("CUTOUT_MODEL_INPUT_SIZE", 320),
                triple(Env.optional("CUTOUT_MODEL_MEAN"), IMAGENET_MEAN), triple(Env.optional("CUTOUT_MODEL_STD"), IMAGENET_STD),
                Env.getInt("CUTOUT_MODEL_OUTPUT_INDEX", 0));
    }

    /** What the provenance of a result names. */
    public String label() {
        return path.map(p -> p.substring(p.lastIndexOf('/') + 1)).orElse("u2netp.onnx");
    }

    private static float[] triple(Optional<String> text, float[] fallback) {
        if (text.isEmpty()) return fallback;
        String[] parts = text.get().split(",");
        if (parts.length != 3) throw new IllegalArgumentException("expected three comma-separated numbers, got " + text.get());
        float[] out = new float[3];
        for (int i = 0; i < 3; i++) out[i] = Float.parseFloat(parts[i].trim());
        return out;
    }

    @Override
    public String toString() {
        return "ModelSettings[" + label() + ", " + inputSize + "px, mean " + Arrays.toString(mean) + ", std " + Arrays.toString(std)
                + ", output " + outputIndex + "]";
    }
}
