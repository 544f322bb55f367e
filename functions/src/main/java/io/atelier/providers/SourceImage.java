package io.atelier.providers;

import io.atelier.imaging.ImageFormat;

/** The image a provider works on, with what the upload check learned about it. */
public record SourceImage(byte[] bytes, ImageFormat format, int width, int height) {}
