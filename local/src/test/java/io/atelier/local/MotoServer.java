package io.atelier.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * moto's server (a third-party AWS emulator) on 127.0.0.1 and a free port, started through local/bin/moto-server.sh
 * (which installs it into .atelier/ first if make test has not, and serializes the requests moto cannot run
 * concurrently: see local/bin/moto_server.py). Its output goes to target/moto-server-PORT.log.
 */
public final class MotoServer implements AutoCloseable {
    /** A first run may still have to install moto from PyPI; later starts take about a second. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(8);

    private final Process process;
    private final URI endpoint;

    private MotoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static MotoServer start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        // Tests run with the local module as working directory.
        Path log = Path.of("target", "moto-server-" + port + ".log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(
                        "bash", Path.of("bin", "moto-server.sh").toString(), Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + port));
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!server.answers()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                server.close();
                throw new IllegalStateException("moto did not start on port " + port + " (exit "
                        + (process.isAlive() ? "none, timed out" : process.exitValue()) + "): "
                        + Files.readString(log));
            }
            Thread.sleep(100);
        }
        return server;
    }

    public URI endpoint() {
        return endpoint;
    }

    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        // The script execs the server, so this is moto's own process (or the install still running).
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
