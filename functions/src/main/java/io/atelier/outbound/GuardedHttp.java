package io.atelier.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 exchange with a {@link VettedUrl}, over a socket opened to the address the guard vetted (the JDK's
 * HTTP clients would resolve the name again, which DNS rebinding exploits). TLS verifies the certificate against the
 * URL's host name. Redirects are never followed (a 3xx is an answer like any other), the answer's body is read up to
 * a cap and then dropped, and the whole exchange has a deadline.
 */
public final class GuardedHttp {
    /** What the remote answered, or why there was no answer (status 0). */
    public record Answer(
            int status, Map<String, String> headers, byte[] body, boolean truncated, long latencyMs, String failure) {
        public boolean succeeded() {
            return status >= 200 && status < 300;
        }

        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    private static final int MAX_LINE = 8 * 1024;
    private static final int MAX_HEADERS = 100;
    private final Duration connectTimeout;
    private final Duration deadline;
    private final int maxBodyBytes;
    private final SSLSocketFactory tls;

    public GuardedHttp(Duration connectTimeout, Duration deadline, int maxBodyBytes) {
        this(connectTimeout, deadline, maxBodyBytes, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    GuardedHttp(Duration connectTimeout, Duration deadline, int maxBodyBytes, SSLSocketFactory tls) {
        this.connectTimeout = connectTimeout;
        this.deadline = deadline;
        this.maxBodyBytes = maxBodyBytes;
        this.tls = tls;
    }

    /** The longest an exchange can take, connection included. */
    public Duration deadline() {
        return deadline;
    }

    public Answer post(VettedUrl target, Map<String, String> headers, byte[] body) {
        return exchange("POST", target, headers, body);
    }

    public Answer get(VettedUrl target, Map<String, String> headers) {
        return exchange("GET", target, headers, null);
    }

    private Answer exchange(String method, VettedUrl target, Map<String, String> headers, byte[] body) {
        long start = System.nanoTime();
        long end = start + deadline.toNanos();
        try (Socket socket = connect(target)) {
            socket.setSoTimeout(remainingMillis(end));
            OutputStream out = socket.getOutputStream();
            out.write(head(method, target, headers, body).getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = line(in, socket, end);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}"))
                return failure(start, "The answer was not HTTP/1.x.");
            Map<String, String> answerHeaders = new java.util.LinkedHashMap<>();
            for (int i = 0; ; i++) {
                String header = line(in, socket, end);
                if (header.isEmpty()) break;
                if (i == MAX_HEADERS) return failure(start, "The answer had too many headers.");
                int colon = header.indexOf(':');
                if (colon > 0)
                    answerHeaders.putIfAbsent(
                            header.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                            header.substring(colon + 1).strip());
            }
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            boolean truncated = readCapped(in, socket, end, kept);
            return new Answer(
                    Integer.parseInt(parts[1]),
                    Map.copyOf(answerHeaders),
                    kept.toByteArray(),
                    truncated,
                    millisSince(start),
                    null);
        } catch (SocketTimeoutException e) {
            return failure(start, "No answer within " + deadline.toSeconds() + " s.");
        } catch (IOException e) {
            return failure(
                    start,
                    "Could not reach the host: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")") + ".");
        }
    }

    private Socket connect(VettedUrl target) throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(target.address(), target.port()), (int) connectTimeout.toMillis());
            if (!target.https()) return plain;
            String host = target.uri().getHost();
            SSLSocket secure = (SSLSocket) tls.createSocket(plain, host, target.port(), true);
            SSLParameters parameters = secure.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the URL's host
            if (!host.contains(":") && !host.matches("[0-9.]+"))
                parameters.setServerNames(List.of(new SNIHostName(host)));
            secure.setSSLParameters(parameters);
            secure.setSoTimeout((int) connectTimeout.toMillis());
            secure.startHandshake();
            return secure;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    private static String head(String method, VettedUrl target, Map<String, String> headers, byte[] body) {
        StringBuilder head =
                new StringBuilder(method).append(' ').append(target.target()).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(target.hostHeader()).append("\r\n");
        head.append("Connection: close\r\n");
        if (body != null) head.append("Content-Length: ").append(body.length).append("\r\n");
        headers.forEach((name, value) -> {
            if (name.chars().anyMatch(c -> c <= ' ' || c == ':' || c > '~')
                    || value.chars().anyMatch(c -> c == '\r' || c == '\n'))
                throw new IllegalArgumentException("Header " + name + " cannot be sent");
            head.append(name).append(": ").append(value).append("\r\n");
        });
        return head.append("\r\n").toString();
    }

    private String line(InputStream in, Socket socket, long end) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            socket.setSoTimeout(remainingMillis(end));
            int b = in.read();
            if (b == -1) {
                if (line.size() == 0) throw new IOException("the connection closed without an answer");
                break;
            }
            if (b == '\n') break;
            if (line.size() == MAX_LINE) throw new IOException("an answer line longer than " + MAX_LINE + " bytes");
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** Reads at most {@code maxBodyBytes}; true when the body went on beyond them (the rest is never read). */
    private boolean readCapped(InputStream in, Socket socket, long end, ByteArrayOutputStream kept) throws IOException {
        byte[] buffer = new byte[4096];
        while (kept.size() < maxBodyBytes) {
            socket.setSoTimeout(remainingMillis(end));
            int n = in.read(buffer, 0, Math.min(buffer.length, maxBodyBytes - kept.size()));
            if (n == -1) return false;
            kept.write(buffer, 0, n);
        }
        socket.setSoTimeout(remainingMillis(end));
        return in.read() != -1;
    }

    private static int remainingMillis(long end) throws SocketTimeoutException {
        long left = (end - System.nanoTime()) / 1_000_000;
        if (left <= 0) throw new SocketTimeoutException("deadline");
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static Answer failure(long start, String why) {
        return new Answer(0, Map.of(), new byte[0], false, millisSince(start), why);
    }
}
