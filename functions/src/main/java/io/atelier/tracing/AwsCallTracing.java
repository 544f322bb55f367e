package io.atelier.tracing;

import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;

/** An X-Ray subsegment for every AWS SDK call (DynamoDB, S3, SQS): service, operation, region, request id, status. */
public final class AwsCallTracing implements ExecutionInterceptor {
    private static final ExecutionAttribute<Span> SPAN = new ExecutionAttribute<>("AtelierXRaySpan");
    private final XRay tracer;

    public AwsCallTracing(XRay tracer) {
        this.tracer = tracer;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        Span span = tracer.begin(service, "aws")
                .aws("operation", attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        var region = attributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
        if (region != null) span.aws("region", region.id());
        attributes.putAttribute(SPAN, span);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Span span = attributes.getAttribute(SPAN);
        if (span == null) return;
        answered(span, context.httpResponse());
        span.end();
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Span span = attributes.getAttribute(SPAN);
        if (span == null) return;
        context.httpResponse().ifPresent(response -> answered(span, response));
        span.failed(context.exception()).end();
    }

    private static void answered(Span span, SdkHttpResponse response) {
        response.firstMatchingHeader("x-amzn-RequestId")
                .or(() -> response.firstMatchingHeader("x-amz-request-id"))
                .ifPresent(id -> span.aws("request_id", id));
        span.response(response.statusCode(), -1);
    }
}
