package io.atelier.providers.http;

import io.atelier.tracing.HttpCallTracing;
import io.atelier.tracing.XRay;
import java.time.Duration;
import java.util.function.Supplier;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;

/**
 * OkHttp clients for the providers. They share one connection pool and dispatcher, so a warm worker container reuses
 * its TLS connections; each provider gets its own time limits. OkHttp's silent retry is off: a POST the provider may
 * already have accepted must not be sent twice behind the pipeline's back.
 *
 * <p>Everything OkHttp is made on first use: every API function builds the provider registry (to list and check
 * providers) but never calls one, and OkHttp with its Kotlin runtime is over a thousand classes on a cold start.
 */
public final class ProviderHttp {
    /** Connect, per-read (time between bytes) and whole-call limits. */
    public record Timeouts(Duration connect, Duration read, Duration call) {}

    private ProviderHttp() {}

    /** A client with these limits, built on the first call that needs it (then the same one). */
    public static Supplier<OkHttpClient> client(Timeouts timeouts) {
        return new Lazy(timeouts);
    }

    /** {@code application/json; charset=utf-8}, the providers' request bodies. */
    public static MediaType json() {
        return MediaTypes.JSON;
    }

    private static final class Shared {
        static final OkHttpClient CLIENT = new OkHttpClient.Builder()
                .retryOnConnectionFailure(false)
                .addInterceptor(new HttpCallTracing(XRay.LAMBDA))
                .build(); // an X-Ray subsegment per call, when sampled
    }

    private static final class MediaTypes {
        static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    }

    private static final class Lazy implements Supplier<OkHttpClient> {
        private final Timeouts timeouts;
        private volatile OkHttpClient client;

        Lazy(Timeouts timeouts) {
            this.timeouts = timeouts;
        }

        @Override
        public OkHttpClient get() {
            OkHttpClient built = client;
            if (built != null) return built;
            synchronized (this) {
                if (client == null)
                    client = Shared.CLIENT
                            .newBuilder()
                            .connectTimeout(timeouts.connect())
                            .readTimeout(timeouts.read())
                            .writeTimeout(timeouts.read())
                            .callTimeout(timeouts.call())
                            .build();
                return client;
            }
        }
    }
}
