package io.atelier.local.emulators;

/**
 * The dummy identity every local client signs with (S3Proxy checks signatures, so both sides must agree).
 * Letters and digits only: DynamoDB Local 2.x rejects any other access key id.
 */
public final class LocalCredentials {
    public static final String ACCESS_KEY = "atelierlocal";
    public static final String SECRET_KEY = "atelierlocalsecret";
    public static final String REGION = "us-east-1";

    private LocalCredentials() {}
}
