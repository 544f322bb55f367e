package io.atelier.local.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the resources of a {@link Template} into the specs the runner acts on. Tables, queues and buckets can be
 * read as soon as the template is loaded; functions only once queues exist, because their environment usually
 * holds {@code !Ref Queue} (a queue URL).
 */
public final class TemplateReader {

    /**
     * The runner caps a local SQS mapping's concurrency here (pollers are threads that mostly wait): at least the
     * template's WorkerMaxConcurrency default, so that a provider cap of 10 can be filled locally as in AWS.
     */
    static final int MAX_LOCAL_SQS_CONCURRENCY = 16;

    static final int DEFAULT_SQS_CONCURRENCY = 2;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> QUEUE_ATTRIBUTES = List.of(
            "DelaySeconds",
            "MaximumMessageSize",
            "MessageRetentionPeriod",
            "ReceiveMessageWaitTimeSeconds",
            "VisibilityTimeout",
            "FifoQueue",
            "ContentBasedDeduplication",
            "DeduplicationScope",
            "FifoThroughputLimit");

    private final Template template;

    public TemplateReader(Template template) {
        this.template = template;
    }

    public Template template() {
        return template;
    }

    public List<TableSpec> tables() {
        List<TableSpec> tables = new ArrayList<>();
        for (String id : template.resourcesOfType(Template.TABLE)) {
            Map<String, Object> props = resolvedMap(template.rawProperties(id), id + ".Properties");
            tables.add(new TableSpec(id, template.tableName(id), props));
        }
        return tables;
    }

    /** Queues in creation order: every dead-letter queue before the queues that redrive to it. */
    public List<QueueSpec> queues() {
        List<QueueSpec> plain = new ArrayList<>();
        List<QueueSpec> redriving = new ArrayList<>();
        for (String id : template.resourcesOfType(Template.QUEUE)) {
            Map<String, Object> props = template.rawProperties(id);
            Map<String, String> attributes = new LinkedHashMap<>();
            for (String name : QUEUE_ATTRIBUTES) {
                if (props.containsKey(name)) {
                    String value = template.resolveString(props.get(name), id + "." + name);
                    if (value != null) {
                        attributes.put(name, value);
                    }
                }
            }
            String dlq = null;
            Object redrive = template.resolve(props.get("RedrivePolicy"), id + ".RedrivePolicy");
            if (redrive != null) {
                Map<String, Object> policy = redrivePolicy(redrive, id);
                dlq = StackIdentity.lastArnPart(String.valueOf(policy.get("deadLetterTargetArn")));
                attributes.put("RedrivePolicy", json(policy));
            }
            QueueSpec spec = new QueueSpec(id, template.queueName(id), attributes, dlq);
            (dlq == null ? plain : redriving).add(spec);
        }
        plain.addAll(redriving);
        return plain;
    }

    public List<BucketSpec> buckets() {
        return template.resourcesOfType(Template.BUCKET).stream()
                .map(id -> new BucketSpec(id, template.bucketName(id)))
                .toList();
    }

    public List<FunctionSpec> functions() {
        List<FunctionSpec> functions = new ArrayList<>();
        for (String id : template.resourcesOfType(Template.FUNCTION)) {
            functions.add(function(id));
        }
        return functions;
    }

    /** CORS of the (first) HttpApi, or of the implicit API via Globals.HttpApi. */
    public CorsSpec cors() {
        List<String> apis = template.resourcesOfType(Template.HTTP_API);
        Object config = apis.isEmpty()
                ? template.rawGlobals("HttpApi").get("CorsConfiguration")
                : template.propertiesWithGlobals(apis.get(0), "HttpApi").get("CorsConfiguration");
        Object resolved = template.resolve(config, "HttpApi.CorsConfiguration");
        if (resolved == null || Boolean.FALSE.equals(resolved) || "false".equals(resolved)) {
            return CorsSpec.NONE;
        }
        if (!(resolved instanceof Map<?, ?> cors)) {
            return CorsSpec.ALLOW_ALL;
        }
        Object maxAge = cors.get("MaxAge");
        return new CorsSpec(
                strings(cors.get("AllowOrigins")),
                strings(cors.get("AllowMethods")),
                strings(cors.get("AllowHeaders")),
                strings(cors.get("ExposeHeaders")),
                maxAge == null ? null : Integer.valueOf(String.valueOf(maxAge)),
                Boolean.parseBoolean(String.valueOf(cors.get("AllowCredentials"))));
    }

    private FunctionSpec function(String id) {
        Map<String, Object> props = template.propertiesWithGlobals(id, "Function");
        String handler = template.resolveString(props.get("Handler"), id + ".Handler");
        if (handler == null || handler.isBlank()) {
            throw new TemplateException(id + ": Handler is required");
        }
        int sep = handler.indexOf("::");
        String handlerClass = sep < 0 ? handler : handler.substring(0, sep);
        String method = sep < 0 ? "handleRequest" : handler.substring(sep + 2);

        Map<String, String> environment = new LinkedHashMap<>();
        Object envNode = props.get("Environment") instanceof Map<?, ?> env ? env.get("Variables") : null;
        Template.asMap(envNode, id + ".Environment.Variables").forEach((name, value) -> {
            String resolved = template.resolveString(value, id + ".Environment.Variables." + name);
            if (resolved != null) {
                environment.put(name, resolved);
            }
        });

        List<HttpRouteSpec> routes = new ArrayList<>();
        List<SqsSourceSpec> sqs = new ArrayList<>();
        List<S3SourceSpec> s3 = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        List<ScheduleSpec> schedules = new ArrayList<>();
        Template.asMap(props.get("Events"), id + ".Events").forEach((eventId, body) -> {
            Map<String, Object> event = Template.asMap(body, id + ".Events." + eventId);
            String type = String.valueOf(event.get("Type"));
            String where = id + ".Events." + eventId + ".Properties";
            Map<String, Object> ep = resolvedMap(event.getOrDefault("Properties", Map.of()), where);
            switch (type) {
                case "HttpApi" -> routes.add(route(id, eventId, ep));
                case "SQS" -> sqs.add(sqsSource(id, eventId, ep));
                case "S3" -> s3.add(s3Source(id, eventId, ep));
                case "Schedule" -> {
                    ScheduleSpec schedule = new ScheduleSpec(
                            id,
                            eventId,
                            String.valueOf(ep.get("Schedule")),
                            !"false".equalsIgnoreCase(String.valueOf(ep.get("Enabled"))));
                    if (schedule.rate().isPresent()) {
                        schedules.add(schedule);
                    } else {
                        ignored.add("Schedule event " + eventId + " (" + schedule.expression()
                                + ": only rate() runs locally)");
                    }
                }
                default -> ignored.add(type + " event " + eventId);
            }
        });
        return new FunctionSpec(
                id,
                template.functionName(id),
                handlerClass,
                method,
                intOr(template.resolve(props.get("Timeout"), id + ".Timeout"), 3),
                intOr(template.resolve(props.get("MemorySize"), id + ".MemorySize"), 128),
                Map.copyOf(environment),
                List.copyOf(routes),
                List.copyOf(sqs),
                List.copyOf(s3),
                List.copyOf(ignored),
                List.copyOf(schedules));
    }

    private static HttpRouteSpec route(String functionId, String eventId, Map<String, Object> props) {
        Object path = props.get("Path");
        String method = props.get("Method") == null
                ? "ANY"
                : String.valueOf(props.get("Method")).toUpperCase(Locale.ROOT);
        Map<?, ?> auth = props.get("Auth") instanceof Map<?, ?> a ? a : Map.of();
        boolean open = "NONE".equals(String.valueOf(auth.get("Authorizer")));
        return new HttpRouteSpec(
                functionId,
                eventId,
                method,
                path == null ? "$default" : String.valueOf(path),
                !open,
                strings(auth.get("AuthorizationScopes")));
    }

    private SqsSourceSpec sqsSource(String functionId, String eventId, Map<String, Object> props) {
        String arn = String.valueOf(props.get("Queue"));
        int batch = Math.max(1, Math.min(10, intOr(props.get("BatchSize"), 10)));
        Map<?, ?> scaling = props.get("ScalingConfig") instanceof Map<?, ?> s ? s : Map.of();
        int concurrency = Math.min(
                MAX_LOCAL_SQS_CONCURRENCY,
                Math.max(1, intOr(scaling.get("MaximumConcurrency"), DEFAULT_SQS_CONCURRENCY)));
        boolean partial = strings(props.get("FunctionResponseTypes")).contains("ReportBatchItemFailures");
        boolean enabled = !"false".equalsIgnoreCase(String.valueOf(props.get("Enabled")));
        return new SqsSourceSpec(
                functionId, eventId, arn, StackIdentity.lastArnPart(arn), batch, concurrency, partial, enabled);
    }

    private static S3SourceSpec s3Source(String functionId, String eventId, Map<String, Object> props) {
        String prefix = "";
        String suffix = "";
        Object filter = props.get("Filter") instanceof Map<?, ?> f && f.get("S3Key") instanceof Map<?, ?> k
                ? k.get("Rules")
                : null;
        if (filter instanceof List<?> rules) {
            for (Object rule : rules) {
                if (rule instanceof Map<?, ?> r) {
                    String name = String.valueOf(r.get("Name")).toLowerCase(Locale.ROOT);
                    String value = String.valueOf(r.get("Value"));
                    if (name.equals("prefix")) {
                        prefix = value;
                    } else if (name.equals("suffix")) {
                        suffix = value;
                    }
                }
            }
        }
        return new S3SourceSpec(
                functionId, eventId, String.valueOf(props.get("Bucket")), strings(props.get("Events")), prefix, suffix);
    }

    private Map<String, Object> redrivePolicy(Object redrive, String id) {
        if (redrive instanceof Map<?, ?> map) {
            Map<String, Object> policy = new LinkedHashMap<>();
            map.forEach((k, v) -> policy.put(String.valueOf(k), v));
            return policy;
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> parsed = JSON.readValue(String.valueOf(redrive), Map.class);
            return parsed;
        } catch (JsonProcessingException e) {
            throw new TemplateException(id + ".RedrivePolicy is neither a mapping nor JSON", e);
        }
    }

    private Map<String, Object> resolvedMap(Object raw, String where) {
        Object resolved = template.resolve(raw, where);
        return Template.asMap(resolved, where);
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }

    private static int intOr(Object value, int fallback) {
        return value == null ? fallback : Integer.parseInt(String.valueOf(value).trim());
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new TemplateException("cannot write JSON: " + e.getMessage(), e);
        }
    }
}
