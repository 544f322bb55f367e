package io.atelier.model;

public record TaskOutput(String key, String contentType, int width, int height, long size) {}
