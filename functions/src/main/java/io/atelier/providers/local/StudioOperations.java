package io.atelier.providers.local;

import io.atelier.cutout.Cutout;
import io.atelier.cutout.CutoutModels;
import io.atelier.cutout.PixelImage;
import io.atelier.imaging.ImageCodec;
import io.atelier.imaging.ImageRejectedException;
import io.atelier.model.FieldError;
import io.atelier.providers.SourceImage;
import io.atelier.studio.Backdrop;
import io.atelier.studio.Compositor;
import io.atelier.studio.Framer;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The local provider's product-photo operations: cut-out, new background, marketplace framing. */
final class StudioOperations {
    static final Set<String> NAMES = Set.of("remove-background", "replace-background", "frame");

    private StudioOperations() {}

    static List<FieldError> problems(String operation, Map<String, Object> params) {
        return switch (operation) {
            case "replace-background" -> ReplaceBackgroundParams.problems(params);
            case "frame" -> FrameParams.problems(params);
            default -> List.of();
        };
    }

    static BufferedImage run(String operation, BufferedImage source, Map<String, Object> params)
            throws ImageRejectedException {
        PixelImage image = PixelImage.of(source);
        PixelImage result = switch (operation) {
            case "remove-background" -> cutout(image);
            case "replace-background" -> {
                ReplaceBackgroundParams p = ReplaceBackgroundParams.of(params);
                Backdrop backdrop = params.get("backdrop") instanceof SourceImage photo
                        ? new Backdrop.Photo(ImageCodec.decode(photo.bytes()))
                        : p.gradientTo() == null
                                ? new Backdrop.Plain(p.background())
                                : new Backdrop.Gradient(p.background(), p.gradientTo());
                yield Compositor.place(cutoutUnlessCut(image), backdrop, p.shadow() ? p.shadowOpacity() : 0);
            }
            case "frame" -> Framer.frame(image, FrameParams.of(params));
            default -> throw new IllegalArgumentException("not a studio operation: " + operation);
        };
        return result.toBufferedImage();
    }

    /** The params as provenance records them: the backdrop's bytes and storage key are not for the record. */
    static Map<String, Object> recorded(Map<String, Object> params) {
        Map<String, Object> out = new java.util.LinkedHashMap<>(params);
        out.remove("backdrop");
        out.remove("backdropKey");
        return out;
    }

    /** An image that already has transparency (a previous step's cut-out) is used as it is. */
    private static PixelImage cutoutUnlessCut(PixelImage image) {
        return image.hasTransparency() ? image : cutout(image);
    }

    private static PixelImage cutout(PixelImage image) {
        return new Cutout(CutoutModels.shared()).cut(image);
    }
}
