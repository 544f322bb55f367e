package io.atelier.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.atelier.config.Adapters;
import io.atelier.core.Clock;
import io.atelier.core.JobService;
import io.atelier.core.Limits;
import io.atelier.core.Representations;
import io.atelier.http.ApiRequest;
import io.atelier.http.ApiResponses;
import io.atelier.http.HttpHandler;
import io.atelier.model.Job;
import java.util.Map;
import java.util.function.Function;

/** Submitting, canceling and retrying jobs: the routes that change a job. */
public final class JobsHandler extends HttpHandler {
    private final JobService jobs;
    private final Representations views;

    public JobsHandler() {
        this(Limits.fromEnv());
    }

    private JobsHandler(Limits limits) {
        this(new JobService(Adapters.jobStore(), Adapters.imageStore(), Adapters.taskQueue(), Adapters.providers(), limits, Clock.SYSTEM),
                new Representations(Adapters.blobStore(), limits.downloadUrlTtl()));
    }

    public JobsHandler(JobService jobs, Representations views) {
        this.jobs = jobs;
        this.views = views;
    }

    @Override
    protected Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> routes() {
        return Map.of(
                "POST /jobs", request -> {
                    Job job = jobs.submit(request.caller(), request.jsonBody(), request.header("Idempotency-Key"));
                    return ApiResponses.json(202, views.job(job), Map.of("Location", "/jobs/" + job.jobId()));
                },
                "POST /jobs/{jobId}/cancel", request -> accepted(jobs.cancel(request.caller(), request.pathParameter("jobId"))),
                "POST /jobs/{jobId}/retry", request -> accepted(jobs.retry(request.caller(), request.pathParameter("jobId"),
                        request.query("taskId"))));
    }

    private APIGatewayV2HTTPResponse accepted(Job job) {
        return ApiResponses.json(202, views.job(job));
    }
}
