package io.atelier.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.atelier.config.Adapters;
import io.atelier.core.Clock;
import io.atelier.core.Limits;
import io.atelier.core.UploadService;
import io.atelier.http.ApiRequest;
import io.atelier.http.ApiResponses;
import io.atelier.http.HttpHandler;
import java.util.Map;
import java.util.function.Function;

/** {@code POST /uploads} and {@code DELETE /images/{imageId}}. */
public final class UploadsHandler extends HttpHandler {
    private final UploadService uploads;

    public UploadsHandler() {
        this(new UploadService(Adapters.imageStore(), Adapters.blobStore(), Limits.fromEnv(), Clock.SYSTEM));
    }

    public UploadsHandler(UploadService uploads) {
        this.uploads = uploads;
    }

    @Override
    protected Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> routes() {
        return Map.of(
                "POST /uploads", request -> ApiResponses.json(201, uploads.createUploads(request.caller(), request.jsonBody())),
                "DELETE /images/{imageId}", request -> {
                    uploads.delete(request.caller(), request.pathParameter("imageId"));
                    return ApiResponses.empty(204, Map.of());
                });
    }
}
