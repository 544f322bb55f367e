package io.atelier.local.template;

import java.util.Map;

/** An AWS::DynamoDB::Table: its physical name and resolved Properties. */
public record TableSpec(String logicalId, String name, Map<String, Object> properties) {}
