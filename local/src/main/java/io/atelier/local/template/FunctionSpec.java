package io.atelier.local.template;

import java.util.List;
import java.util.Map;

/** One AWS::Serverless::Function as the runner needs it: handler, limits, environment and event sources. */
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
        List<String> ignoredEvents) {
}
