package io.atelier.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.atelier.config.Adapters;
import io.atelier.core.Clock;
import io.atelier.core.PromptTemplates;
import io.atelier.http.ApiRequest;
import io.atelier.http.ApiResponses;
import io.atelier.http.HttpHandler;
import io.atelier.model.PromptTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A person's library: prompt templates and their groups (the favourite one), kept server-side for every device. */
public final class LibraryHandler extends HttpHandler {
    private final PromptTemplates templates;

    /** Lambda: the runtime's environment, read once. */
    public LibraryHandler() {
        this(System.getenv());
    }

    /** Configured from {@code environment} alone: the local runner gives each function its own. */
    public LibraryHandler(Map<String, String> environment) {
        this(Adapters.from(environment));
    }

    private LibraryHandler(Adapters adapters) {
        this(new PromptTemplates(adapters.templateStore(), Clock.SYSTEM));
    }

    public LibraryHandler(PromptTemplates templates) {
        this.templates = templates;
    }

    @Override
    protected Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> routes() {
        return Map.of(
                "GET /templates", request -> {
                    PromptTemplates.Listing listing = templates.list(request.caller());
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("templates", all(listing.templates()));
                    out.put("favouriteGroup", listing.favouriteGroup());
                    return ApiResponses.json(200, out);
                },
                "POST /templates", request -> {
                    PromptTemplate created = templates.create(request.caller(), request.jsonBody());
                    return ApiResponses.json(201, PromptTemplates.json(created), Map.of("Location", "/templates/" + created.templateId()));
                },
                "GET /templates/{templateId}", request -> ApiResponses.json(200,
                        PromptTemplates.json(templates.get(request.caller(), request.pathParameter("templateId")))),
                "PUT /templates/{templateId}", request -> ApiResponses.json(200, PromptTemplates.json(
                        templates.update(request.caller(), request.pathParameter("templateId"), request.jsonBody()))),
                "DELETE /templates/{templateId}", request -> {
                    templates.delete(request.caller(), request.pathParameter("templateId"));
                    return ApiResponses.empty(204, Map.of());
                },
                "POST /templates/import", request -> {
                    PromptTemplates.Imported imported = templates.importAll(request.caller(), request.jsonBody());
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("created", all(imported.created()));
                    out.put("skipped", imported.skipped());
                    return ApiResponses.json(200, out);
                },
                "PUT /template-settings", request -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("favouriteGroup", templates.setFavouriteGroup(request.caller(), request.jsonBody()));
                    return ApiResponses.json(200, out);
                });
    }

    private static List<Map<String, Object>> all(List<PromptTemplate> list) {
        return list.stream().map(PromptTemplates::json).toList();
    }
}
