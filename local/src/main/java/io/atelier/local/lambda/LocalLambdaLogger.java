package io.atelier.local.lambda;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A function's LambdaLogger: lines go to the runner's log under the function's logical id. */
final class LocalLambdaLogger implements LambdaLogger {

    private final Logger log;

    LocalLambdaLogger(String logicalId) {
        this.log = LoggerFactory.getLogger("fn." + logicalId);
    }

    @Override
    public void log(String message) {
        log(message, LogLevel.INFO);
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
    }

    @Override
    public void log(String message, LogLevel level) {
        String line = message == null ? "null" : message.stripTrailing();
        switch (level == null ? LogLevel.INFO : level) {
            case FATAL, ERROR -> log.error(line);
            case WARN -> log.warn(line);
            case DEBUG -> log.debug(line);
            case TRACE -> log.trace(line);
            default -> log.info(line);
        }
    }

    @Override
    public void log(byte[] message, LogLevel level) {
        log(new String(message, StandardCharsets.UTF_8), level);
    }
}
