package io.atelier.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.config.Adapters;
import io.atelier.core.ArchiveRequests;
import io.atelier.core.Archives;
import io.atelier.core.Exports;
import io.atelier.core.Imports;
import io.atelier.core.JobService;
import io.atelier.core.Limits;
import io.atelier.http.ApiException;
import io.atelier.http.ApiRequest;
import io.atelier.http.ApiResponses;
import io.atelier.http.HttpHandler;
import io.atelier.http.Representations;
import io.atelier.model.Ids;
import io.atelier.model.Job;
import io.atelier.plans.Plan;
import io.atelier.store.BlobStore;
import io.atelier.store.JobStore;
import io.atelier.webhooks.WebhookService;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Submitting, canceling and retrying jobs, reviewing their results and archiving them: the routes that change a job. */
public final class JobsHandler extends HttpHandler {
    private final JobService jobs;
    private final Representations views;
    private final Archives archives;
    private final WebhookService webhooks;
    private final ArchiveRequests archiveRequests;
    private final Exports exports;
    private final Imports imports;

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
        this(
                adapters.jobService(),
                new Representations(blobs, limits.downloadUrlTtl()),
                new Archives(jobStore, blobs, Clock.systemUTC(), limits.downloadUrlTtl()),
                adapters.configuration().webhooks().queueUrl().isPresent() ? adapters.webhookService() : null,
                adapters.archiveRequests(),
                adapters.exports(),
                adapters.imports());
    }

    /** Without archives: {@code POST /jobs/{jobId}/archive} answers 404. */
    public JobsHandler(JobService jobs, Representations views) {
        this(jobs, views, null);
    }

    public JobsHandler(JobService jobs, Representations views, Archives archives) {
        this(jobs, views, archives, null);
    }

    /** With webhooks: a job may name the endpoint its events go to ({@code webhookId}); without, the field is refused. */
    public JobsHandler(JobService jobs, Representations views, Archives archives, WebhookService webhooks) {
        this(jobs, views, archives, webhooks, null, null);
    }

    /** With archive requests, a zip past their thresholds is built in the background (202, then polled). */
    public JobsHandler(
            JobService jobs,
            Representations views,
            Archives archives,
            WebhookService webhooks,
            ArchiveRequests archiveRequests,
            Exports exports) {
        this(jobs, views, archives, webhooks, archiveRequests, exports, null);
    }

    /** With imports, a job may take its inputs from an S3 prefix ({@code source}); without, that field is refused. */
    public JobsHandler(
            JobService jobs,
            Representations views,
            Archives archives,
            WebhookService webhooks,
            ArchiveRequests archiveRequests,
            Exports exports,
            Imports imports) {
        this.imports = imports;
        this.exports = exports;
        this.jobs = jobs;
        this.views = views;
        this.archives = archives;
        this.webhooks = webhooks;
        this.archiveRequests = archiveRequests;
    }

    @Override
    protected Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> routes() {
        return Map.ofEntries(
                Map.entry("POST /jobs", request -> {
                    if (JobService.isDryRun(request.jsonBody()))
                        return ApiResponses.json(
                                200,
                                request.jsonBody().has("source")
                                        ? sourceDryRun(request)
                                        : views.dryRun(
                                                jobs.dryRun(request.caller(), plan(request), request.jsonBody())));
                    Optional<String> webhookId = namedWebhook(request);
                    if (request.jsonBody().has("source")) return fromSource(request);
                    JobService.Submission submission = jobs.accept(
                            request.caller(), plan(request), request.jsonBody(), request.header("Idempotency-Key"));
                    Job job = submission.job();
                    if (!submission.replayed())
                        webhookId.ifPresent(id -> webhooks.linkJob(request.caller(), job.jobId(), id, job.createdAt()));
                    Map<String, String> headers = submission.replayed()
                            ? Map.of("Location", "/jobs/" + job.jobId(), "Idempotent-Replayed", "true")
                            : Map.of("Location", "/jobs/" + job.jobId());
                    return ApiResponses.json(202, views.job(job), headers);
                }),
                Map.entry(
                        "PATCH /jobs/{jobId}",
                        request -> ApiResponses.json(
                                200,
                                views.job(jobs.changeBudget(
                                        request.caller(),
                                        plan(request),
                                        request.pathParameter("jobId"),
                                        request.jsonBody())))),
                Map.entry(
                        "POST /jobs/{jobId}/cancel",
                        request -> accepted(jobs.cancel(request.caller(), request.pathParameter("jobId")))),
                Map.entry(
                        "POST /jobs/{jobId}/continue",
                        request -> accepted(jobs.continuePilot(request.caller(), request.pathParameter("jobId")))),
                Map.entry(
                        "POST /jobs/{jobId}/retry",
                        request -> accepted(jobs.retry(
                                request.caller(),
                                plan(request),
                                request.pathParameter("jobId"),
                                request.queryId("taskId", Ids.TASK)))),
                Map.entry(
                        "POST /jobs/{jobId}/tasks/{taskId}/review",
                        request -> ApiResponses.json(
                                200,
                                views.task(jobs.review(
                                        request.caller(),
                                        request.pathParameter("jobId"),
                                        request.pathParameter("taskId"),
                                        optionalBody(request))))),
                Map.entry("POST /jobs/{jobId}/review", request -> {
                    JobService.BulkReview done =
                            jobs.reviewAll(request.caller(), request.pathParameter("jobId"), request.jsonBody());
                    return ApiResponses.json(
                            200,
                            Map.of("matched", done.matched(), "changed", done.changed(), "job", views.job(done.job())));
                }),
                Map.entry(
                        "POST /jobs/{jobId}/rerun",
                        request -> accepted(jobs.rerun(
                                request.caller(),
                                plan(request),
                                request.pathParameter("jobId"),
                                optionalBody(request)))),
                Map.entry("POST /jobs/{jobId}/archive", this::archive),
                Map.entry("POST /jobs/{jobId}/export", request -> {
                    String jobId = request.pathParameter("jobId");
                    if (exports == null) throw ApiException.notFound("Exports of job " + jobId);
                    Map<String, Object> started = exports.start(request.caller(), jobId, optionalBody(request));
                    return ApiResponses.json(
                            202, started, Map.of("Location", "/jobs/" + jobId + "/exports/" + started.get("exportId")));
                }),
                Map.entry("GET /jobs/{jobId}/exports/{exportId}", request -> {
                    String jobId = request.pathParameter("jobId");
                    if (exports == null) throw ApiException.notFound("Exports of job " + jobId);
                    return ApiResponses.json(
                            200, exports.status(request.caller(), jobId, request.pathParameter("exportId")));
                }),
                Map.entry("GET /jobs/{jobId}/archives/{archiveId}", request -> {
                    String jobId = request.pathParameter("jobId");
                    if (archiveRequests == null) throw ApiException.notFound("Archives of job " + jobId);
                    return ApiResponses.json(
                            200, archiveRequests.status(request.caller(), jobId, request.pathParameter("archiveId")));
                }));
    }

    /**
     * A job over an S3 prefix: the import is started (202) and polled; it submits the job once the objects are in. A
     * repeated Idempotency-Key answers the first request's import, as a replayed job is answered.
     */
    private APIGatewayV2HTTPResponse fromSource(ApiRequest request) {
        if (imports == null) throw ApiException.validation("source", "Imports are not configured on this stack.");
        Plan plan = plan(request);
        Imports.Started started = imports.startJob(
                request.caller(),
                request.jsonBody(),
                request.header("Idempotency-Key"),
                job -> jobs.check(request.caller(), plan, job),
                plan == null ? null : plan.name());
        String location = "/imports/" + started.importId();
        return ApiResponses.json(
                202,
                started.importJson(),
                started.replayed()
                        ? Map.of("Location", location, "Idempotent-Replayed", "true")
                        : Map.of("Location", location));
    }

    /** A dry run over an S3 prefix: the estimate from one bounded listing of it; nothing is created. */
    private Map<String, Object> sourceDryRun(ApiRequest request) {
        if (imports == null) throw ApiException.validation("source", "Imports are not configured on this stack.");
        Plan plan = plan(request);
        return views.dryRun(imports.dryRunJob(
                request.caller(),
                request.jsonBody(),
                (probe, count, complete) -> jobs.dryRunImported(request.caller(), plan, probe, count, complete)));
    }

    private Optional<String> namedWebhook(ApiRequest request) {
        if (webhooks != null) return webhooks.namedBy(request.caller(), request.jsonBody());
        JsonNode given = request.jsonBody().get("webhookId");
        if (given != null && !given.isNull())
            throw ApiException.validation("webhookId", "Webhooks are not configured on this stack.");
        return Optional.empty();
    }

    private APIGatewayV2HTTPResponse archive(ApiRequest request) {
        String caller = request.caller();
        String jobId = request.pathParameter("jobId");
        if (archiveRequests != null) {
            ArchiveRequests.Answer answer = archiveRequests.request(caller, jobId, optionalBody(request));
            return answer.built() != null
                    ? ApiResponses.json(201, Representations.archive(answer.built()))
                    : ApiResponses.json(
                            202,
                            answer.pending(),
                            Map.of(
                                    "Location",
                                    "/jobs/" + jobId + "/archives/"
                                            + answer.pending().get("archiveId")));
        }
        if (archives == null) throw ApiException.notFound("Archives of job " + jobId);
        Archives.Archive archive = archives.create(caller, jobId, optionalBody(request));
        return ApiResponses.json(201, Representations.archive(archive));
    }

    /** The caller's plan, from the token's claims (null where the service applies none). */
    private Plan plan(ApiRequest request) {
        return jobs.planOf(request.claims());
    }

    /** The JSON object body, or null when there is none (an optional body, or a field the caller left out). */
    private static JsonNode optionalBody(ApiRequest request) {
        return request.body().isBlank() ? null : request.jsonBody();
    }

    private APIGatewayV2HTTPResponse accepted(Job job) {
        return ApiResponses.json(202, views.job(job));
    }
}
