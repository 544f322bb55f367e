package io.atelier.local.apigw;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The local stand-in for the HttpApi's JWT authorizer and its identity provider: an RSA key made at start,
 * RS256 tokens for any user, and the checks API Gateway makes (signature, expiry, not-before, issuer, audience).
 */
public final class JwtAuthority {

    public static final String ISSUER = "atelier-local";
    public static final String AUDIENCE = "atelier-local";
    public static final Duration TOKEN_TTL = Duration.ofHours(1);
    public static final Pattern USER = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    static final String DEFAULT_SCOPE = "atelier/api";
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RSAKey key;

    private JwtAuthority(RSAKey key) {
        this.key = key;
    }

    public static JwtAuthority generate() {
        try {
            return new JwtAuthority(new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .generate());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot create the local signing key", e);
        }
    }

    /** A valid access token for {@code user}, for one hour. */
    public Token mint(String user) {
        return mint(user, null);
    }

    /** A valid access token for {@code user} in {@code plan}'s Cognito group (null: in none), for one hour. */
    public Token mint(String user, String plan) {
        Instant now = Instant.now();
        return mint(user, now, now.plus(TOKEN_TTL), ISSUER, AUDIENCE, plan);
    }

    /** A token with chosen times, issuer and audience: tests use it for expired or foreign tokens. */
    public Token mint(String user, Instant issuedAt, Instant expiresAt, String issuer, String audience) {
        return mint(user, issuedAt, expiresAt, issuer, audience, null);
    }

    private Token mint(String user, Instant issuedAt, Instant expiresAt, String issuer, String audience, String plan) {
        if (user == null || !USER.matcher(user).matches()) {
            throw new IllegalArgumentException("user must match " + USER.pattern());
        }
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(user)
                .audience(audience)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .claim("token_use", "access")
                .claim("scope", DEFAULT_SCOPE)
                .claim("client_id", audience)
                .claim("username", user)
                .claim("cognito:groups", plan == null ? null : List.of(plan))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return new Token(jwt.serialize(), expiresAt);
    }

    /** The public key as a JWKS document, as an identity provider publishes it. */
    public String jwks() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    /** Checks an Authorization header value ({@code Bearer <jwt>}, or the bare token, as API Gateway accepts). */
    public AuthResult verify(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return new AuthResult.Denied("no token");
        }
        String token = authorization.strip();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).strip();
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return new AuthResult.Denied("the token is not a JWT");
        }
        try {
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())
                    || !jwt.verify(new RSASSAVerifier(key.toRSAPublicKey()))) {
                return new AuthResult.Denied("signature verification failed");
            }
        } catch (JOSEException e) {
            return new AuthResult.Denied("signature verification failed");
        }
        Instant now = Instant.now();
        if (claims.getExpirationTime() == null
                || claims.getExpirationTime().toInstant().plus(CLOCK_SKEW).isBefore(now)) {
            return new AuthResult.Denied("the token has expired");
        }
        if (claims.getNotBeforeTime() != null
                && claims.getNotBeforeTime().toInstant().minus(CLOCK_SKEW).isAfter(now)) {
            return new AuthResult.Denied("the token is not valid yet");
        }
        if (!ISSUER.equals(claims.getIssuer())) {
            return new AuthResult.Denied("the token has an invalid issuer");
        }
        List<String> audience = claims.getAudience();
        boolean audienceOk =
                audience.isEmpty() ? AUDIENCE.equals(claims.getClaim("client_id")) : audience.contains(AUDIENCE);
        if (!audienceOk) {
            return new AuthResult.Denied("the token has an invalid audience");
        }
        Map<String, String> asStrings = new LinkedHashMap<>();
        jwt.getPayload().toJSONObject().forEach((name, value) -> asStrings.put(name, claimString(value)));
        Object scope = claims.getClaim("scope");
        List<String> scopes =
                scope == null ? List.of() : List.of(String.valueOf(scope).trim().split("\\s+"));
        return new AuthResult.Allowed(asStrings, scopes);
    }

    /** API Gateway hands claims to the function as strings; arrays become "[a b]". */
    private static String claimString(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(" ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            try {
                return JSON.writeValueAsString(map);
            } catch (JsonProcessingException e) {
                return String.valueOf(map);
            }
        }
        return String.valueOf(value);
    }

    /** A signed token and when it expires. */
    public record Token(String token, Instant expiresAt) {}
}
