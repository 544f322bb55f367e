package io.atelier.local;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * One local stack (test template, test handlers, port 0) shared by every test class of the run: the emulators
 * start once. It closes with the JVM (the stack's shutdown hook).
 */
public final class TestStack {

    private static AtelierLocal local;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestStack() {}

    public static synchronized AtelierLocal get() throws Exception {
        if (local == null) {
            local = AtelierLocal.start(LocalOptions.defaults()
                    .withPort(0)
                    .withTemplate(resource("test-template.yaml"))
                    .withWebDir(resource("web")));
        }
        return local;
    }

    public static Path resource(String name) throws URISyntaxException {
        return Path.of(TestStack.class.getResource("/" + name).toURI());
    }

    public static HttpClient http() {
        return HTTP;
    }

    public static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public static HttpRequest.Builder request(String path) throws Exception {
        return HttpRequest.newBuilder(URI.create(get().apiUrl() + path));
    }

    /** Waits until the condition holds, failing after the timeout. */
    public static void await(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
