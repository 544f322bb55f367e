package io.atelier.model;

import java.time.Instant;

/** A person's saved prompt, in a named group ({@code null}: ungrouped), kept server-side so every device has it. */
public record PromptTemplate(
        String owner,
        String templateId,
        String name,
        String text,
        String group,
        Instant createdAt,
        Instant updatedAt) {}
