package io.atelier.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * local/bin/deploy-web.sh with a stand-in `aws` on the PATH that answers describe-stacks from a file and records the
 * other calls: the config.json it writes, what it syncs where, and what it refuses.
 */
class DeployWebScriptTest {
    private static final Path SCRIPT = Path.of("bin", "deploy-web.sh").toAbsolutePath();
    private static final String STUB = """
            #!/usr/bin/env bash
            echo "$*" >> "$STUB_DIR/calls"
            case "$1 $2" in
              "cloudformation describe-stacks") cat "$STUB_DIR/outputs" ;;
              "s3 sync") cp "$3/config.json" "$STUB_DIR/config.json"; (cd "$3" && find . -type f | sort) > "$STUB_DIR/files" ;;
              "cloudfront create-invalidation") echo I123 ;;
            esac
            """;

    @TempDir
    Path dir;

    @Test
    void writesConfigJsonSyncsTheAppAndInvalidates() throws Exception {
        Path web = webApp();
        outputs("""
                ApiUrl\thttps://abc123.execute-api.eu-west-1.amazonaws.com
                UserPoolClientId\t1example23456789abcdefghij
                CognitoDomain\thttps://atelier-demo.auth.eu-west-1.amazoncognito.com
                WebUrl\thttps://d111111abcdef8.cloudfront.net/
                WebBucketName\tatelier-webbucket-1a2b3c
                WebDistributionId\tE2EXAMPLE12345
                """);
        Result result = run(web);
        assertThat(result.exit()).as(result.output()).isZero();

        JsonNode config =
                new ObjectMapper().readTree(dir.resolve("stub/config.json").toFile());
        assertThat(config.get("apiUrl").asText()).isEqualTo("https://abc123.execute-api.eu-west-1.amazonaws.com");
        JsonNode auth = config.get("auth");
        assertThat(auth.get("mode").asText()).isEqualTo("cognito");
        assertThat(auth.get("domain").asText()).isEqualTo("https://atelier-demo.auth.eu-west-1.amazoncognito.com");
        assertThat(auth.get("clientId").asText()).isEqualTo("1example23456789abcdefghij");
        assertThat(auth.get("redirectUri").asText()).isEqualTo("https://d111111abcdef8.cloudfront.net/");
        assertThat(auth.get("scopes")).extracting(JsonNode::asText).containsExactly("openid", "email");

        assertThat(Files.readAllLines(dir.resolve("stub/files")))
                .containsExactly("./app.js", "./config.json", "./index.html");
        List<String> calls = Files.readAllLines(dir.resolve("stub/calls"));
        assertThat(calls).hasSize(3);
        assertThat(calls.get(1)).startsWith("s3 sync ").contains(" s3://atelier-webbucket-1a2b3c/ --delete");
        assertThat(calls.get(2))
                .startsWith("cloudfront create-invalidation --distribution-id E2EXAMPLE12345 --paths /*");
        assertThat(web.resolve("config.json")).as("web/ itself is left alone").doesNotExist();
    }

    @Test
    void aStackWithoutWebHostingIsRefusedWithTheFix() throws Exception {
        outputs("ApiUrl\thttps://abc123.execute-api.eu-west-1.amazonaws.com\nUserPoolClientId\tabc\n");
        Result result = run(webApp());
        assertThat(result.exit()).isNotZero();
        assertThat(result.output()).contains("WebHosting=Enabled");
        assertThat(Files.readAllLines(dir.resolve("stub/calls"))).hasSize(1);
    }

    private Path webApp() throws Exception {
        Path web = Files.createDirectories(dir.resolve("web"));
        Files.writeString(web.resolve("index.html"), "<!doctype html><title>Atelier</title>");
        Files.writeString(web.resolve("app.js"), "export {};");
        Files.writeString(web.resolve("package.json"), "{}");
        Files.writeString(web.resolve(".eslintrc"), "{}");
        Files.createDirectories(web.resolve("test"));
        Files.writeString(web.resolve("test/app.test.js"), "");
        return web;
    }

    private void outputs(String lines) throws Exception {
        Path stub = Files.createDirectories(dir.resolve("stub"));
        Files.writeString(stub.resolve("outputs"), lines);
        Path aws = stub.resolve("aws");
        Files.writeString(aws, STUB);
        Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Result run(Path web) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString(), "atelier").redirectErrorStream(true);
        builder.environment().put("PATH", dir.resolve("stub") + ":" + System.getenv("PATH"));
        builder.environment().put("STUB_DIR", dir.resolve("stub").toString());
        builder.environment().put("WEB_DIR", web.toString());
        builder.environment().remove("CLIENT_ID");
        builder.environment().remove("AUTH_DOMAIN");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private record Result(int exit, String output) {}
}
