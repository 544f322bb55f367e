package io.atelier.local.template;

import java.util.List;
import java.util.Map;

/** One AWS::Serverless::Function as the runner needs it: handler, limits, environment, event sources and schedules. */
public record FunctionSpec(
        String logicalId,
        String functionName,
        String handlerClass,
        String handlerMethod,
        int timeoutSeconds,
        int memoryMb,
        Map<String, String> environment,
        List<HttpRouteSpec> routes,
        List<SqsSourceSpec> sqsSources,
        List<S3SourceSpec> s3Sources,
        List<String> ignoredEvents,
        List<ScheduleSpec> schedules) {

    /** Without schedules. */
    public FunctionSpec(
            String logicalId,
            String functionName,
            String handlerClass,
            String handlerMethod,
            int timeoutSeconds,
            int memoryMb,
            Map<String, String> environment,
            List<HttpRouteSpec> routes,
            List<SqsSourceSpec> sqsSources,
            List<S3SourceSpec> s3Sources,
            List<String> ignoredEvents) {
        this(
                logicalId,
                functionName,
                handlerClass,
                handlerMethod,
                timeoutSeconds,
                memoryMb,
                environment,
                routes,
                sqsSources,
                s3Sources,
                ignoredEvents,
                List.of());
    }
}
