package io.atelier.local;

import io.atelier.local.emulators.LocalCredentials;
import java.util.stream.Collectors;

/** The few lines {@code make run} prints once the stack is up. */
final class Banner {

    private Banner() {}

    static String text(AtelierLocal local, LocalOptions options, long fromMainMs, long fromJvmMs) {
        String api = local.apiUrl().toString();
        String localhost = api.replace("127.0.0.1", "localhost");
        StringBuilder b = new StringBuilder();
        b.append('\n')
                .append("Atelier local is up in ")
                .append(fromMainMs)
                .append(" ms (")
                .append(fromJvmMs)
                .append(" ms since JVM start)\n");
        b.append("  web app + API  ").append(localhost).append("/\n");
        b.append("  get a token    curl -s -X POST ")
                .append(localhost)
                .append("/local/token -H 'Content-Type: application/json' -d '{\"user\":\"alice\"}'\n");
        b.append("  then           curl -s -H \"Authorization: Bearer $TOKEN\" ")
                .append(localhost)
                .append("/health\n");
        if (local.endpoints().external()) {
            b.append("  AWS services   ").append(local.s3Endpoint()).append(" (external)\n");
        } else {
            b.append("  DynamoDB       ").append(local.dynamoEndpoint()).append('\n');
            b.append("  SQS            ").append(local.sqsEndpoint()).append('\n');
            b.append("  S3             ").append(local.s3Endpoint()).append('\n');
            b.append("  awscli         aws --endpoint-url <one of the above> (keys " + LocalCredentials.ACCESS_KEY
                    + " / " + LocalCredentials.SECRET_KEY + ")\n");
        }
        b.append("  functions      ")
                .append(local.functions().keySet().stream().sorted().collect(Collectors.joining(", ")))
                .append('\n');
        if (options.dataDir() != null && local.dataDir() != null) {
            b.append("  data           ")
                    .append(local.dataDir())
                    .append(" (kept across restarts; make run ARGS=--fresh or make clean-data empties it)\n");
        }
        b.append("  logs           ").append(LocalPaths.logDir()).append('\n');
        b.append("Ctrl-C stops everything.\n");
        return b.toString();
    }
}
