package io.atelier.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exchange itself: to the vetted address only, no redirects, a capped body, a deadline. */
class GuardedHttpTest {
    private HttpServer server;
    private final AtomicReference<String> seenHost = new AtomicReference<>();
    private final AtomicReference<String> seenBody = new AtomicReference<>();
    private final GuardedHttp http = new GuardedHttp(Duration.ofSeconds(2), Duration.ofSeconds(2), 1024);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", exchange -> {
            seenHost.set(exchange.getRequestHeaders().getFirst("Host"));
            seenBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            reply(exchange, 204, new byte[0]);
        });
        server.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            reply(exchange, 302, new byte[0]);
        });
        server.createContext("/huge", exchange -> reply(exchange, 200, new byte[1_000_000]));
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(exchange, 200, new byte[0]);
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, int status, byte[] body)
            throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        } catch (IOException ignored) {
            // the client stopped reading at its cap
        }
    }

    /** A name that resolves to loopback once; the second lookup would say metadata, but there is none. */
    private VettedUrl vetted(String path) {
        var lookups = new java.util.concurrent.atomic.AtomicInteger();
        UrlGuard guard = new UrlGuard(
                host -> new InetAddress[] {
                    InetAddress.getByName(lookups.getAndIncrement() == 0 ? "127.0.0.1" : "169.254.169.254")
                },
                true);
        return guard.vet("http://receiver.test:" + server.getAddress().getPort() + path);
    }

    @Test
    void postsToTheVettedAddressWithTheUrlsHostName() {
        GuardedHttp.Answer answer =
                http.post(vetted("/ok"), Map.of("webhook-id", "msg_1"), "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).isEqualTo(204);
        assertThat(answer.succeeded()).isTrue();
        assertThat(seenHost.get())
                .isEqualTo("receiver.test:" + server.getAddress().getPort());
        assertThat(seenBody.get()).isEqualTo("{\"a\":1}");
        assertThat(answer.latencyMs()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void doesNotFollowRedirects() {
        GuardedHttp.Answer answer = http.post(vetted("/redirect"), Map.of(), new byte[0]);
        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.succeeded()).isFalse();
        assertThat(answer.header("Location")).contains("http://169.254.169.254/latest/meta-data/");
    }

    @Test
    void capsTheBody() {
        GuardedHttp.Answer answer = http.get(vetted("/huge"), Map.of());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).hasSize(1024);
        assertThat(answer.truncated()).isTrue();
    }

    @Test
    void givesUpAtTheDeadline() {
        long start = System.nanoTime();
        GuardedHttp.Answer answer = http.post(vetted("/slow"), Map.of(), new byte[0]);
        assertThat(answer.status()).isZero();
        assertThat(answer.failure()).contains("No answer within 2 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aClosedPortIsAFailureNotAnException() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        VettedUrl closed = new UrlGuard(HostResolver.SYSTEM, true).vet("http://127.0.0.1:" + port + "/");
        GuardedHttp.Answer answer = http.post(closed, Map.of(), new byte[0]);
        assertThat(answer.status()).isZero();
        assertThat(answer.failure()).startsWith("Could not reach the host");
    }

    @Test
    void refusesHeaderInjection() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> http.post(vetted("/ok"), Map.of("x", "a\r\nHost: evil"), new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
