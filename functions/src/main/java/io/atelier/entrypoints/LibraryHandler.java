package io.atelier.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.atelier.config.Adapters;
import io.atelier.core.JobPresets;
import io.atelier.core.PromptTemplates;
import io.atelier.http.ApiRequest;
import io.atelier.http.ApiResponses;
import io.atelier.http.HttpHandler;
import io.atelier.model.JobPreset;
import io.atelier.model.PromptTemplate;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A person's library, kept server-side for every device: prompt templates and their groups (the favourite one), and
 * presets of their own (saved job settings).
 */
public final class LibraryHandler extends HttpHandler {
    private final PromptTemplates templates;
    private final JobPresets presets;

    /** Lambda: the runtime's environment, read once. */
    public LibraryHandler() {
        this(System.getenv());
    }

    /** Configured from {@code environment} alone: the local runner gives each function its own. */
    public LibraryHandler(Map<String, String> environment) {
        this(Adapters.from(environment));
    }

    private LibraryHandler(Adapters adapters) {
        this(
                new PromptTemplates(adapters.templateStore(), Clock.systemUTC()),
                new JobPresets(adapters.presetStore(), adapters.providers(), Clock.systemUTC()));
    }

    public LibraryHandler(PromptTemplates templates, JobPresets presets) {
        this.templates = templates;
        this.presets = presets;
    }

    @Override
    protected Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> routes() {
        return Map.ofEntries(
                Map.entry("GET /templates", this::listTemplates),
                Map.entry("POST /templates", request -> {
                    PromptTemplate created = templates.create(request.caller(), request.jsonBody());
                    return ApiResponses.json(
                            201,
                            PromptTemplates.json(created),
                            Map.of("Location", "/templates/" + created.templateId()));
                }),
                Map.entry(
                        "GET /templates/{templateId}",
                        request -> ApiResponses.json(
                                200,
                                PromptTemplates.json(
                                        templates.get(request.caller(), request.pathParameter("templateId"))))),
                Map.entry(
                        "PUT /templates/{templateId}",
                        request -> ApiResponses.json(
                                200,
                                PromptTemplates.json(templates.update(
                                        request.caller(), request.pathParameter("templateId"), request.jsonBody())))),
                Map.entry("DELETE /templates/{templateId}", request -> {
                    templates.delete(request.caller(), request.pathParameter("templateId"));
                    return ApiResponses.empty(204, Map.of());
                }),
                Map.entry("POST /templates/import", request -> {
                    PromptTemplates.Imported imported = templates.importAll(request.caller(), request.jsonBody());
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("created", all(imported.created()));
                    out.put("skipped", imported.skipped());
                    return ApiResponses.json(200, out);
                }),
                Map.entry("PUT /template-settings", request -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("favouriteGroup", templates.setFavouriteGroup(request.caller(), request.jsonBody()));
                    return ApiResponses.json(200, out);
                }),
                Map.entry(
                        "GET /job-presets",
                        request -> ApiResponses.json(
                                200,
                                Map.of(
                                        "presets",
                                        presets.list(request.caller()).stream()
                                                .map(JobPresets::json)
                                                .toList()))),
                Map.entry("POST /job-presets", request -> {
                    JobPreset created = presets.create(request.caller(), request.jsonBody());
                    return ApiResponses.json(
                            201, JobPresets.json(created), Map.of("Location", "/job-presets/" + created.presetId()));
                }),
                Map.entry(
                        "GET /job-presets/{presetId}",
                        request -> ApiResponses.json(
                                200,
                                JobPresets.json(presets.get(request.caller(), request.pathParameter("presetId"))))),
                Map.entry(
                        "PUT /job-presets/{presetId}",
                        request -> ApiResponses.json(
                                200,
                                JobPresets.json(presets.update(
                                        request.caller(), request.pathParameter("presetId"), request.jsonBody())))),
                Map.entry("DELETE /job-presets/{presetId}", request -> {
                    presets.delete(request.caller(), request.pathParameter("presetId"));
                    return ApiResponses.empty(204, Map.of());
                }));
    }

    private APIGatewayV2HTTPResponse listTemplates(ApiRequest request) {
        PromptTemplates.Listing listing = templates.list(request.caller());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("templates", all(listing.templates()));
        out.put("favouriteGroup", listing.favouriteGroup());
        return ApiResponses.json(200, out);
    }

    private static List<Map<String, Object>> all(List<PromptTemplate> list) {
        return list.stream().map(PromptTemplates::json).toList();
    }
}
