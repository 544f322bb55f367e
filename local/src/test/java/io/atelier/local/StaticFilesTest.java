package io.atelier.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The web app's files are served at /, with the right types, and nothing outside its directory. */
class StaticFilesTest {

    @Test
    void indexAndAssetsWithTheirContentTypes() throws Exception {
        HttpResponse<String> index = TestStack.send(TestStack.request("/"));
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(index.body()).contains("local runner test page");

        assertThat(TestStack.send(TestStack.request("/app.js")).headers().firstValue("content-type"))
                .hasValue("text/javascript; charset=utf-8");
        assertThat(TestStack.send(TestStack.request("/style.css")).headers().firstValue("content-type"))
                .hasValue("text/css; charset=utf-8");
        assertThat(TestStack.send(TestStack.request("/assets/icon.svg"))
                        .headers()
                        .firstValue("content-type"))
                .hasValue("image/svg+xml");
        assertThat(TestStack.send(TestStack.request("/manifest.webmanifest"))
                        .headers()
                        .firstValue("content-type"))
                .hasValue("application/manifest+json");
    }

    /** Without a config.json in the web directory, the app learns that the API is this origin with local sign-in. */
    @Test
    void configJsonNamesThisOriginAndLocalSignIn() throws Exception {
        assertThat(TestStack.resource("web").resolve("config.json")).doesNotExist();
        HttpResponse<String> config = TestStack.send(TestStack.request("/config.json"));
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.headers().firstValue("content-type")).hasValue("application/json");
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(config.body());
        var url = TestStack.get().apiUrl();
        assertThat(json.get("apiUrl").asText()).isEqualTo("http://" + url.getHost() + ":" + url.getPort());
        assertThat(json.get("auth").get("mode").asText()).isEqualTo("local");
    }

    @Test
    void unknownFilesAreNotFound() throws Exception {
        HttpResponse<String> missing = TestStack.send(TestStack.request("/nope.js"));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"message\":\"Not Found\"}");
    }

    @Test
    void traversalOutOfTheWebDirectoryIsNotFound() throws Exception {
        // secret.txt sits next to the web directory in the test resources.
        assertThat(TestStack.resource("secret.txt")).exists();
        for (String path : new String[] {
            "/%2e%2e/secret.txt",
            "/..%2fsecret.txt",
            "/assets/%2e%2e/%2e%2e/secret.txt",
            "/%2e%2e%5csecret.txt",
            "/..%00/secret.txt"
        }) {
            assertThat(TestStack.send(TestStack.request(path)).statusCode())
                    .as(path)
                    .isEqualTo(404);
        }
        assertThat(rawGet("/../secret.txt")).as("raw request line").doesNotContain("200");
    }

    /** A request line exactly as written: HTTP clients would normalize the dots away. */
    private static String rawGet(String path) throws Exception {
        var url = TestStack.get().apiUrl();
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }
}
