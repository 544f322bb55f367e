package io.atelier.model;

/**
 * The original a task works on: the upload's key, its type and dimensions, and its preview's key (null if none).
 * Absent for text-to-image tasks. {@code sku} and {@code role} are the image's at submission (null when not filed).
 */
public record TaskInput(
        String imageId,
        String name,
        String key,
        String contentType,
        int width,
        int height,
        String thumbnailKey,
        String sku,
        String role) {
    /** An original filed under no SKU. */
    public TaskInput(
            String imageId, String name, String key, String contentType, int width, int height, String thumbnailKey) {
        this(imageId, name, key, contentType, width, height, thumbnailKey, null, null);
    }
}
