package io.atelier.providers.local;

import io.atelier.imaging.ImageCodec;
import io.atelier.imaging.ImageFormat;
import io.atelier.imaging.ImageInspector;
import io.atelier.imaging.ImageOps;
import io.atelier.imaging.ImageRejectedException;
import io.atelier.imaging.InvalidInputException;
import io.atelier.imaging.vips.EncodedImage;
import io.atelier.imaging.vips.VipsEngine;
import io.atelier.model.ErrorCode;
import io.atelier.model.FieldError;
import io.atelier.providers.ImageProvider;
import io.atelier.providers.Preflight;
import io.atelier.providers.ProviderCall;
import io.atelier.providers.ProviderException;
import io.atelier.providers.ProviderOutcome;
import io.atelier.providers.ProviderResult;
import io.atelier.providers.spec.OperationSpec;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in provider: classic image processing in Java, no keys, always configured. It is honest about what it
 * is: it does not pretend to generate or edit with a prompt, and refuses those operations.
 */
public final class LocalProvider implements ImageProvider {
    public static final String ID = "local";
    /** Output bound so a 4× upscale of a large photo cannot exhaust a worker's memory: the one the image operations enforce. */
    static final long MAX_OUTPUT_PIXELS = ImageInspector.MAX_PIXELS;
    /** The worker's libvips engine converts CMYK through its profile (the submitting API function has no engine to ask). */
    private static final boolean TAKES_CMYK = true;
    /** Every operation works on an uploaded image; it needs no key. Inputs are taken as uploaded. */
    private final Preflight preflight = new Preflight(this, "The local provider", operation -> true, () -> null);

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
        return LocalSpecs.ALL.keySet();
    }

    @Override
    public Map<String, OperationSpec> parameters() {
        return LocalSpecs.ALL;
    }

    @Override
    public boolean takesCmyk() {
        return TAKES_CMYK;
    }

    @Override
    public String refusesSize(String operation, Map<String, Object> params, int width, int height) {
        if (!LocalParams.problems(operation, params).isEmpty()) return null; // the parameters' own problems come first
        return OutputSize.problem(operation, new LocalParams(params), width, height);
    }

    @Override
    public List<String> models() {
        return List.of();
    }

    @Override
    public Map<String, Object> limits() {
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("inputFormats", List.of("image/png", "image/jpeg", "image/webp"));
        // The worker's libvips writes all four (without it, as in a bare `make run`, WebP and AVIF fall back to PNG).
        limits.put("outputFormats", List.of("png", "jpeg", "webp", "avif"));
        limits.put("maxInputMegapixels", ImageInspector.MAX_PIXELS / 1_000_000);
        limits.put("maxOutputMegapixels", MAX_OUTPUT_PIXELS / 1_000_000);
        limits.put("upscaleFactors", List.of(2, 4));
        return limits;
    }

    @Override
    public List<FieldError> validate(String operation, String model, String prompt, Map<String, Object> params) {
        Map<String, Object> given = params == null ? Map.of() : params;
        List<FieldError> problems = new java.util.ArrayList<>(LocalParams.problems(operation, given));
        // The studio operations' own rules (aspect's shape, checks, the backdrop) add to the spec's; one problem a
        // field.
        java.util.Set<String> named = new java.util.HashSet<>();
        problems.forEach(problem -> named.add(problem.field()));
        if (operation != null)
            StudioOperations.problems(operation, given).stream()
                    .filter(problem -> named.add(problem.field()))
                    .forEach(problems::add);
        return problems;
    }

    @Override
    public ProviderOutcome start(ProviderCall call) throws ProviderException {
        return ProviderOutcome.done(run(call));
    }

    /** The local engine always finishes within the call. */
    public ProviderResult run(ProviderCall unchecked) throws ProviderException {
        Preflight.Checked checked = preflight.check(unchecked);
        ProviderCall call = new ProviderCall(
                unchecked.operation(), unchecked.model(), unchecked.prompt(), checked.params(), unchecked.input());
        try {
            LocalParams params = new LocalParams(call.params());
            checkOutputSize(call, params);
            Optional<VipsEngine> engine = VipsEngine.shared();
            if (StudioOperations.NAMES.contains(call.operation())) return studio(engine, call, params);
            if (engine.isPresent()) return onEngine(engine.get(), call, params);
            BufferedImage source = ImageCodec.decode(call.input().bytes());
            BufferedImage result = switch (call.operation()) {
                case "upscale" -> ImageOps.upscale(source, params.integer("factor", 2));
                case "resize" ->
                    ImageOps.resize(
                            source,
                            params.integerOrNull("width"),
                            params.integerOrNull("height"),
                            params.fit(),
                            params.color("background"));
                case "convert" -> source;
                case "watermark" ->
                    ImageOps.watermark(
                            source,
                            params.text("text", "Atelier"),
                            params.text("position", "bottom-right"),
                            (float) params.decimal("opacity", 0.5),
                            params.integerOrNull("fontSize"));
                case "adjust" ->
                    ImageOps.adjust(
                            source,
                            params.decimal("brightness", 1),
                            params.decimal("contrast", 1),
                            params.decimal("saturation", 1));
                default ->
                    throw new ProviderException(
                            ErrorCode.PROVIDER_INVALID_REQUEST, "The local provider cannot " + call.operation() + ".");
            };
            ImageFormat format =
                    ImageCodec.writableFormat(params.format(call.input().format()));
            byte[] bytes = ImageCodec.encode(result, format, params.integer("quality", 90));
            return new ProviderResult(
                    bytes, format, result.getWidth(), result.getHeight(), null, provenance(call, List.of()));
        } catch (ImageRejectedException e) {
            throw new ProviderException(ErrorCode.INVALID_INPUT, e.getMessage());
        } catch (InvalidInputException e) {
            // Only the typed refusal is the caller's fault; any other unchecked error is a bug, reported as internal.
            throw new ProviderException(ErrorCode.PROVIDER_INVALID_REQUEST, e.getMessage());
        }
    }

    /**
     * Cut-out, new background and framing work on pixels in Java; libvips, where the worker has it, decodes
     * (colour-managed, upright) and encodes them. A cut-out keeps its transparency (PNG) unless a format is asked for.
     */
    private static ProviderResult studio(Optional<VipsEngine> engine, ProviderCall call, LocalParams params)
            throws ImageRejectedException {
        byte[] input = call.input().bytes();
        BufferedImage source =
                engine.isPresent() ? engine.get().decode(input).toBufferedImage() : ImageCodec.decode(input);
        BufferedImage result = StudioOperations.run(call.operation(), source, call.params());
        ImageFormat wanted = params.format(
                "remove-background".equals(call.operation())
                        ? ImageFormat.PNG
                        : call.input().format());
        int quality = params.integer("quality", 90);
        ImageFormat format = engine.isPresent() ? wanted : ImageCodec.writableFormat(wanted);
        byte[] bytes = engine.isPresent()
                ? engine.get().encode(io.atelier.imaging.vips.PixelImage.of(result), format, quality)
                : ImageCodec.encode(result, format, quality);
        Map<String, Object> provenance = provenance(call, List.of());
        provenance.put("params", StudioOperations.recorded(call.params()));
        return new ProviderResult(bytes, format, result.getWidth(), result.getHeight(), null, provenance);
    }

    /** Where the worker has libvips (its layer): every operation decodes, colour-manages and encodes there. */
    private static ProviderResult onEngine(VipsEngine engine, ProviderCall call, LocalParams params)
            throws ImageRejectedException {
        ImageFormat format = params.format(call.input().format());
        EncodedImage result = EngineOperations.run(
                engine, call.operation(), params, call.input().bytes(), format);
        return new ProviderResult(
                result.bytes(),
                result.format(),
                result.width(),
                result.height(),
                null,
                provenance(call, result.notes()));
    }

    private static Map<String, Object> provenance(ProviderCall call, List<String> notes) {
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("engine", "atelier-local");
        provenance.put("operation", call.operation());
        provenance.put("params", call.params());
        if (!notes.isEmpty()) provenance.put("notes", notes);
        return provenance;
    }

    private static void checkOutputSize(ProviderCall call, LocalParams params) throws ProviderException {
        String problem = OutputSize.problem(
                call.operation(), params, call.input().width(), call.input().height());
        if (problem != null) throw new ProviderException(ErrorCode.INVALID_INPUT, problem + ".");
    }
}
