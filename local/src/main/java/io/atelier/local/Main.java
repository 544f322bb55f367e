package io.atelier.local;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code make run}: the whole stack on this machine until Ctrl-C.
 * Options: {@code --port 3000 --template template.yaml --web web --endpoint URL --parameter-overrides K=V,...
 * --data DIR --fresh}; {@code AWS_ENDPOINT_URL} in the environment works like {@code --endpoint} (external stack, no
 * emulators). The emulators keep their data in {@link LocalPaths#dataDir()} (or {@code --data}) across restarts;
 * {@code --fresh} empties it first.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        long mainStart = System.nanoTime();
        LocalOptions options;
        boolean fresh;
        try {
            CliArgs cli = CliArgs.parse(
                    args,
                    Set.of("port", "template", "web", "endpoint", "parameter-overrides", "data"),
                    Set.of("fresh"));
            options = cli.common(LocalOptions.defaults())
                    .withDataDir(cli.get("data") != null ? Path.of(cli.get("data")) : LocalPaths.dataDir());
            fresh = cli.flag("fresh");
            if (cli.get("port") != null) {
                options = options.withPort(Integer.parseInt(cli.get("port")));
            }
            if (cli.get("web") != null) {
                options = options.withWebDir(Path.of(cli.get("web")));
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        AtelierLocal local;
        try {
            if (fresh && options.endpoint() == null) {
                StackData.open(options.dataDir(), true).close();
            }
            local = AtelierLocal.start(options);
        } catch (Exception e) {
            System.err.println("The local stack did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        long fromMain = (System.nanoTime() - mainStart) / 1_000_000;
        long fromJvm = System.currentTimeMillis()
                - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.print(Banner.text(local, options, fromMain, fromJvm));
        System.out.flush();
        // The stack's shutdown hook closes everything (S3Proxy's child JVM included) on Ctrl-C.
        new CountDownLatch(1).await();
    }
}
