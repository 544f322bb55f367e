package io.atelier.cutout;

import java.util.Arrays;
import java.util.Optional;

/**
 * Which salient-object model the cut-out runs, and how it wants its input. The worker reads U²-Net-P from its OnnxLayer
 * (CUTOUT_MODEL_PATH=/opt/models/u2netp.onnx in the template); without a path, as in tests and `make run`, it is the
 * classpath resource {@link #DEFAULT_RESOURCE}. A deployer can point CUTOUT_MODEL_PATH at a stronger ONNX model and
 * describe it with CUTOUT_MODEL_INPUT_SIZE, CUTOUT_MODEL_MEAN, CUTOUT_MODEL_STD (three numbers each, for pixels in 0..1)
 * and CUTOUT_MODEL_OUTPUT_INDEX (which output holds the mask); {@code Configuration} reads them.
 */
public record ModelSettings(Optional<String> path, int inputSize, float[] mean, float[] std, int outputIndex) {
    public static final String DEFAULT_RESOURCE = "/models/u2netp.onnx";
    private static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    public ModelSettings {
        if (inputSize < 32 || inputSize > 2048)
            throw new IllegalArgumentException("CUTOUT_MODEL_INPUT_SIZE must be 32 to 2048");
        if (mean.length != 3 || std.length != 3)
            throw new IllegalArgumentException("mean and std need three numbers each");
        for (float s : std) if (s <= 0) throw new IllegalArgumentException("std must be positive");
        if (outputIndex < 0) throw new IllegalArgumentException("CUTOUT_MODEL_OUTPUT_INDEX must be 0 or more");
    }

    public static ModelSettings defaults() {
        return new ModelSettings(Optional.empty(), 320, IMAGENET_MEAN, IMAGENET_STD, 0);
    }

    /** What the provenance of a result names. */
    public String label() {
        return path.map(p -> p.substring(p.lastIndexOf('/') + 1)).orElse("u2netp.onnx");
    }

    /** Three comma-separated numbers, as CUTOUT_MODEL_MEAN is written. */
    public static float[] triple(String text) {
        String[] parts = text.split(",");
        if (parts.length != 3) throw new IllegalArgumentException("expected three comma-separated numbers");
        float[] out = new float[3];
        for (int i = 0; i < 3; i++) out[i] = Float.parseFloat(parts[i].trim());
        return out;
    }

    /** Three positive numbers, as CUTOUT_MODEL_STD is written (a division by zero otherwise). */
    public static float[] positiveTriple(String text) {
        float[] out = triple(text);
        for (float value : out) if (!(value > 0)) throw new IllegalArgumentException("expected three positive numbers");
        return out;
    }

    @Override
    public String toString() {
        return "ModelSettings[" + label() + ", " + inputSize + "px, mean " + Arrays.toString(mean) + ", std "
                + Arrays.toString(std) + ", output " + outputIndex + "]";
    }
}
