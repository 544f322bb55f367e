package io.atelier.providers.http;

import io.atelier.tracing.HttpCallTracing;
import io.atelier.tracing.XRay;
import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * OkHttp clients for the providers. They share one connection pool and dispatcher, so a warm worker container reuses
 * its TLS connections; each provider gets its own time limits. OkHttp's silent retry is off: a POST the provider may
 * already have accepted must not be sent twice behind the pipeline's back.
 */
public final class ProviderHttp {
    private static final OkHttpClient SHARED = new OkHttpClient.Builder()
            .retryOnConnectionFailure(false)
            .addInterceptor(new HttpCallTracing(XRay.LAMBDA))
            .build(); // an X-Ray subsegment per call, when sampled

    /** Connect, per-read (time between bytes) and whole-call limits. */
    public record Timeouts(Duration connect, Duration read, Duration call) {}

    private ProviderHttp() {}

    public static OkHttpClient client(Timeouts timeouts) {
        return SHARED.newBuilder()
                .connectTimeout(timeouts.connect())
                .readTimeout(timeouts.read())
                .writeTimeout(timeouts.read())
                .callTimeout(timeouts.call())
                .build();
    }
}
