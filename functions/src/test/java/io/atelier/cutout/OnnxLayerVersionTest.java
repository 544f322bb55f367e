package io.atelier.cutout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The worker's OnnxLayer must hold the ONNX Runtime the code is compiled and tested against (a provided dependency). */
class OnnxLayerVersionTest {
    @Test
    void theLayerBuildsTheVersionThePomCompilesAgainst() throws Exception {
        String pom = Files.readString(Path.of("parent", "pom.xml"));
        String makefile = Files.readString(Path.of("natives", "Makefile"));
        String compiled = find(pom, "<artifactId>onnxruntime</artifactId>\\s*<version>([^<]+)</version>");
        String layered = find(makefile, "(?m)^ONNX_RUNTIME_VERSION := (\\S+)$");
        assertThat(layered).isEqualTo(compiled);
        // Provided: the layer supplies it, so no function's package carries it.
        assertThat(Files.readString(Path.of("pom.xml")))
                .containsPattern("<artifactId>onnxruntime</artifactId>\\s*<scope>provided</scope>");
    }

    private static String find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as(regex).isTrue();
        return matcher.group(1);
    }
}
