package io.atelier.local;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;

/**
 * Finds what the local module's build put under {@code local/target/}: the sqlite4java native library, the
 * S3Proxy jar and a place for the logs (a new directory at each start); and where {@code make run} keeps its data. Each can be pointed elsewhere with a system property
 * ({@code atelier.native.dir}, {@code atelier.s3proxy.jar}, {@code atelier.log.dir}); otherwise they are found
 * next to this module's classes (target/classes or the module jar), then under the working directory.
 */
public final class LocalPaths {

    private LocalPaths() {}

    public static Path nativeDir() {
        return locate("atelier.native.dir", "native", "libsqlite4java-linux-amd64.so");
    }

    public static Path s3ProxyJar() {
        return locate("atelier.s3proxy.jar", "s3proxy/s3proxy.jar", null);
    }

    /** This start's log directory, made once per process: see {@link RunLogDirs}. */
    private static Path runLogDir;

    public static synchronized Path logDir() {
        if (runLogDir == null) {
            String configured = System.getProperty("atelier.log.dir");
            Path base = configured != null
                    ? Paths.get(configured)
                    : targetDir() != null
                            ? targetDir().resolve("logs")
                            : Paths.get(System.getProperty("java.io.tmpdir"), "atelier-local-logs");
            runLogDir = RunLogDirs.start(base, LocalDateTime.now());
        }
        return runLogDir;
    }

    /**
     * Where {@code make run} keeps the emulators' data between runs: {@code atelier.data.dir}, else
     * {@code .atelier/data} in the project (an ignored folder beside local/), else under the working directory.
     */
    public static Path dataDir() {
        String configured = System.getProperty("atelier.data.dir");
        if (configured != null) {
            return Paths.get(configured).toAbsolutePath();
        }
        Path target = targetDir();
        Path project = target != null
                        && target.getParent() != null
                        && target.getParent().getParent() != null
                ? target.getParent().getParent()
                : Paths.get("");
        return project.resolve(".atelier").resolve("data").toAbsolutePath();
    }

    /** Where this class was loaded from: target/classes, or the module jar. */
    private static Path codeSource() {
        try {
            return Paths.get(LocalPaths.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot locate the runner's classes", e);
        }
    }

    private static Path locate(String property, String relative, String mustContain) {
        String configured = System.getProperty(property);
        if (configured != null) {
            return Paths.get(configured);
        }
        for (Path base : new Path[] {targetDir(), Paths.get("local", "target"), Paths.get("target")}) {
            if (base == null) {
                continue;
            }
            Path candidate = base.resolve(relative);
            if (Files.exists(mustContain == null ? candidate : candidate.resolve(mustContain))) {
                return candidate.toAbsolutePath();
            }
        }
        throw new IllegalStateException(relative + " not found under local/target: build the local module first "
                + "(./mvnw -f local/pom.xml package) or set -D" + property);
    }

    /** local/target when running from target/classes or from the module jar inside target/. */
    private static Path targetDir() {
        try {
            Path source = codeSource();
            Path parent = source.getParent();
            if (parent != null
                    && parent.getFileName() != null
                    && parent.getFileName().toString().equals("target")) {
                return parent;
            }
        } catch (IllegalStateException e) {
            return null;
        }
        return null;
    }
}
