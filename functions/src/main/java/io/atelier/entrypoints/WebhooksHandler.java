package io.atelier.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.config.Adapters;
import io.atelier.http.ApiRequest;
import io.atelier.http.ApiResponses;
import io.atelier.http.HttpHandler;
import io.atelier.store.WebhookEndpoint;
import io.atelier.webhooks.WebhookService;
import io.atelier.webhooks.WebhookViews;
import java.util.Map;
import java.util.function.Function;

/** Webhook endpoints, their secrets, their delivery logs, pings and redelivery. */
public final class WebhooksHandler extends HttpHandler {
    private final WebhookService webhooks;

    /** Lambda: the runtime's environment, read once. */
    public WebhooksHandler() {
        this(System.getenv());
    }

    /** Configured from {@code environment} alone: the local runner gives each function its own. */
    public WebhooksHandler(Map<String, String> environment) {
        this(Adapters.from(environment).webhookService());
    }

    public WebhooksHandler(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @Override
    protected Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> routes() {
        return Map.of(
                "POST /webhooks",
                        request -> {
                            WebhookEndpoint created = webhooks.create(request.caller(), request.jsonBody());
                            return ApiResponses.json(
                                    201,
                                    WebhookViews.withSecret(created),
                                    Map.of("Location", "/webhooks/" + created.webhookId()));
                        },
                "GET /webhooks",
                        request -> ApiResponses.json(200, WebhookViews.endpoints(webhooks.list(request.caller()))),
                "PATCH /webhooks/{webhookId}",
                        request -> ApiResponses.json(
                                200,
                                WebhookViews.endpoint(webhooks.setEnabled(
                                        request.caller(), request.pathParameter("webhookId"), optionalBody(request)))),
                "DELETE /webhooks/{webhookId}",
                        request -> {
                            webhooks.delete(request.caller(), request.pathParameter("webhookId"));
                            return ApiResponses.empty(204, Map.of());
                        },
                "POST /webhooks/{webhookId}/rotate",
                        request -> ApiResponses.json(
                                200,
                                WebhookViews.withSecret(webhooks.rotate(
                                        request.caller(), request.pathParameter("webhookId"), optionalBody(request)))),
                "POST /webhooks/{webhookId}/ping",
                        request -> ApiResponses.json(
                                202,
                                WebhookViews.delivery(
                                        webhooks.ping(request.caller(), request.pathParameter("webhookId")))),
                "GET /webhooks/{webhookId}/deliveries",
                        request -> ApiResponses.json(
                                200,
                                WebhookViews.deliveries(webhooks.deliveries(
                                        request.caller(), request.pathParameter("webhookId"), request.page()))),
                "POST /webhooks/{webhookId}/deliveries/{deliveryId}/redeliver",
                        request -> ApiResponses.json(
                                202,
                                WebhookViews.delivery(webhooks.redeliver(
                                        request.caller(),
                                        request.pathParameter("webhookId"),
                                        request.pathParameter("deliveryId")))));
    }

    private static JsonNode optionalBody(ApiRequest request) {
        return request.body().isBlank() ? null : request.jsonBody();
    }
}
