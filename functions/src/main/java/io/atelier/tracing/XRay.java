package io.atelier.tracing;

import io.atelier.logging.LogContext;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Subsegments of the invocation's X-Ray trace, sent as UDP segment documents to the X-Ray daemon that Lambda runs
 * when the function's tracing is Active (AWS_XRAY_DAEMON_ADDRESS). Lambda itself records the function's segment; its
 * id is the Parent of the invocation's trace header, which the Java runtime sets as a system property before each
 * invocation. No SDK: no class to load at cold start beyond these, nothing to do when the trace is not sampled (or
 * outside Lambda, where there is no header).
 * https://docs.aws.amazon.com/xray/latest/devguide/xray-api-sendingdata.html#xray-api-daemon
 */
public final class XRay {
    private static final Logger LOG = Logger.getLogger(XRay.class.getName());
    /** Set by Lambda's Java runtime for every invocation. */
    static final String TRACE_HEADER_PROPERTY = "com.amazonaws.xray.traceHeader";

    private static final byte[] DAEMON_HEADER =
            "{\"format\":\"json\",\"version\":1}\n".getBytes(StandardCharsets.UTF_8);

    /** The function's tracer: the runtime's header, the daemon Lambda names (or X-Ray's default address). */
    public static final XRay LAMBDA = new XRay(
            () -> System.getProperty(TRACE_HEADER_PROPERTY, System.getenv("_X_AMZN_TRACE_ID")),
            daemon(System.getenv("AWS_XRAY_DAEMON_ADDRESS")));

    private final Supplier<String> traceHeader;
    private final InetSocketAddress daemon;
    private DatagramSocket socket;

    public XRay(Supplier<String> traceHeader, InetSocketAddress daemon) {
        this.traceHeader = traceHeader;
        this.daemon = daemon;
    }

    static InetSocketAddress daemon(String address) {
        // "host:port", or "tcp:host:port udp:host:port"; segments go over UDP.
        String udp = "127.0.0.1:2000";
        if (address != null && !address.isBlank()) {
            for (String part : address.trim().split("\\s+")) {
                if (part.startsWith("udp:")) udp = part.substring(4);
                else if (!part.startsWith("tcp:")) udp = part;
            }
        }
        int colon = udp.lastIndexOf(':');
        return InetSocketAddress.createUnresolved(udp.substring(0, colon), Integer.parseInt(udp.substring(colon + 1)));
    }

    /**
     * A subsegment that starts now, under the invocation's segment; {@link Span#NONE} when the trace is not sampled.
     * Its annotations are the invocation's job, task and provider ids, where known, for X-Ray's filter expressions.
     *
     * @param namespace "aws" for AWS SDK calls, "remote" for other HTTP calls
     */
    public Span begin(String name, String namespace) {
        String header = traceHeader.get();
        if (header == null) return Span.NONE;
        String root = null, parent = null;
        boolean sampled = false;
        for (String part : header.split(";")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length != 2) continue;
            switch (pair[0]) {
                case "Root" -> root = pair[1];
                case "Parent" -> parent = pair[1];
                case "Sampled" -> sampled = pair[1].equals("1");
                default -> {}
            }
        }
        if (!sampled || root == null || parent == null) return Span.NONE;
        Span span = new Span(
                this,
                name,
                namespace,
                root,
                parent,
                HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
        annotate(span, "job_id", LogContext.get(LogContext.JOB_ID));
        annotate(span, "task_id", LogContext.get(LogContext.TASK_ID));
        annotate(span, "provider", LogContext.get(LogContext.PROVIDER));
        return span;
    }

    private static void annotate(Span span, String key, String value) {
        if (value != null) span.annotation(key, value);
    }

    /** Best effort: a trace that cannot be sent never fails the work it describes. */
    synchronized void send(String document) {
        try {
            if (socket == null) socket = new DatagramSocket();
            InetSocketAddress resolved = new InetSocketAddress(daemon.getHostString(), daemon.getPort());
            byte[] body = document.getBytes(StandardCharsets.UTF_8);
            byte[] packet = new byte[DAEMON_HEADER.length + body.length];
            System.arraycopy(DAEMON_HEADER, 0, packet, 0, DAEMON_HEADER.length);
            System.arraycopy(body, 0, packet, DAEMON_HEADER.length, body.length);
            socket.send(new DatagramPacket(packet, packet.length, resolved));
        } catch (SocketException e) {
            LOG.log(Level.FINE, "X-Ray daemon unreachable", e);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "X-Ray subsegment not sent", e);
        }
    }
}
