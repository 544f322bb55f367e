package io.atelier.local.apigw;

import java.util.List;
import java.util.Map;

/** The JWT authorizer's verdict: the claims to pass on, or why the request gets a 401. */
public sealed interface AuthResult {

    record Allowed(Map<String, String> claims, List<String> scopes) implements AuthResult {}

    record Denied(String reason) implements AuthResult {}
}
