package io.atelier.core;

import java.util.List;

/** The operation names of API.md; a provider supports a subset. */
public final class Operations {
    public static final String GENERATE = "generate";
    public static final List<String> ALL = List.of(
            "generate",
            "edit",
            "remove-background",
            "replace-background",
            "outpaint",
            "upscale",
            "style",
            "resize",
            "convert",
            "watermark",
            "adjust",
            "frame");

    private Operations() {}
}
