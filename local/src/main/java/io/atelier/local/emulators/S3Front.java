package io.atelier.local.emulators;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local S3 endpoint: a pass-through in front of S3Proxy that tells its listeners, as soon as S3Proxy has answered
 * a request that created an object (a PUT, a copy, a completed multipart upload) with a 2xx, which object it was: S3
 * event notifications come from S3 itself, so the runner learns of a new upload at once instead of listing the
 * bucket. Requests and answers pass byte for byte (the Host header too, so signatures and presigned URLs hold), one
 * connection to S3Proxy per client connection, keep-alive and {@code Expect: 100-continue} included.
 */
public final class S3Front implements AutoCloseable {

    /**
     * Told of each object a request created; {@code eventName} as S3 names it, e.g. {@code ObjectCreated:Put}. A plain
     * PUT comes with its size and the ETag S3Proxy answered, as S3's own event carries them; otherwise {@code size} is
     * -1 and {@code eTag} null.
     */
    @FunctionalInterface
    public interface Listener {
        void objectCreated(String bucket, String key, String eventName, long size, String eTag);
    }

    private static final Logger LOG = LoggerFactory.getLogger(S3Front.class);
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private final ServerSocket server;
    private final URI upstream;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    private S3Front(ServerSocket server, URI upstream) {
        this.server = server;
        this.upstream = upstream;
    }

    /** Serves on a free port of 127.0.0.1, passing everything to {@code upstream} (S3Proxy). */
    public static S3Front start(URI upstream) throws IOException {
        S3Front front = new S3Front(new ServerSocket(0, 200, InetAddress.getLoopbackAddress()), upstream);
        Thread.ofPlatform().daemon().name("s3-front").start(front::accept);
        return front;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** S3Proxy itself, behind the front: what writes there notify only through the bucket listing. */
    public URI upstream() {
        return upstream;
    }

    /** Adds a listener; closing the answer removes it. */
    public AutoCloseable subscribe(Listener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().name("s3-front-conn").start(() -> relay(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try (client;
                Socket s3 = new Socket(upstream.getHost(), upstream.getPort())) {
            client.setTcpNoDelay(true);
            s3.setTcpNoDelay(true);
            BlockingQueue<HttpHead> sent = new LinkedBlockingQueue<>();
            Thread requests = Thread.ofVirtual().name("s3-front-requests").start(() -> passRequests(client, s3, sent));
            try {
                passAnswers(s3, client, sent);
            } finally {
                requests.interrupt();
            }
        } catch (IOException | InterruptedException e) {
            LOG.debug("S3 front connection ended: {}", e.toString());
        }
    }

    /** Client to S3Proxy: each request's head is noted (in order, as HTTP/1.1 answers come in order), then its body. */
    private static void passRequests(Socket client, Socket s3, BlockingQueue<HttpHead> sent) {
        try {
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = new BufferedOutputStream(s3.getOutputStream(), 64 * 1024);
            byte[] head;
            while ((head = readHead(in)) != null) {
                HttpHead request = HttpHead.parse(head);
                sent.add(request);
                out.write(head);
                out.flush(); // an Expect: 100-continue client waits for the answer to the head alone
                copyBody(request, in, out, false);
                out.flush();
            }
            s3.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(s3); // the client went away mid-request: the answer side ends too
        }
    }

    /** S3Proxy to client: interim answers pass as they are; each final one settles the oldest request. */
    private void passAnswers(Socket s3, Socket client, BlockingQueue<HttpHead> sent)
            throws IOException, InterruptedException {
        InputStream in = new BufferedInputStream(s3.getInputStream(), 64 * 1024);
        OutputStream out = new BufferedOutputStream(client.getOutputStream(), 64 * 1024);
        byte[] head;
        while ((head = readHead(in)) != null) {
            HttpHead answer = HttpHead.parse(head);
            out.write(head);
            int status = answer.status();
            if (status >= 100 && status < 200) {
                out.flush();
                continue;
            }
            HttpHead request = sent.take();
            boolean untilClose =
                    copyBody(answer, in, out, request.method().equals("HEAD") || status == 204 || status == 304);
            out.flush();
            if (status >= 200 && status < 300) {
                ObjectWrite.of(request).ifPresent(write -> tell(write, answer.header("etag")));
            }
            if (untilClose) {
                return;
            }
        }
    }

    /** Listeners get a PUT's size and ETag both, or neither (then they read them with a HEAD). */
    private void tell(ObjectWrite write, String answeredETag) {
        boolean known = write.size() >= 0 && answeredETag != null;
        long size = known ? write.size() : -1;
        String eTag = known ? answeredETag : null;
        for (Listener listener : listeners) {
            try {
                listener.objectCreated(write.bucket(), write.key(), write.eventName(), size, eTag);
            } catch (RuntimeException e) {
                LOG.warn("an S3 event listener failed on s3://{}/{}: {}", write.bucket(), write.key(), e.toString());
            }
        }
    }

    /**
     * Copies a message's body as its headers frame it; answers whether it ran until the connection closed (no
     * length and not chunked: an answer that ends with the connection).
     */
    private static boolean copyBody(HttpHead message, InputStream in, OutputStream out, boolean none)
            throws IOException {
        if (none) {
            return false;
        }
        String encoding = message.header("transfer-encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            copyChunked(in, out);
            return false;
        }
        String length = message.header("content-length");
        if (length != null) {
            copyExactly(in, out, Long.parseLong(length.trim()));
            return false;
        }
        if (message.isRequest()) {
            return false; // a request without length or chunks has no body
        }
        in.transferTo(out);
        return true;
    }

    private static void copyChunked(InputStream in, OutputStream out) throws IOException {
        for (; ; ) {
            String sizeLine = readLine(in);
            out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            int extension = sizeLine.indexOf(';');
            long size = Long.parseLong((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim(), 16);
            if (size == 0) {
                String trailer;
                do {
                    trailer = readLine(in);
                    out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                } while (!trailer.isEmpty());
                return;
            }
            copyExactly(in, out, size);
            out.write((readLine(in) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private static void copyExactly(InputStream in, OutputStream out, long count) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        while (count > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, count));
            if (n < 0) {
                throw new EOFException(count + " bytes short");
            }
            out.write(buffer, 0, n);
            count -= n;
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("the connection closed mid-line");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** A message's head up to and including its blank line; null when the connection closed before one began. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        int last4 = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            last4 = (last4 << 8) | b;
            if (last4 == 0x0D0A0D0A || head.size() > MAX_HEAD_BYTES) {
                return head.toByteArray();
            }
        }
        if (head.size() == 0) {
            return null;
        }
        throw new EOFException("the connection closed mid-head");
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
