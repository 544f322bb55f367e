package io.atelier.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.atelier.core.DomainException;
import io.atelier.logging.LogContext;
import io.atelier.store.InvalidCursorException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Base of the HTTP handlers: dispatches on the route key and turns every refusal into problem details. An
 * unexpected fault answers a plain 500 problem with no internals; the details go to the log only.
 */
public abstract class HttpHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = Logger.getLogger(HttpHandler.class.getName());

    /** Route key ("POST /jobs/{jobId}/cancel", as API Gateway sends it) to its action. */
    protected abstract Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> routes();

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        LogContext.begin(context == null ? null : context.getAwsRequestId());
        if (event.getPathParameters() != null)
            for (String id : List.of(LogContext.JOB_ID, LogContext.TASK_ID, LogContext.IMAGE_ID))
                LogContext.put(id, event.getPathParameters().get(id));
        ApiRequest request = new ApiRequest(event);
        var action = routes().get(request.routeKey());
        try {
            if (action == null)
                throw new ApiException(
                        404, ApiException.NOT_FOUND, "Not found", "No such route: " + request.routeKey(), null);
            return action.apply(request);
        } catch (ApiException e) {
            return ApiResponses.problem(e);
        } catch (DomainException e) {
            return ApiResponses.problem(Problems.of(e));
        } catch (InvalidCursorException e) {
            return ApiResponses.problem(ApiException.validation("cursor", e.getMessage()));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Unhandled error on " + request.routeKey(), e);
            return ApiResponses.problem(new ApiException(
                    500,
                    "/problems/internal",
                    "Internal error",
                    "Something went wrong on our side; try again. If it keeps happening, report the time of the request.",
                    null));
        }
    }
}
