package io.atelier.providers.dashscope;

import io.atelier.imaging.ImageFormat;
import io.atelier.providers.InputLimits;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Atelier's operations as DashScope runs them: which endpoint, which model, synchronous or not, what input it takes. */
enum DashScopeOperation {
    /** Qwen image edit answers within the call. */
    EDIT(
            "edit",
            false,
            "/services/aigc/multimodal-generation/generation",
            "qwen-image-edit-plus",
            "qwen-image-edit",
            null,
            InputLimits.of(10L * 1024 * 1024, 3072L * 3072, 3072, 384, Set.of(ImageFormat.PNG, ImageFormat.JPEG))),
    /** Wanx image edit: asynchronous only (403 without the async header). */
    UPSCALE(
            "upscale",
            true,
            "/services/aigc/image2image/image-synthesis",
            "wanx2.1-imageedit",
            null,
            "super_resolution",
            Limits.WANX),
    STYLE(
            "style",
            true,
            "/services/aigc/image2image/image-synthesis",
            "wanx2.1-imageedit",
            null,
            "stylization_all",
            Limits.WANX),
    /** Out-painting answers in output.output_image_url rather than results[]. */
    OUTPAINT(
            "outpaint", true, "/services/aigc/image2image/out-painting", "image-out-painting", null, null, Limits.WANX);

    private final String operation;
    private final boolean asynchronous;
    private final String path;
    private final String defaultModel;
    private final String otherModel;
    private final String function;
    private final InputLimits limits;

    DashScopeOperation(
            String operation,
            boolean asynchronous,
            String path,
            String defaultModel,
            String otherModel,
            String function,
            InputLimits limits) {
        this.operation = operation;
        this.asynchronous = asynchronous;
        this.path = path;
        this.defaultModel = defaultModel;
        this.otherModel = otherModel;
        this.function = function;
        this.limits = limits;
    }

    static Optional<DashScopeOperation> of(String operation) {
        for (DashScopeOperation op : values()) if (op.operation.equals(operation)) return Optional.of(op);
        return Optional.empty();
    }

    String operation() {
        return operation;
    }

    boolean asynchronous() {
        return asynchronous;
    }

    String path() {
        return path;
    }

    /** The Wanx function name, or null for endpoints without one. */
    String function() {
        return function;
    }

    InputLimits limits() {
        return limits;
    }

    List<String> models() {
        return otherModel == null ? List.of(defaultModel) : List.of(defaultModel, otherModel);
    }

    String model(String requested) {
        return requested == null || requested.isBlank() ? defaultModel : requested;
    }

    /** Enum constants cannot refer to the enum's own static fields, so shared limits live here. */
    private static final class Limits {
        /** Wanx and out-painting: 512–4096 px per side, at most 10 MB; PNG and JPEG are the formats known to be safe. */
        static final InputLimits WANX =
                InputLimits.of(10L * 1024 * 1024, 4096L * 4096, 4096, 512, Set.of(ImageFormat.PNG, ImageFormat.JPEG));
    }
}
