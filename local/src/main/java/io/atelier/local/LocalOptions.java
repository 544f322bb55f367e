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
 * @param functionEnvironment extra environment for the functions, over the template's (e.g. a provider's base URL
 *                           pointing at a stand-in server in tests)
 * @param dataDir            where the emulators keep objects, tables and queues so that they outlast a restart;
 *                           null = a fresh temporary directory, removed when the stack stops (tests, invoke)
 */
public record LocalOptions(
        int port,
        Path template,
        Path webDir,
        URI endpoint,
        Map<String, String> parameterOverrides,
        boolean serve,
        Map<String, String> functionEnvironment,
        Path dataDir) {

    public LocalOptions {
        parameterOverrides = Map.copyOf(parameterOverrides);
        functionEnvironment = Map.copyOf(functionEnvironment);
    }

    public static LocalOptions defaults() {
        return new LocalOptions(3000, Path.of("template.yaml"), Path.of("web"), null, Map.of(), true, Map.of(), null);
    }

    public LocalOptions withPort(int value) {
        return new LocalOptions(
                value, template, webDir, endpoint, parameterOverrides, serve, functionEnvironment, dataDir);
    }

    public LocalOptions withTemplate(Path value) {
        return new LocalOptions(port, value, webDir, endpoint, parameterOverrides, serve, functionEnvironment, dataDir);
    }

    public LocalOptions withWebDir(Path value) {
        return new LocalOptions(
                port, template, value, endpoint, parameterOverrides, serve, functionEnvironment, dataDir);
    }

    public LocalOptions withEndpoint(URI value) {
        return new LocalOptions(port, template, webDir, value, parameterOverrides, serve, functionEnvironment, dataDir);
    }

    public LocalOptions withParameterOverrides(Map<String, String> value) {
        return new LocalOptions(port, template, webDir, endpoint, value, serve, functionEnvironment, dataDir);
    }

    public LocalOptions withServe(boolean value) {
        return new LocalOptions(
                port, template, webDir, endpoint, parameterOverrides, value, functionEnvironment, dataDir);
    }

    public LocalOptions withFunctionEnvironment(Map<String, String> value) {
        return new LocalOptions(port, template, webDir, endpoint, parameterOverrides, serve, value, dataDir);
    }

    public LocalOptions withDataDir(Path value) {
        return new LocalOptions(
                port, template, webDir, endpoint, parameterOverrides, serve, functionEnvironment, value);
    }
}
