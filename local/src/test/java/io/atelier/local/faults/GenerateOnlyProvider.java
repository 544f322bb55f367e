package io.atelier.local.faults;

import io.atelier.model.FieldError;
import io.atelier.providers.ImageProvider;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * A test provider offering only {@code generate} with one model, always configured, taking any parameters: the fault
 * suite's and the worker bench's stand-ins say only how a call ends.
 */
public abstract class GenerateOnlyProvider implements ImageProvider {
    private final String id;
    private final String model;

    protected GenerateOnlyProvider(String id, String model) {
        this.id = id;
        this.model = model;
    }

    @Override
    public String id() {
        return id;
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
        return List.of(model);
    }

    @Override
    public Map<String, Object> limits() {
        return Map.of();
    }

    @Override
    public List<FieldError> validate(String operation, String model, String prompt, Map<String, Object> params) {
        return List.of();
    }

    /** A black PNG of this size, the stand-ins' result. */
    protected static byte[] png(int width, int height) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
