package io.atelier.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.atelier.config.Adapters;
import io.atelier.core.JobService;
import io.atelier.core.Limits;
import io.atelier.core.NotFoundException;
import io.atelier.core.PlanGate;
import io.atelier.core.Projects;
import io.atelier.core.ResultChecks;
import io.atelier.core.StoredManifests;
import io.atelier.core.UploadService;
import io.atelier.http.ApiException;
import io.atelier.http.ApiRequest;
import io.atelier.http.ApiResponses;
import io.atelier.http.Catalogue;
import io.atelier.http.HttpHandler;
import io.atelier.http.OpenApiDocument;
import io.atelier.http.PlanViews;
import io.atelier.http.Representations;
import io.atelier.json.Json;
import io.atelier.model.ImageRecord;
import io.atelier.presets.Preset;
import io.atelier.presets.Presets;
import io.atelier.providers.ProviderRegistry;
import io.atelier.store.BlobStore;
import io.atelier.store.ImageStore;
import io.atelier.store.Page;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The read-only routes: health, the API's OpenAPI document, the provider catalogue, the marketplace presets, images, jobs, tasks and job events. Polling clients live here. */
public final class StatusHandler extends HttpHandler {
    private final UploadService images;
    private final StoredManifests manifests;
    private final JobService jobs;
    private final Projects projects;
    private final ProviderRegistry providers;
    private final Representations views;
    private final PlanGate plans;
    private final String currency;

    /** Lambda: the runtime's environment, read once. */
    public StatusHandler() {
        this(System.getenv());
    }

    /** Configured from {@code environment} alone: the local runner gives each function its own. */
    public StatusHandler(Map<String, String> environment) {
        this(Adapters.from(environment));
    }

    private StatusHandler(Adapters adapters) {
        this(
                adapters,
                adapters.imageStore(),
                adapters.blobStore(),
                adapters.providers(),
                adapters.configuration().limits());
    }

    /** Each adapter built once per container. No task queue: this function only reads (and has no SQS rights). */
    private StatusHandler(
            Adapters adapters, ImageStore imageStore, BlobStore blobs, ProviderRegistry providers, Limits limits) {
        this(
                new UploadService(imageStore, blobs, limits, Clock.systemUTC()),
                new JobService(adapters.jobStore(), imageStore, null, providers, limits, Clock.systemUTC()),
                new Projects(imageStore, adapters.jobStore()),
                providers,
                new Representations(blobs, limits.downloadUrlTtl()),
                adapters.storedManifests(),
                adapters.planGate(),
                adapters.configuration().pricing().table().currency());
    }

    /** Without manifests or plans: {@code GET /manifests/{manifestId}} and {@code GET /me} answer 404. */
    public StatusHandler(
            UploadService images,
            JobService jobs,
            Projects projects,
            ProviderRegistry providers,
            Representations views) {
        this(images, jobs, projects, providers, views, null, null, "USD");
    }

    public StatusHandler(
            UploadService images,
            JobService jobs,
            Projects projects,
            ProviderRegistry providers,
            Representations views,
            StoredManifests manifests,
            PlanGate plans,
            String currency) {
        this.manifests = manifests;
        this.plans = plans;
        this.currency = currency;
        this.images = images;
        this.jobs = jobs;
        this.projects = projects;
        this.providers = providers;
        this.views = views;
    }

    @Override
    protected Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> routes() {
        return Map.ofEntries(
                Map.entry("GET /health", request -> ApiResponses.json(200, Map.of("status", "ok"))),
                Map.entry("GET /openapi.json", request -> ApiResponses.json(200, OpenApiDocument.get())),
                Map.entry("GET /me", request -> {
                    String caller = request.caller();
                    if (plans == null) throw ApiException.notFound("Plans");
                    return ApiResponses.json(
                            200,
                            PlanViews.me(caller, plans.allowance(plans.planOf(request.claims()), caller), currency));
                }),
                Map.entry("GET /providers", request -> {
                    request.caller();
                    return ApiResponses.json(200, Catalogue.of(providers));
                }),
                Map.entry("GET /presets", request -> {
                    request.caller();
                    return ApiResponses.json(
                            200,
                            Map.of(
                                    "presets",
                                    Presets.all().stream().map(Preset::describe).toList()));
                }),
                Map.entry("GET /images", request -> {
                    Optional<String> project = request.query("project");
                    Optional<String> sku = request.query("sku");
                    if (sku.isPresent() && project.isEmpty())
                        throw ApiException.validation("sku", "a SKU is looked up in a project; add project=");
                    Page<ImageRecord> page = project.isPresent()
                            ? projects.images(request.caller(), project.get(), sku, request.page())
                            : images.list(request.caller(), request.page());
                    return ApiResponses.json(
                            200,
                            Representations.page(
                                    "images",
                                    page.items().stream().map(views::image).toList(),
                                    page.nextCursor()));
                }),
                Map.entry(
                        "GET /images/{imageId}",
                        request -> ApiResponses.json(
                                200, views.image(images.get(request.caller(), request.pathParameter("imageId"))))),
                Map.entry("GET /manifests/{manifestId}", request -> {
                    String manifestId = request.pathParameter("manifestId");
                    if (manifests == null) throw new NotFoundException("Manifest " + manifestId);
                    return ApiResponses.json(
                            200, Representations.manifest(manifests.preview(request.caller(), manifestId)));
                }),
                Map.entry(
                        "GET /projects",
                        request -> ApiResponses.json(
                                200,
                                Map.of(
                                        "projects",
                                        projects.list(request.caller()).stream()
                                                .map(Representations::project)
                                                .toList()))),
                Map.entry(
                        "GET /projects/{projectId}/skus",
                        request -> ApiResponses.json(
                                200,
                                Map.of(
                                        "skus",
                                        projects.skus(request.caller(), request.pathParameter("projectId")).stream()
                                                .map(views::sku)
                                                .toList()))),
                Map.entry("GET /jobs", request -> {
                    var page = jobs.list(request.caller(), request.query("status"), request.page());
                    return ApiResponses.json(
                            200,
                            Representations.page(
                                    "jobs",
                                    page.items().stream().map(views::job).toList(),
                                    page.nextCursor()));
                }),
                Map.entry("GET /jobs/{jobId}", this::job),
                Map.entry("GET /jobs/{jobId}/tasks", request -> {
                    Optional<List<String>> ids = TaskQueries.ids(request.query("ids"));
                    if (ids.isPresent()) {
                        return ApiResponses.json(
                                200,
                                Representations.page(
                                        "tasks",
                                        jobs.tasks(request.caller(), request.pathParameter("jobId"), ids.get()).stream()
                                                .map(views::task)
                                                .toList(),
                                        null));
                    }
                    var page = jobs.tasks(
                            request.caller(), request.pathParameter("jobId"), request.query("status"), request.page());
                    // ?checks=failed keeps the tasks whose result failed a compliance check (a page may then be short).
                    boolean failedOnly = checksFilter(request);
                    return ApiResponses.json(
                            200,
                            Representations.page(
                                    "tasks",
                                    page.items().stream()
                                            .filter(task -> !failedOnly || ResultChecks.anyFailed(task))
                                            .map(views::task)
                                            .toList(),
                                    page.nextCursor()));
                }),
                Map.entry("GET /jobs/{jobId}/events", request -> {
                    var page = jobs.events(
                            request.caller(),
                            request.pathParameter("jobId"),
                            TaskQueries.since(request.query("since")),
                            request.page());
                    return ApiResponses.json(
                            200,
                            Representations.page(
                                    "events",
                                    page.items().stream().map(views::event).toList(),
                                    page.nextCursor()));
                }));
    }

    private static boolean checksFilter(ApiRequest request) {
        Optional<String> checks = request.query("checks");
        if (checks.isPresent() && !checks.get().equals("failed"))
            throw ApiException.validation(
                    "checks", "checks can only be \"failed\" (the tasks whose result failed a check)");
        return checks.isPresent();
    }

    /** Pollers send If-None-Match; an unchanged job answers 304 without a body. */
    private APIGatewayV2HTTPResponse job(ApiRequest request) {
        Map<String, Object> body = views.job(jobs.get(request.caller(), request.pathParameter("jobId")));
        String etag = "\"" + digest(Json.write(body)) + "\"";
        boolean unchanged = request.header("If-None-Match")
                .map(value -> value.equals("*")
                        || Arrays.stream(value.split(","))
                                .map(String::trim)
                                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                                .anyMatch(etag::equals))
                .orElse(false);
        if (unchanged) return ApiResponses.empty(304, Map.of("ETag", etag, "Cache-Control", "no-store"));
        return ApiResponses.json(200, body, Map.of("ETag", etag));
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 27);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
