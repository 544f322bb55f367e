package io.atelier.local.apigw;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.atelier.local.lambda.FunctionException;
import io.atelier.local.lambda.LocalFunction;
import io.atelier.local.template.CorsSpec;
import io.atelier.local.template.HttpRouteSpec;
import io.atelier.plans.Plans;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HttpApi on 127.0.0.1: every route of the template as a payload-2.0 Lambda proxy integration behind the
 * emulated JWT authorizer, plus the runner's token endpoint, and the web app's files for any other GET.
 */
public final class HttpApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApiServer.class);

    private final HttpServer server;
    private final URI url;
    private ExecutorService executor;
    private RouteTable routes;
    private Map<String, LocalFunction> functions;
    private JwtAuthority authority;
    private StaticFiles files;
    private TokenEndpoint tokens;
    private Cors cors;

    private HttpApiServer(HttpServer server) {
        this.server = server;
        this.url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Takes 127.0.0.1:{@code port} (0 = a free port) before anything else starts, so that a busy port fails the
     * start at once; nothing is served until {@link #serve}.
     */
    public static HttpApiServer bind(int port) throws IOException {
        try {
            return new HttpApiServer(
                    HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 64));
        } catch (BindException e) {
            throw new IOException("port " + port + " is in use: stop what uses it or choose another (--port)", e);
        }
    }

    public HttpApiServer serve(
            RouteTable routes,
            Map<String, LocalFunction> functions,
            JwtAuthority authority,
            CorsSpec corsSpec,
            Path webDir,
            Plans plans) {
        this.routes = routes;
        this.functions = functions;
        this.authority = authority;
        this.files = new StaticFiles(webDir);
        this.tokens = new TokenEndpoint(authority, plans);
        int port = url.getPort();
        this.cors = new Cors(corsSpec, Set.of("http://localhost:" + port, "http://127.0.0.1:" + port));
        // Platform threads: on Java 21 a handler blocking inside synchronized SDK code would pin a virtual thread's
        // carrier, and a 2-core machine has only two.
        executor = Executors.newFixedThreadPool(
                32, Thread.ofPlatform().daemon().name("http-", 0).factory());
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    public URI url() {
        return url;
    }

    private void handle(HttpExchange exchange) {
        long start = System.nanoTime();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        String requestId = UUID.randomUUID().toString();
        try (exchange) {
            exchange.getResponseHeaders().set("apigw-requestid", requestId);
            if (Cors.isPreflight(exchange)) {
                cors.preflight(exchange);
                return;
            }
            cors.decorate(origin, exchange.getResponseHeaders());
            if (TokenEndpoint.handles(path)) {
                tokens.handle(exchange);
                return;
            }
            var match = routes.match(method, path);
            if (match.isEmpty()) {
                if ((method.equals("GET") || method.equals("HEAD")) && files.serve(exchange)) {
                    return;
                }
                if (LocalWebConfig.handles(method, path)) {
                    LocalWebConfig.answer(exchange, url);
                    return;
                }
                HttpResponses.message(exchange, 404, "Not Found");
                return;
            }
            HttpRouteSpec route = match.get().route();
            AuthResult.Allowed auth = null;
            if (route.authorized()) {
                AuthResult verdict =
                        authority.verify(exchange.getRequestHeaders().getFirst("Authorization"));
                if (verdict instanceof AuthResult.Denied denied) {
                    unauthorized(exchange, denied);
                    log(method, path, 401, start, route.functionId() + ", " + denied.reason());
                    return;
                }
                auth = (AuthResult.Allowed) verdict;
                if (!route.scopes().isEmpty() && route.scopes().stream().noneMatch(auth.scopes()::contains)) {
                    HttpResponses.message(exchange, 403, "Forbidden");
                    log(method, path, 403, start, route.functionId() + ", missing scope");
                    return;
                }
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            APIGatewayV2HTTPEvent event =
                    HttpEventFactory.build(exchange, match.get(), body, auth, requestId, Instant.now());
            int status = invoke(exchange, route, event, origin);
            log(method, path, status, start, route.functionId());
        } catch (IOException | RuntimeException e) {
            LOG.warn("{} {} failed: {}", method, path, e.toString());
            if (exchange.getResponseCode() < 0) {
                try {
                    HttpResponses.message(exchange, 500, "Internal Server Error");
                } catch (IOException gone) {
                    // the client is gone
                }
            }
        }
    }

    private int invoke(HttpExchange exchange, HttpRouteSpec route, APIGatewayV2HTTPEvent event, String origin)
            throws IOException {
        Object result;
        try {
            result = functions.get(route.functionId()).invoke(event);
        } catch (FunctionException e) {
            LOG.error(
                    "{} ({}) threw: {}",
                    route.functionId(),
                    route.routeKey(),
                    e.getCause() == null ? e : e.getCause().toString(),
                    e.getCause());
            HttpResponses.message(exchange, 500, "Internal Server Error");
            return 500;
        }
        APIGatewayV2HTTPResponse response;
        try {
            response = HttpResponses.fromResult(result);
        } catch (IOException | RuntimeException e) {
            LOG.error("{} returned what API Gateway cannot read as a response: {}", route.functionId(), e.toString());
            HttpResponses.message(exchange, 500, "Internal Server Error");
            return 500;
        }
        if (response == null || response.getStatusCode() < 100 || response.getStatusCode() > 599) {
            LOG.error("{} returned no valid statusCode: API Gateway answers 500", route.functionId());
            HttpResponses.message(exchange, 500, "Internal Server Error");
            return 500;
        }
        // API Gateway, not the function, decides CORS: applied again over the function's headers.
        return HttpResponses.write(exchange, response, headers -> cors.decorate(origin, headers));
    }

    /** 401 exactly as API Gateway's JWT authorizer answers; a rejected token also gets a WWW-Authenticate. */
    private static void unauthorized(HttpExchange exchange, AuthResult.Denied denied) throws IOException {
        if (!denied.reason().equals("no token")) {
            exchange.getResponseHeaders()
                    .set(
                            "www-authenticate",
                            "Bearer scope=\"\" error=\"invalid_token\" error_description=\"" + denied.reason() + "\"");
        }
        HttpResponses.message(exchange, 401, "Unauthorized");
    }

    private static void log(String method, String path, int status, long start, String detail) {
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (status >= 500) {
            LOG.warn("{} {} -> {} in {} ms ({})", method, path, status, millis, detail);
        } else {
            LOG.info("{} {} -> {} in {} ms ({})", method, path, status, millis, detail);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
