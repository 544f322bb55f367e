package io.atelier.local;

import io.atelier.local.emulators.Endpoints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One endpoint for DynamoDB, SQS and S3, routing each request by its X-Amz-Target header as LocalStack does: lets
 * tests run the runner in external-endpoint mode against the emulators of another stack. One request per
 * connection (it forces {@code Connection: close}), bytes otherwise passed through untouched (signatures hold).
 */
final class RoutingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final Endpoints backends;

    RoutingProxy(Endpoints backends) throws IOException {
        this.backends = backends;
        this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread.ofVirtual().start(this::accept);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> relay(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            String lower = head.toLowerCase(Locale.ROOT);
            URI target = lower.contains("\nx-amz-target: dynamodb")
                    ? backends.dynamodb()
                    : lower.contains("\nx-amz-target: amazonsqs") ? backends.sqs() : backends.s3();
            StringBuilder rewritten = new StringBuilder();
            for (String line : head.split("\r\n")) {
                if (!line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                    rewritten.append(line).append("\r\n");
                }
            }
            rewritten.append("Connection: close\r\n\r\n");
            try (Socket backend = new Socket(target.getHost(), target.getPort())) {
                OutputStream toBackend = backend.getOutputStream();
                toBackend.write(rewritten.toString().getBytes(StandardCharsets.ISO_8859_1));
                Thread body = Thread.ofVirtual().start(() -> pipe(in, toBackend));
                backend.getInputStream().transferTo(client.getOutputStream());
                body.interrupt();
            }
        } catch (IOException e) {
            // the client or the backend went away: nothing to relay
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the request head");
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
    }

    private static void pipe(InputStream from, OutputStream to) {
        try {
            from.transferTo(to);
        } catch (IOException ignored) {
            // closed when the exchange ends
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
