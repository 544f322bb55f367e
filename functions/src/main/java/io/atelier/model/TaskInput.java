package io.atelier.model;

/**
 * The original a task works on: the upload's key, its type and dimensions, and its preview's key (null if none).
 * Absent for text-to-image tasks.
 */
public record TaskInput(String imageId, String name, String key, String contentType, int width, int height, String thumbnailKey) {}
