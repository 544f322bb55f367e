package io.atelier.model;

import java.time.Instant;

/** A user's project: a name images are filed under, with how many images were ever added to it (minus deletions). */
public record Project(String owner, String projectId, long images, Instant createdAt, Instant updatedAt) {}
