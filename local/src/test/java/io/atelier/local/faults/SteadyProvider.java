package io.atelier.local.faults;

import io.atelier.imaging.ImageFormat;
import io.atelier.model.FieldError;
import io.atelier.providers.ImageProvider;
import io.atelier.providers.ProviderCall;
import io.atelier.providers.ProviderOutcome;
import io.atelier.providers.ProviderResult;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/** The fault suite's second provider ({@code steady}, operation {@code generate}): always answers, and counts its calls. */
public final class SteadyProvider implements ImageProvider {
    static final AtomicInteger CALLS = new AtomicInteger();
    private static final byte[] PNG = png();

    @Override
    public String id() {
        return "steady";
    }

    @Override
    public boolean configured() {
        return true;
    }

    @Override
    public Set<String> operations() {
        return Set.of("generate");
    }

    @Override
    public List<String> models() {
        return List.of("s1");
    }

    @Override
    public Map<String, Object> limits() {
        return Map.of();
    }

    @Override
    public List<FieldError> validate(String operation, String model, String prompt, Map<String, Object> params) {
        return List.of();
    }

    @Override
    public ProviderOutcome start(ProviderCall call) {
        CALLS.incrementAndGet();
        return ProviderOutcome.done(new ProviderResult(PNG, ImageFormat.PNG, 8, 8, "s1", Map.of()));
    }

    private static byte[] png() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
