package io.atelier.local.emulators;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * S3Proxy (SigV4 incl. presigned URLs, CORS) in a child JVM, keeping objects as files under a directory (jclouds'
 * "filesystem" store: bounded by the disk, not the child's heap, and still there after a restart; S3Proxy 2.6's own
 * "filesystem-nio2" answers 500 to any listing that meets a PUT in flight, which starves the upload notifier; the
 * notifier skips the folders and in-progress files this store lists). A child JVM,
 * because its Jetty 11 clashes with DynamoDB Local's Jetty 12 in one classpath. The child uses the runner's own java
 * and logs to a file. It stops on {@link #close()} (which the stack's shutdown hook calls) and in any case when this
 * JVM ends, however it ends: {@link S3ProxyLauncher} exits when its stdin, a pipe from this process, closes.
 */
public final class S3ProxyEmulator implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final URI endpoint;
    private final Path logFile;

    private S3ProxyEmulator(Process process, URI endpoint, Path logFile) {
        this.process = process;
        this.endpoint = endpoint;
        this.logFile = logFile;
    }

    /**
     * Starts S3Proxy on 127.0.0.1 and {@code port} (0 = a free port), waiting until it answers HTTP; each bucket is a
     * directory under {@code objectsDir}.
     */
    public static S3ProxyEmulator start(int port, Path s3ProxyJar, Path logDir, Path objectsDir)
            throws IOException, InterruptedException {
        int chosen = port == 0 ? freePort() : port;
        URI endpoint = URI.create("http://127.0.0.1:" + chosen);
        Path properties = Files.createTempFile("atelier-s3proxy", ".properties");
        Properties p = new Properties();
        p.setProperty("s3proxy.endpoint", endpoint.toString());
        p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        p.setProperty("s3proxy.identity", LocalCredentials.ACCESS_KEY);
        p.setProperty("s3proxy.credential", LocalCredentials.SECRET_KEY);
        p.setProperty("jclouds.provider", "filesystem");
        p.setProperty(
                "jclouds.filesystem.basedir",
                Files.createDirectories(objectsDir).toAbsolutePath().toString());
        p.setProperty("jclouds.identity", "local");
        p.setProperty("jclouds.credential", "local");
        p.setProperty("s3proxy.cors-allow-origins", "*");
        p.setProperty("s3proxy.cors-allow-methods", "GET PUT POST HEAD DELETE");
        p.setProperty("s3proxy.cors-allow-headers", "*");
        p.setProperty("s3proxy.cors-exposed-headers", "ETag");
        try (OutputStream out = Files.newOutputStream(properties)) {
            p.store(out, "written by the Atelier local runner");
        }

        Path logFile = logDir.resolve("s3proxy.log");
        // A class-data archive next to the jar, made by the first run, halves the child's start on later runs.
        Path archive = s3ProxyJar.toAbsolutePath().resolveSibling("s3proxy.jsa");
        List<String> command = new ArrayList<>(List.of(
                javaExecutable(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmx512m",
                "-Djava.awt.headless=true",
                "-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile=" + archive,
                "-cp",
                s3ProxyJar.toAbsolutePath() + File.pathSeparator + launcherJar(s3ProxyJar),
                S3ProxyLauncher.class.getName(),
                "--properties",
                properties.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        S3ProxyEmulator emulator = new S3ProxyEmulator(process, endpoint, logFile);
        try {
            emulator.awaitReady();
        } catch (IOException | InterruptedException | RuntimeException e) {
            emulator.close();
            throw e;
        } finally {
            Files.deleteIfExists(properties); // read at start-up only
        }
        return emulator;
    }

    public URI endpoint() {
        return endpoint;
    }

    private void awaitReady() throws IOException, InterruptedException {
        try (HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IOException("S3Proxy exited with " + process.exitValue() + ": " + logTail());
                }
                try {
                    // Any HTTP answer (403 for an anonymous list) means it is serving.
                    client.send(
                            HttpRequest.newBuilder(endpoint)
                                    .timeout(Duration.ofSeconds(2))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
                    return;
                } catch (IOException notYet) {
                    Thread.sleep(50);
                }
            }
        }
        throw new IOException("S3Proxy did not answer within " + STARTUP_TIMEOUT.toSeconds() + " s: " + logTail());
    }

    private String logTail() {
        try {
            String log = Files.readString(logFile, StandardCharsets.UTF_8);
            return log.length() > 2000 ? log.substring(log.length() - 2000) : log;
        } catch (IOException e) {
            return "(no log at " + logFile + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A jar holding only the launcher class, next to S3Proxy's jar: nothing else of the runner leaks into the
     * child, and the path and bytes stay the same from run to run, as the class-data archive requires.
     */
    private static Path launcherJar(Path s3ProxyJar) throws IOException {
        String entry = S3ProxyLauncher.class.getName().replace('.', '/') + ".class";
        byte[] launcher;
        try (InputStream in = S3ProxyLauncher.class.getClassLoader().getResourceAsStream(entry)) {
            if (in == null) {
                throw new IOException("cannot read " + entry);
            }
            launcher = in.readAllBytes();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            JarEntry jarEntry = new JarEntry(entry);
            jarEntry.setTime(0); // same bytes for the same class, whenever written
            jar.putNextEntry(jarEntry);
            jar.write(launcher);
            jar.closeEntry();
        }
        Path target = s3ProxyJar.toAbsolutePath().resolveSibling("s3proxy-launcher.jar");
        if (Files.isWritable(target.getParent())) {
            if (!Files.exists(target) || !Arrays.equals(Files.readAllBytes(target), bytes.toByteArray())) {
                Path tmp = Files.createTempFile(target.getParent(), "launcher", ".tmp");
                Files.write(tmp, bytes.toByteArray());
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return target;
        }
        Path tmp = Files.createTempFile("atelier-s3proxy-launcher", ".jar");
        tmp.toFile().deleteOnExit();
        return Files.write(tmp, bytes.toByteArray());
    }

    private static String javaExecutable() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
