package io.atelier.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.atelier.config.Adapters;
import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.core.Archives;
import java.time.Clock;
import io.atelier.core.JobService;
import io.atelier.core.Limits;
import io.atelier.http.ApiException;
import io.atelier.http.ApiRequest;
import io.atelier.http.ApiResponses;
import io.atelier.http.HttpHandler;
import io.atelier.http.Representations;
import io.atelier.model.Ids;
import io.atelier.model.Job;
import io.atelier.store.BlobStore;
import io.atelier.store.JobStore;
import java.util.Map;
import java.util.function.Function;

/** Submitting, canceling and retrying jobs, reviewing their results and archiving them: the routes that change a job. */
public final class JobsHandler extends HttpHandler {
    private final JobService jobs;
    private final Representations views;
    private final Archives archives;

    /** Lambda: the runtime's environment, read once. */
    public JobsHandler() {
        this(System.getenv());
    }

    /** Configured from {@code environment} alone: the local runner gives each function its own. */
    public JobsHandler(Map<String, String> environment) {
        this(Adapters.from(environment));
    }

    private JobsHandler(Adapters adapters) {
        this(adapters, adapters.configuration().limits(), adapters.jobStore(), adapters.blobStore());
    }

    private JobsHandler(Adapters adapters, Limits limits, JobStore jobStore, BlobStore blobs) {
        this(new JobService(jobStore, adapters.imageStore(), adapters.taskQueue(), adapters.providers(), limits, Clock.systemUTC(),
                        adapters.costs()),
                new Representations(blobs, limits.downloadUrlTtl()),
                new Archives(jobStore, blobs, Clock.systemUTC(), limits.downloadUrlTtl()));
    }

    /** Without archives: {@code POST /jobs/{jobId}/archive} answers 404. */
    public JobsHandler(JobService jobs, Representations views) {
        this(jobs, views, null);
    }

    public JobsHandler(JobService jobs, Representations views, Archives archives) {
        this.jobs = jobs;
        this.views = views;
        this.archives = archives;
    }

    @Override
    protected Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> routes() {
        return Map.of(
                "POST /jobs", request -> {
                    if (JobService.isDryRun(request.jsonBody()))
                        return ApiResponses.json(200, views.dryRun(jobs.dryRun(request.caller(), request.jsonBody())));
                    JobService.Submission submission = jobs.accept(request.caller(), request.jsonBody(), request.header("Idempotency-Key"));
                    Job job = submission.job();
                    Map<String, String> headers = submission.replayed()
                            ? Map.of("Location", "/jobs/" + job.jobId(), "Idempotent-Replayed", "true")
                            : Map.of("Location", "/jobs/" + job.jobId());
                    return ApiResponses.json(202, views.job(job), headers);
                },
                "PATCH /jobs/{jobId}", request -> ApiResponses.json(200, views.job(jobs.changeBudget(request.caller(),
                        request.pathParameter("jobId"), request.jsonBody()))),
                "POST /jobs/{jobId}/cancel", request -> accepted(jobs.cancel(request.caller(), request.pathParameter("jobId"))),
                "POST /jobs/{jobId}/retry", request -> accepted(jobs.retry(request.caller(), request.pathParameter("jobId"),
                        request.queryId("taskId", Ids.TASK))),
                "POST /jobs/{jobId}/tasks/{taskId}/review", request -> ApiResponses.json(200, views.task(jobs.review(request.caller(),
                        request.pathParameter("jobId"), request.pathParameter("taskId"), optionalBody(request)))),
                "POST /jobs/{jobId}/archive", this::archive);
    }

    private APIGatewayV2HTTPResponse archive(ApiRequest request) {
        String caller = request.caller();
        String jobId = request.pathParameter("jobId");
        if (archives == null) throw ApiException.notFound("Archives of job " + jobId);
        Archives.Archive archive = archives.create(caller, jobId, optionalBody(request));
        return ApiResponses.json(201, Representations.archive(archive));
    }

    /** The JSON object body, or null when there is none (an optional body, or a field the caller left out). */
    private static JsonNode optionalBody(ApiRequest request) {
        return request.body().isBlank() ? null : request.jsonBody();
    }

    private APIGatewayV2HTTPResponse accepted(Job job) {
        return ApiResponses.json(202, views.job(job));
    }
}
