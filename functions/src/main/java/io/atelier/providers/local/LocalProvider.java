package io.atelier.providers.local;

import io.atelier.imaging.ImageCodec;
import io.atelier.imaging.ImageFormat;
import io.atelier.imaging.ImageInspector;
import io.atelier.imaging.ImageOps;
import io.atelier.imaging.ImageRejectedException;
import io.atelier.model.ErrorCode;
import io.atelier.providers.FieldProblem;
import io.atelier.providers.ImageProvider;
import io.atelier.providers.ProviderCall;
import io.atelier.providers.ProviderException;
import io.atelier.providers.ProviderOutcome;
import io.atelier.providers.ProviderResult;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The built-in provider: classic image processing in Java, no keys, always configured. It is honest about what it
 * is: it does not pretend to generate or edit with a prompt, and refuses those operations.
 */
public final class LocalProvider implements ImageProvider {
    public static final String ID = "local";
    /** Output bound so a 4× upscale of a large photo cannot exhaust a worker's memory. */
    static final long MAX_OUTPUT_PIXELS = 150_000_000L;
    private static final Set<String> OPERATIONS = new LinkedHashSet<>(List.of("upscale", "resize", "convert", "watermark", "adjust",
            "remove-background", "replace-background", "frame"));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean configured() {
        return true;
    }

    @Override
    public Set<String> operations() {
        return OPERATIONS;
    }

    @Override
    public List<String> models() {
        return List.of();
    }

    @Override
    public Map<String, Object> limits() {
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("inputFormats", List.of("image/png", "image/jpeg", "image/webp"));
        limits.put("outputFormats", List.of("png", "jpeg"));
        limits.put("maxInputMegapixels", ImageInspector.MAX_PIXELS / 1_000_000);
        limits.put("maxOutputMegapixels", MAX_OUTPUT_PIXELS / 1_000_000);
        limits.put("upscaleFactors", List.of(2, 4));
        return limits;
    }

    @Override
    public List<FieldProblem> validate(String operation, String model, String prompt, Map<String, Object> params) {
        return problems(operation, params);
    }

    private static List<FieldProblem> problems(String operation, Map<String, Object> params) {
        List<FieldProblem> problems = new java.util.ArrayList<>(LocalParams.problems(operation, params));
        if (operation != null) problems.addAll(StudioOperations.problems(operation, params));
        return problems;
    }

    @Override
    public ProviderOutcome start(ProviderCall call) throws ProviderException {
        return ProviderOutcome.done(run(call));
    }

    /** The local engine always finishes within the call. */
    public ProviderResult run(ProviderCall call) throws ProviderException {
        if (call.input() == null)
            throw new ProviderException(ErrorCode.PROVIDER_INVALID_REQUEST, "The local provider works on uploaded images; it cannot generate from text.");
        List<FieldProblem> problems = problems(call.operation(), call.params());
        if (!problems.isEmpty())
            throw new ProviderException(ErrorCode.PROVIDER_INVALID_REQUEST, problems.get(0).field() + ": " + problems.get(0).message());
        try {
            LocalParams params = new LocalParams(call.params());
            checkOutputSize(call, params);
            BufferedImage source = ImageCodec.decode(call.input().bytes());
            BufferedImage result = switch (call.operation()) {
                case "upscale" -> ImageOps.upscale(source, params.integer("factor", 2));
                case "resize" -> ImageOps.resize(source, params.integerOrNull("width"), params.integerOrNull("height"),
                        params.fit(), params.color("background"));
                case "convert" -> source;
                case "watermark" -> ImageOps.watermark(source, params.text("text", "Atelier"), params.text("position", "bottom-right"),
                        (float) params.decimal("opacity", 0.5), params.integerOrNull("fontSize"));
                case "adjust" -> ImageOps.adjust(source, params.decimal("brightness", 1), params.decimal("contrast", 1),
                        params.decimal("saturation", 1));
                case "remove-background", "replace-background", "frame" -> StudioOperations.run(call.operation(), source, call.params());
                default -> throw new ProviderException(ErrorCode.PROVIDER_INVALID_REQUEST, "The local provider cannot " + call.operation() + ".");
            };
            // A cut-out keeps its transparency unless a format is asked for.
            ImageFormat format = ImageCodec.writableFormat(params.format("remove-background".equals(call.operation()) ? ImageFormat.PNG
                    : call.input().format()));
            byte[] bytes = ImageCodec.encode(result, format, params.integer("quality", 90));
            Map<String, Object> provenance = new LinkedHashMap<>();
            provenance.put("engine", "atelier-local");
            provenance.put("operation", call.operation());
            provenance.put("params", StudioOperations.recorded(call.params()));
            return new ProviderResult(bytes, format, result.getWidth(), result.getHeight(), null, provenance);
        } catch (ImageRejectedException e) {
            throw new ProviderException(ErrorCode.INVALID_INPUT, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ProviderException(ErrorCode.PROVIDER_INVALID_REQUEST, e.getMessage());
        }
    }

    private static void checkOutputSize(ProviderCall call, LocalParams params) throws ProviderException {
        if (!"upscale".equals(call.operation())) return;
        long factor = params.integer("factor", 2);
        long pixels = (long) call.input().width() * call.input().height() * factor * factor;
        if (pixels > MAX_OUTPUT_PIXELS)
            throw new ProviderException(ErrorCode.INVALID_INPUT, "Upscaling " + call.input().width() + "×" + call.input().height() + " by "
                    + factor + " would make " + pixels / 1_000_000 + " megapixels; the local provider stops at " + MAX_OUTPUT_PIXELS / 1_000_000 + ".");
    }
}
