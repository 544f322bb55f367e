package io.atelier.local.apigw;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.local.template.HttpRouteSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private static HttpRouteSpec route(String method, String path) {
        return new HttpRouteSpec("Fn", method + path, method, path, true, List.of());
    }

    private final RouteTable table = new RouteTable(List.of(
            route("GET", "/jobs/{jobId}"),
            route("GET", "/jobs/latest"),
            route("ANY", "/jobs/{jobId}"),
            route("POST", "/jobs/{jobId}/cancel"),
            route("GET", "/files/{proxy+}")));

    @Test
    void literalSegmentsWinOverParameters() {
        assertThat(table.match("GET", "/jobs/latest"))
                .get()
                .satisfies(m -> assertThat(m.route().path()).isEqualTo("/jobs/latest"));
    }

    @Test
    void methodSpecificRoutesWinOverAny() {
        assertThat(table.match("GET", "/jobs/j1").get().route().method()).isEqualTo("GET");
        assertThat(table.match("DELETE", "/jobs/j1").get().route().method()).isEqualTo("ANY");
    }

    @Test
    void pathParametersAreDecoded() {
        assertThat(table.match("POST", "/jobs/a%20b+c/cancel").get().pathParameters())
                .isEqualTo(Map.of("jobId", "a b+c"));
        assertThat(table.match("GET", "/files/a/b%2Fc.png").get().pathParameters())
                .isEqualTo(Map.of("proxy", "a/b/c.png"));
    }

    @Test
    void noMatchWithoutDefaultRoute() {
        assertThat(table.match("GET", "/jobs")).isEmpty();
        assertThat(table.match("GET", "/jobs/")).isEmpty();
        assertThat(table.match("GET", "/files/")).isEmpty();
        assertThat(table.match("POST", "/jobs/j1/cancel/x")).isEmpty();
    }

    @Test
    void defaultRouteCatchesTheRest() {
        RouteTable withDefault = new RouteTable(
                List.of(route("GET", "/a"), new HttpRouteSpec("Fn", "Default", "ANY", "$default", true, List.of())));
        assertThat(withDefault.match("PUT", "/anything").get().route().routeKey())
                .isEqualTo("$default");
    }
}
