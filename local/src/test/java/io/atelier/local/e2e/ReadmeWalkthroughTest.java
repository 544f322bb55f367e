package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's walk-through, its own shell block, pasted into bash (curl and jq) against the stack `make run` serves:
 * it waits for the check and the job, and ends with a result that downloads.
 */
class ReadmeWalkthroughTest {

    private static final Pattern SH_BLOCK = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL);

    static String walkthrough() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        Matcher block = SH_BLOCK.matcher(readme.substring(readme.indexOf("## The two commands")));
        while (block.find()) {
            if (block.group(1).contains("/local/token")) return block.group(1);
        }
        throw new AssertionError("no walk-through block under 'The two commands' in README.md");
    }

    @Test
    void theReadmeBlockRunsToASucceededJob(@TempDir Path dir) throws Exception {
        for (String tool : List.of("curl", "jq")) {
            assertThat(new ProcessBuilder("sh", "-c", "command -v " + tool)
                            .start()
                            .waitFor())
                    .as(tool + " must be installed (.ci/run installs it)")
                    .isZero();
        }
        Files.write(dir.resolve("photo.png"), Flows.png(64, 48));
        Files.writeString(dir.resolve("walkthrough.sh"), walkthrough());
        ProcessBuilder script = new ProcessBuilder("bash", "-e", "-o", "pipefail", "walkthrough.sh")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile());
        script.environment().put("API", RealStack.get().apiUrl().toString());
        Process bash = script.start();
        bash.getOutputStream().close();
        boolean ended = bash.waitFor(120, TimeUnit.SECONDS);
        if (!ended) bash.destroyForcibly().waitFor();
        String out = Files.readString(dir.resolve("out.txt"));
        assertThat(ended).as("the walk-through ended; it printed:\n" + out).isTrue();
        assertThat(bash.exitValue()).as(out).isZero();

        List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as(out).hasSize(3);
        assertThat(lines.get(0)).contains("\"status\":\"READY\"", "\"width\":64");
        assertThat(lines.get(1)).contains("\"status\":\"SUCCEEDED\"", "\"succeeded\":1");
        byte[] result = Http.download(lines.get(2));
        assertThat(ImageIO.read(new ByteArrayInputStream(result)).getWidth()).isEqualTo(128);
    }
}
