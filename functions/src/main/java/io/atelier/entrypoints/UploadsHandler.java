package io.atelier.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.atelier.config.Adapters;
import io.atelier.core.Imports;
import io.atelier.core.JobService;
import io.atelier.core.UploadService;
import io.atelier.http.ApiException;
import io.atelier.http.ApiRequest;
import io.atelier.http.ApiResponses;
import io.atelier.http.HttpHandler;
import io.atelier.http.Representations;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;

/** {@code POST /uploads}, {@code POST /imports}, {@code GET /imports/{importId}} and {@code DELETE /images/{imageId}}. */
public final class UploadsHandler extends HttpHandler {
    private final UploadService uploads;
    private final Imports imports;

    /** Lambda: the runtime's environment, read once. */
    public UploadsHandler() {
        this(System.getenv());
    }

    /** Configured from {@code environment} alone: the local runner gives each function its own. */
    public UploadsHandler(Map<String, String> environment) {
        this(Adapters.from(environment));
    }

    private UploadsHandler(Adapters adapters) {
        this(
                new UploadService(
                        adapters.imageStore(),
                        adapters.blobStore(),
                        adapters.configuration().limits(),
                        Clock.systemUTC(),
                        adapters.storedManifests()),
                adapters.imports());
    }

    /** Without imports: {@code POST /imports} answers 404. */
    public UploadsHandler(UploadService uploads) {
        this(uploads, null);
    }

    public UploadsHandler(UploadService uploads, Imports imports) {
        this.uploads = uploads;
        this.imports = imports;
    }

    @Override
    protected Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> routes() {
        return Map.of(
                "POST /uploads",
                        request -> {
                            request.caller();
                            if (JobService.isDryRun(request.jsonBody()))
                                return ApiResponses.json(
                                        200, Representations.placements(uploads.place(request.jsonBody())));
                            return ApiResponses.json(
                                    201,
                                    Representations.uploads(
                                            uploads.createUploads(request.caller(), request.jsonBody())));
                        },
                "POST /imports",
                        request -> {
                            if (imports == null) throw ApiException.notFound("Imports");
                            Map<String, Object> started = imports.start(request.caller(), request.jsonBody());
                            return ApiResponses.json(
                                    202, started, Map.of("Location", "/imports/" + started.get("importId")));
                        },
                "GET /imports/{importId}",
                        request -> {
                            if (imports == null) throw ApiException.notFound("Imports");
                            return ApiResponses.json(
                                    200, imports.status(request.caller(), request.pathParameter("importId")));
                        },
                "DELETE /images/{imageId}",
                        request -> {
                            uploads.delete(request.caller(), request.pathParameter("imageId"));
                            return ApiResponses.empty(204, Map.of());
                        });
    }
}
