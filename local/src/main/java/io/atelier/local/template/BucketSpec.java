package io.atelier.local.template;

/** An AWS::S3::Bucket and its physical name. */
public record BucketSpec(String logicalId, String name) {}
