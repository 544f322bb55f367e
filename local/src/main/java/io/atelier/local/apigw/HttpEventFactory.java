package io.atelier.local.apigw;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the payload-2.0 event API Gateway's HTTP API sends to a Lambda integration. */
final class HttpEventFactory {

    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern(
                    "dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private HttpEventFactory() {}

    static APIGatewayV2HTTPEvent build(
            HttpExchange exchange,
            RouteTable.Match match,
            byte[] body,
            AuthResult.Allowed auth,
            String requestId,
            Instant now) {
        String rawPath = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();

        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                values.forEach(v -> cookies.addAll(splitCookies(v)));
            } else {
                headers.merge(lower, String.join(",", values), (a, b) -> a + "," + b);
            }
        });
        headers.putIfAbsent("x-forwarded-for", sourceIp);
        headers.putIfAbsent("x-forwarded-proto", "http");
        headers.putIfAbsent(
                "x-forwarded-port", String.valueOf(exchange.getLocalAddress().getPort()));

        String host = headers.getOrDefault("host", "localhost");
        String domainName = host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
        String domainPrefix = domainName.contains(".") ? domainName.substring(0, domainName.indexOf('.')) : domainName;

        RequestContext.RequestContextBuilder context = RequestContext.builder()
                .withAccountId("000000000000")
                .withApiId("local")
                .withDomainName(domainName)
                .withDomainPrefix(domainPrefix)
                .withHttp(RequestContext.Http.builder()
                        .withMethod(exchange.getRequestMethod())
                        .withPath(rawPath)
                        .withProtocol("HTTP/1.1")
                        .withSourceIp(sourceIp)
                        .withUserAgent(headers.get("user-agent"))
                        .build())
                .withRequestId(requestId)
                .withRouteKey(match.route().routeKey())
                .withStage("$default")
                .withTime(REQUEST_TIME.format(now))
                .withTimeEpoch(now.toEpochMilli());
        if (auth != null) {
            context.withAuthorizer(RequestContext.Authorizer.builder()
                    .withJwt(RequestContext.Authorizer.JWT
                            .builder()
                            .withClaims(auth.claims())
                            .withScopes(auth.scopes().isEmpty() ? null : auth.scopes())
                            .build())
                    .build());
        }

        APIGatewayV2HTTPEvent.APIGatewayV2HTTPEventBuilder event = APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(match.route().routeKey())
                .withRawPath(rawPath)
                .withRawQueryString(rawQuery == null ? "" : rawQuery)
                .withCookies(cookies.isEmpty() ? null : cookies)
                .withHeaders(headers)
                .withQueryStringParameters(query(rawQuery))
                .withPathParameters(match.pathParameters().isEmpty() ? null : match.pathParameters())
                .withRequestContext(context.build());
        if (body.length > 0) {
            if (BodyEncoding.isText(headers.get("content-type"))) {
                event.withBody(new String(body, StandardCharsets.UTF_8)).withIsBase64Encoded(false);
            } else {
                event.withBody(Base64.getEncoder().encodeToString(body)).withIsBase64Encoded(true);
            }
        } else {
            event.withIsBase64Encoded(false);
        }
        return event.build();
    }

    /** Query parameters as API Gateway gives them: decoded, repeated keys joined with commas, null when none. */
    static Map<String, String> query(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = PercentDecoding.decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : PercentDecoding.decodeQuery(pair.substring(eq + 1));
            params.merge(key, value, (a, b) -> a + "," + b);
        }
        return params.isEmpty() ? null : params;
    }

    private static List<String> splitCookies(String header) {
        List<String> out = new ArrayList<>();
        for (String part : header.split(";")) {
            String cookie = part.strip();
            if (!cookie.isEmpty()) {
                out.add(cookie);
            }
        }
        return out;
    }
}
