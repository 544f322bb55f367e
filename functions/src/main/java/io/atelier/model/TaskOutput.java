package io.atelier.model;

/** A task's result object, with its small JPEG preview ({@code thumbnailKey}, null if none could be made). */
public record TaskOutput(String key, String contentType, int width, int height, long size, String thumbnailKey) {}
