package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.local.emulators.LocalCredentials;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The AWS CLI (Debian's {@code awscli}, /usr/bin/aws) run as a process against the local S3 emulator, as a team
 * would use it on its own bucket. Its environment is its own: the local dummy credentials, no config or credentials
 * file, no instance metadata, so nothing of the developer's AWS setup is read or used.
 */
final class AwsCli {
    private static final Path DEBIAN = Path.of("/usr/bin/aws");
    private final URI endpoint;
    private final Path home;

    AwsCli(URI endpoint) throws IOException {
        this.endpoint = endpoint;
        this.home = Files.createTempDirectory("atelier-aws-cli");
    }

    /** Runs {@code aws <args> --endpoint-url <emulator>}; answers its standard output, failing on a non-zero exit. */
    String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Files.isExecutable(DEBIAN) ? DEBIAN.toString() : "aws");
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", endpoint.toString()));
        Path errors = Files.createTempFile(home, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
        Map<String, String> env = builder.environment();
        String path = env.getOrDefault("PATH", "/usr/bin:/bin");
        env.clear();
        env.put("PATH", path);
        env.put("HOME", home.toString());
        env.put("AWS_ACCESS_KEY_ID", LocalCredentials.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", LocalCredentials.SECRET_KEY);
        env.put("AWS_DEFAULT_REGION", LocalCredentials.REGION);
        env.put("AWS_CONFIG_FILE", home.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_PAGER", "");
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS))
                .as("aws " + String.join(" ", args))
                .isTrue();
        assertThat(process.exitValue())
                .as("aws " + String.join(" ", args) + ": " + Files.readString(errors))
                .isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
