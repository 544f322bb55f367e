package io.atelier.local.bench;

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
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;

/** `standin`: a provider that answers every call after exactly {@link #LATENCY_MS} with a small PNG (the worker bench). */
public final class StandInProvider implements ImageProvider {
    static final long LATENCY_MS = 500;
    static final AtomicLong CALL_NANOS = new AtomicLong();
    static final AtomicLong CALLS = new AtomicLong();
    private static final byte[] PNG = png();

    @Override
    public String id() {
        return "standin";
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
        long t = System.nanoTime();
        try {
            Thread.sleep(LATENCY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        CALL_NANOS.addAndGet(System.nanoTime() - t);
        CALLS.incrementAndGet();
        return ProviderOutcome.done(new ProviderResult(PNG, ImageFormat.PNG, 64, 48, "s1", Map.of()));
    }

    private static byte[] png() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
