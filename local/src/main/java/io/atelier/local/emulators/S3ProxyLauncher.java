package io.atelier.local.emulators;

import java.io.IOException;

/**
 * Main class of the S3Proxy child JVM. It exits as soon as its stdin closes, i.e. when the runner that started it
 * is gone, even if the runner was killed without running its shutdown hooks. Uses the JDK only (no nested or
 * lambda classes besides itself): the child's classpath is S3Proxy's jar plus a jar of this one class.
 */
public final class S3ProxyLauncher {

    private S3ProxyLauncher() {}

    public static void main(String[] args) throws Exception {
        Thread watchdog = new Thread(
                () -> {
                    try {
                        while (System.in.read() >= 0) {
                            // the parent never writes; EOF means it died
                        }
                    } catch (IOException ignored) {
                        // a broken pipe means the same
                    }
                    Runtime.getRuntime().halt(0);
                },
                "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Class.forName("org.gaul.s3proxy.Main").getMethod("main", String[].class).invoke(null, (Object) args);
    }
}
