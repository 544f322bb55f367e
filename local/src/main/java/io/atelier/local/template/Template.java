package io.atelier.local.template;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A parsed SAM template with its parameters bound: answers Ref/GetAtt for every declared name and resolves
 * any node of the template on demand (lazily, so resources the runner ignores never need to resolve).
 */
public final class Template {

    public static final String FUNCTION = "AWS::Serverless::Function";
    public static final String HTTP_API = "AWS::Serverless::HttpApi";
    public static final String TABLE = "AWS::DynamoDB::Table";
    public static final String QUEUE = "AWS::SQS::Queue";
    public static final String BUCKET = "AWS::S3::Bucket";

    private final Map<String, Object> doc;
    private final StackIdentity identity;
    private final Map<String, Object> parameters;
    private final Map<String, Map<String, Object>> resources;
    private final Map<String, Boolean> conditions = new ConcurrentHashMap<>();
    private final Set<String> evaluating = ConcurrentHashMap.newKeySet();
    private final Map<String, String> queueUrls = new ConcurrentHashMap<>();
    private final Resolver resolver = new Resolver(this);

    private Template(Map<String, Object> doc, Map<String, String> overrides, StackIdentity identity) {
        this.doc = doc;
        this.identity = identity;
        this.parameters = bindParameters(section("Parameters"), overrides);
        Map<String, Map<String, Object>> res = new LinkedHashMap<>();
        section("Resources").forEach((id, body) -> res.put(id, asMap(body, "Resources." + id)));
        this.resources = res;
    }

    public static Template load(Path file, Map<String, String> overrides) throws IOException {
        return new Template(CfnYaml.read(file), overrides, StackIdentity.LOCAL);
    }

    public static Template parse(String yaml, Map<String, String> overrides) {
        return new Template(CfnYaml.parse(yaml), overrides, StackIdentity.LOCAL);
    }

    public StackIdentity identity() {
        return identity;
    }

    /** Logical ids of the resources of one type whose Condition (if any) holds, in template order. */
    public List<String> resourcesOfType(String type) {
        List<String> ids = new ArrayList<>();
        resources.forEach((id, body) -> {
            if (type.equals(body.get("Type")) && active(id)) {
                ids.add(id);
            }
        });
        return ids;
    }

    public String type(String logicalId) {
        Map<String, Object> body = resources.get(logicalId);
        return body == null ? null : String.valueOf(body.get("Type"));
    }

    /** The raw (unresolved) Properties of a resource, never null. */
    public Map<String, Object> rawProperties(String logicalId) {
        Map<String, Object> body = resources.get(logicalId);
        if (body == null) {
            throw new TemplateException("no resource " + logicalId);
        }
        return asMap(body.getOrDefault("Properties", Map.of()), logicalId + ".Properties");
    }

    /** The raw Globals section for one resource kind (Function, HttpApi, ...), never null. */
    public Map<String, Object> rawGlobals(String kind) {
        return asMap(section("Globals").getOrDefault(kind, Map.of()), "Globals." + kind);
    }

    /** A resource's Properties with the matching Globals merged in (SAM semantics), unresolved. */
    public Map<String, Object> propertiesWithGlobals(String logicalId, String globalsKind) {
        @SuppressWarnings("unchecked")
        Map<String, Object> merged =
                (Map<String, Object>) SamGlobals.merge(rawGlobals(globalsKind), rawProperties(logicalId));
        return merged;
    }

    /** Resolves every intrinsic function in a node; {@code where} names the place for error messages. */
    public Object resolve(Object node, String where) {
        try {
            Object value = resolver.resolve(node);
            return value == Resolver.NO_VALUE ? null : value;
        } catch (TemplateException | NumberFormatException e) {
            throw new TemplateException(where + ": " + e.getMessage(), e);
        }
    }

    public String resolveString(Object node, String where) {
        Object value = resolve(node, where);
        return value == null ? null : Resolver.str(value);
    }

    public boolean condition(String name) {
        Boolean known = conditions.get(name);
        if (known != null) {
            return known;
        }
        Object expr = section("Conditions").get(name);
        if (expr == null) {
            throw new TemplateException("unknown condition " + name);
        }
        if (!evaluating.add(name)) {
            throw new TemplateException("condition " + name + " depends on itself");
        }
        try {
            boolean value = resolver.condition(expr);
            conditions.put(name, value);
            return value;
        } finally {
            evaluating.remove(name);
        }
    }

    public boolean active(String logicalId) {
        Object condition = resources.get(logicalId).get("Condition");
        return condition == null || condition(String.valueOf(condition));
    }

    /** Records the URL the queue got when it was created: Ref of a queue answers it from then on. */
    public void queueUrl(String logicalId, String url) {
        queueUrls.put(logicalId, url);
    }

    // --- names -----------------------------------------------------------------------------------------------

    public String tableName(String id) {
        return physicalName(id, "TableName", id);
    }

    public String queueName(String id) {
        Map<String, Object> props = rawProperties(id);
        boolean fifo = "true".equalsIgnoreCase(String.valueOf(resolve(props.get("FifoQueue"), id + ".FifoQueue")));
        return physicalName(id, "QueueName", fifo ? id + ".fifo" : id);
    }

    public String bucketName(String id) {
        return physicalName(id, "BucketName", id.toLowerCase(Locale.ROOT));
    }

    public String functionName(String id) {
        return physicalName(id, "FunctionName", identity.stackName() + "-" + id);
    }

    private String physicalName(String id, String property, String fallback) {
        Object name = rawProperties(id).get(property);
        String resolved = name == null ? null : resolveString(name, id + "." + property);
        return resolved == null || resolved.isBlank() ? fallback : resolved;
    }

    // --- lookups used by the resolver ---------------------------------------------------------------------------

    Object ref(String name) {
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        switch (name) {
            case "AWS::Region":
                return identity.region();
            case "AWS::AccountId":
                return identity.accountId();
            case "AWS::StackName":
                return identity.stackName();
            case "AWS::StackId":
                return "arn:aws:cloudformation:" + identity.region() + ":" + identity.accountId() + ":stack/"
                        + identity.stackName() + "/local";
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::NoValue":
                return Resolver.NO_VALUE;
            case "AWS::NotificationARNs":
                return List.of();
            default:
                break;
        }
        String type = type(name);
        if (type == null) {
            throw new TemplateException("Ref to unknown parameter or resource " + name);
        }
        return switch (type) {
            case TABLE -> tableName(name);
            case QUEUE -> queueUrlOf(name);
            case BUCKET -> bucketName(name);
            case FUNCTION, "AWS::Lambda::Function" -> functionName(name);
            default -> name;
        };
    }

    Object getAtt(String id, String attribute) {
        String type = type(id);
        if (type == null) {
            throw new TemplateException("GetAtt of unknown resource " + id);
        }
        return switch (type + "." + attribute) {
            case QUEUE + ".Arn" -> identity.queueArn(queueName(id));
            case QUEUE + ".QueueName" -> queueName(id);
            case QUEUE + ".QueueUrl" -> queueUrlOf(id);
            case TABLE + ".Arn" -> identity.tableArn(tableName(id));
            case TABLE + ".StreamArn" -> identity.tableArn(tableName(id)) + "/stream/local";
            case BUCKET + ".Arn" -> identity.bucketArn(bucketName(id));
            case BUCKET + ".DomainName" -> bucketName(id) + ".s3.amazonaws.com";
            case BUCKET + ".RegionalDomainName" -> bucketName(id) + ".s3." + identity.region() + ".amazonaws.com";
            case FUNCTION + ".Arn", "AWS::Lambda::Function.Arn" -> identity.functionArn(functionName(id));
            // Attributes of resources the runner does not emulate (user pools, alarms, ...): a readable stand-in.
            default -> "local:" + id + "." + attribute;
        };
    }

    Object findInMap(String map, String top, String second, Object defaultValue) {
        Map<String, Object> mapping = asMap(section("Mappings").getOrDefault(map, Map.of()), "Mappings." + map);
        Object level = mapping.get(top);
        Object value = level instanceof Map<?, ?> m ? m.get(second) : null;
        if (value == null && defaultValue instanceof Map<?, ?> d && d.containsKey("DefaultValue")) {
            return d.get("DefaultValue");
        }
        if (value == null) {
            throw new TemplateException("Fn::FindInMap: no " + map + "." + top + "." + second);
        }
        return resolver.resolve(value);
    }

    private String queueUrlOf(String id) {
        String url = queueUrls.get(id);
        if (url == null) {
            throw new TemplateException("the URL of queue " + id + " is known only once the queue exists");
        }
        return url;
    }

    // --- parameters ------------------------------------------------------------------------------------------

    private Map<String, Object> bindParameters(Map<String, Object> declared, Map<String, String> overrides) {
        Set<String> unknown = new HashSet<>(overrides.keySet());
        unknown.removeAll(declared.keySet());
        if (!unknown.isEmpty()) {
            throw new TemplateException("parameter overrides name undeclared parameters: " + unknown);
        }
        Map<String, Object> bound = new LinkedHashMap<>();
        declared.forEach((name, body) -> {
            Map<String, Object> def = asMap(body, "Parameters." + name);
            Object raw = overrides.containsKey(name) ? overrides.get(name) : def.get("Default");
            if (raw == null) {
                throw new TemplateException(
                        "parameter " + name + " has no Default: pass --parameter-overrides " + name + "=<value>");
            }
            String value = Resolver.str(raw);
            if (def.get("AllowedValues") instanceof List<?> allowed
                    && allowed.stream().map(Resolver::str).noneMatch(value::equals)) {
                throw new TemplateException("parameter " + name + "=" + value + " is not one of " + allowed);
            }
            String type = String.valueOf(def.getOrDefault("Type", "String"));
            if (type.equals("CommaDelimitedList") || type.startsWith("List<")) {
                bound.put(name, value.isEmpty() ? List.of() : List.of(value.split("\\s*,\\s*")));
            } else {
                bound.put(name, value);
            }
        });
        return bound;
    }

    private Map<String, Object> section(String name) {
        return asMap(doc.getOrDefault(name, Map.of()), name);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object node, String where) {
        if (node == null) {
            return Map.of();
        }
        if (!(node instanceof Map<?, ?>)) {
            throw new TemplateException(where + " must be a mapping");
        }
        return (Map<String, Object>) node;
    }
}
