package io.atelier.tracing;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/** An X-Ray subsegment for every provider HTTP call: host, method, URL without its query (keys), status. */
public final class HttpCallTracing implements Interceptor {
    private final XRay tracer;

    public HttpCallTracing(XRay tracer) {
        this.tracer = tracer;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        Span span = tracer.begin(request.url().host(), "remote")
                .request(
                        request.method(),
                        request.url()
                                .newBuilder()
                                .query(null)
                                .fragment(null)
                                .build()
                                .toString());
        try {
            Response response = chain.proceed(request);
            span.response(
                    response.code(),
                    response.body() == null ? -1 : response.body().contentLength());
            return response;
        } catch (IOException | RuntimeException e) {
            span.failed(e);
            throw e;
        } finally {
            span.end();
        }
    }
}
