package io.atelier.model;

/** The original a task works on: the upload's key, its type and dimensions. Absent for text-to-image tasks. */
public record TaskInput(String imageId, String name, String key, String contentType, int width, int height) {}
