package io.atelier.local.apigw;

import io.atelier.local.template.HttpRouteSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HttpApi routes and API Gateway's choice among them: the most specific path wins (more literal segments, greedy
 * {@code {proxy+}} last), a route with the request's method beats {@code ANY}, and {@code $default} catches the
 * rest. Path parameters come back percent-decoded.
 */
public final class RouteTable {

    private final List<Route> routes;
    private final HttpRouteSpec defaultRoute;

    public RouteTable(List<HttpRouteSpec> specs) {
        List<Route> list = new ArrayList<>();
        HttpRouteSpec fallback = null;
        for (HttpRouteSpec spec : specs) {
            if (spec.path().equals("$default")) {
                fallback = spec;
            } else {
                list.add(new Route(spec, split(spec.path())));
            }
        }
        list.sort(Comparator.comparing((Route r) -> r.greedy())
                .thenComparing(Comparator.comparingInt(Route::literals).reversed())
                .thenComparing(r -> r.spec().method().equals("ANY"))
                .thenComparing(Comparator.comparingInt((Route r) -> r.segments().length)
                        .reversed()));
        this.routes = List.copyOf(list);
        this.defaultRoute = fallback;
    }

    public List<HttpRouteSpec> routes() {
        List<HttpRouteSpec> all =
                new ArrayList<>(routes.stream().map(Route::spec).toList());
        if (defaultRoute != null) {
            all.add(defaultRoute);
        }
        return all;
    }

    public Optional<Match> match(String method, String rawPath) {
        String[] segments = split(rawPath);
        for (Route route : routes) {
            if (!route.spec().method().equals("ANY") && !route.spec().method().equals(method)) {
                continue;
            }
            Map<String, String> params = route.bind(segments);
            if (params != null) {
                return Optional.of(new Match(route.spec(), params));
            }
        }
        return defaultRoute == null ? Optional.empty() : Optional.of(new Match(defaultRoute, Map.of()));
    }

    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.split("/", -1);
    }

    /** A matched route and its path parameters. */
    public record Match(HttpRouteSpec route, Map<String, String> pathParameters) {}

    private record Route(HttpRouteSpec spec, String[] segments) {

        boolean greedy() {
            return segments.length > 0 && segments[segments.length - 1].endsWith("+}");
        }

        int literals() {
            int n = 0;
            for (String s : segments) {
                if (!s.startsWith("{")) {
                    n++;
                }
            }
            return n;
        }

        /** Parameters if the request segments fit this route, else null. */
        Map<String, String> bind(String[] request) {
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < segments.length; i++) {
                String s = segments[i];
                boolean param = s.startsWith("{") && s.endsWith("}");
                if (param && s.endsWith("+}")) {
                    if (i >= request.length || request[i].isEmpty()) {
                        return null;
                    }
                    String rest = String.join("/", java.util.Arrays.copyOfRange(request, i, request.length));
                    params.put(s.substring(1, s.length() - 2), PercentDecoding.decode(rest));
                    return params;
                }
                if (i >= request.length) {
                    return null;
                }
                if (param) {
                    if (request[i].isEmpty()) {
                        return null;
                    }
                    params.put(s.substring(1, s.length() - 1), PercentDecoding.decode(request[i]));
                } else if (!s.equals(PercentDecoding.decode(request[i]))) {
                    return null;
                }
            }
            return segments.length == request.length ? params : null;
        }
    }
}
