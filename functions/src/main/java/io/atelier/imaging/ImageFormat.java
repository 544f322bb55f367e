package io.atelier.imaging;

import java.util.Locale;
import java.util.Optional;

/** The image formats Atelier accepts. */
public enum ImageFormat {
    PNG("image/png", "png"),
    JPEG("image/jpeg", "jpg"),
    WEBP("image/webp", "webp"),
    /** Written by the libvips engine only; uploads stay PNG, JPEG or WebP. */
    AVIF("image/avif", "avif");

    private final String mimeType;
    private final String extension;

    ImageFormat(String mimeType, String extension) {
        this.mimeType = mimeType;
        this.extension = extension;
    }

    public String mimeType() {
        return mimeType;
    }

    public String extension() {
        return extension;
    }

    /** Accepts a Content-Type value; parameters such as "; charset=…" are ignored. */
    public static Optional<ImageFormat> fromMimeType(String mimeType) {
        if (mimeType == null) {
            return Optional.empty();
        }
        String bare = mimeType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return switch (bare) {
            case "image/png" -> Optional.of(PNG);
            case "image/jpeg", "image/jpg" -> Optional.of(JPEG);
            case "image/webp" -> Optional.of(WEBP);
            default -> Optional.empty();
        };
    }

    /** Accepts the names users type: "png", "jpeg", "jpg", "webp", "avif" in any case. */
    public static Optional<ImageFormat> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "png" -> Optional.of(PNG);
            case "jpeg", "jpg" -> Optional.of(JPEG);
            case "webp" -> Optional.of(WEBP);
            case "avif" -> Optional.of(AVIF);
            default -> Optional.empty();
        };
    }
}
