package io.atelier.local.template;

import java.util.List;

/**
 * An HttpApi event: {@code method} is upper case or {@code ANY}; {@code path} is a route path such as
 * {@code /jobs/{jobId}} or {@code $default}. {@code authorized} is false only for {@code Auth.Authorizer: NONE}.
 */
public record HttpRouteSpec(
        String functionId, String eventId, String method, String path, boolean authorized, List<String> scopes) {

    public String routeKey() {
        return path.equals("$default") ? "$default" : method + " " + path;
    }
}
