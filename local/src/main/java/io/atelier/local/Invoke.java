package io.atelier.local;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code make invoke FUNCTION=<LogicalId> EVENT=<file>}: one invocation of one function with one event, like
 * {@code sam local invoke}. Prepares the emulators (or uses {@code --endpoint}) and the template's resources, but
 * serves nothing and runs no event sources. The response JSON goes to stdout, logs to stderr; the exit code is 1
 * if the function failed.
 * Usage: {@code Invoke <LogicalId> <event.json> [--template t.yaml] [--endpoint URL] [--parameter-overrides K=V]}
 * (or {@code --function} / {@code --event}).
 */
public final class Invoke {

    private Invoke() {}

    public static void main(String[] args) throws Exception {
        String function;
        Path event;
        LocalOptions options;
        try {
            CliArgs cli =
                    CliArgs.parse(args, Set.of("function", "event", "template", "endpoint", "parameter-overrides"));
            function = cli.get("function") != null
                    ? cli.get("function")
                    : cli.positional().isEmpty() ? null : cli.positional().get(0);
            String eventArg = cli.get("event") != null
                    ? cli.get("event")
                    : cli.positional().size() < 2 ? null : cli.positional().get(1);
            if (function == null || eventArg == null) {
                throw new IllegalArgumentException("usage: Invoke <FunctionLogicalId> <event.json> [--template FILE]"
                        + " [--endpoint URL] [--parameter-overrides K=V,...]");
            }
            event = Path.of(eventArg);
            if (!Files.isRegularFile(event)) {
                throw new IllegalArgumentException("no event file " + event);
            }
            options = cli.common(LocalOptions.defaults()).withServe(false);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        // Only the response goes to stdout (pipe it to jq); whatever the function prints goes to stderr, as with SAM.
        PrintStream stdout = System.out;
        System.setOut(System.err);
        int exit;
        try (AtelierLocal local = AtelierLocal.start(options)) {
            InvokeResult result = local.invoke(function, event);
            stdout.println(result.json());
            stdout.flush();
            System.err.printf(
                    "%s %s in %d ms%n", function, result.failed() ? "failed" : "answered", result.durationMillis());
            exit = result.failed() ? 1 : 0;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            exit = 2;
        }
        System.exit(exit);
    }
}
