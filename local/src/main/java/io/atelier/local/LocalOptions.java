package io.atelier.local;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * How to run the local stack.
 *
 * @param port               HTTP port of the API and web app (0 = a free port)
 * @param template           the SAM template
 * @param webDir             static files served at /
 * @param endpoint           an external stack (LocalStack) for DynamoDB, SQS and S3; null = start the emulators
 * @param parameterOverrides template parameter values that replace the defaults
 * @param serve              serve HTTP, run the SQS mappings and S3 notifications; false only prepares the
 *                           resources and functions (for one-off invocations)
 */
public record LocalOptions(int port, Path template, Path webDir, URI endpoint, Map<String, String> parameterOverrides,
                           boolean serve) {

    public LocalOptions {
        parameterOverrides = Map.copyOf(parameterOverrides);
    }

    public static LocalOptions defaults() {
        return new LocalOptions(3000, Path.of("template.yaml"), Path.of("web"), null, Map.of(), true);
    }

    public LocalOptions withPort(int value) {
        return new LocalOptions(value, template, webDir, endpoint, parameterOverrides, serve);
    }

    public LocalOptions withTemplate(Path value) {
        return new LocalOptions(port, value, webDir, endpoint, parameterOverrides, serve);
    }

    public LocalOptions withWebDir(Path value) {
        return new LocalOptions(port, template, value, endpoint, parameterOverrides, serve);
    }

    public LocalOptions withEndpoint(URI value) {
        return new LocalOptions(port, template, webDir, value, parameterOverrides, serve);
    }

    public LocalOptions withParameterOverrides(Map<String, String> value) {
        return new LocalOptions(port, template, webDir, endpoint, value, serve);
    }

    public LocalOptions withServe(boolean value) {
        return new LocalOptions(port, template, webDir, endpoint, parameterOverrides, value);
    }
}
