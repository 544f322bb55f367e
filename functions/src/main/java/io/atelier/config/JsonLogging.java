package io.atelier.config;

import java.util.logging.Level;
import java.time.Instant;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * In Lambda, java.util.logging lines become one JSON object each (time, level, logger, message, error type), so
 * CloudWatch Logs Insights can filter them like the runtime's own JSON logs. Stack traces stay out of messages
 * users see; here they are reduced to the exception type and message. Outside Lambda nothing changes.
 */
public final class JsonLogging {
    private static boolean installed;

    private JsonLogging() {}

    public static synchronized void installInLambda() {
        if (installed || System.getenv("AWS_LAMBDA_FUNCTION_NAME") == null) return;
        installed = true;
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) root.removeHandler(handler);
        ConsoleHandler handler = new ConsoleHandler();
        handler.setFormatter(new JsonFormatter());
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        // LoggingConfig.ApplicationLogLevel reaches the function as AWS_LAMBDA_LOG_LEVEL.
        Env.optional("AWS_LAMBDA_LOG_LEVEL").ifPresent(level -> root.setLevel(switch (level) {
            case "TRACE" -> Level.FINEST;
            case "DEBUG" -> Level.FINE;
            case "WARN" -> Level.WARNING;
            case "ERROR", "FATAL" -> Level.SEVERE;
            default -> Level.INFO;
        }));
    }

    static final class JsonFormatter extends Formatter {
        @Override
        public String format(LogRecord record) {
            StringBuilder out = new StringBuilder(256).append('{');
            field(out, "timestamp", Instant.ofEpochMilli(record.getMillis()).toString()).append(',');
            field(out, "level", record.getLevel().getName()).append(',');
            field(out, "logger", record.getLoggerName()).append(',');
            field(out, "message", formatMessage(record));
            if (record.getThrown() != null) {
                out.append(',');
                field(out, "errorType", record.getThrown().getClass().getName()).append(',');
                field(out, "errorMessage", String.valueOf(record.getThrown().getMessage()));
            }
            return out.append("}\n").toString();
        }

        private static StringBuilder field(StringBuilder out, String name, String value) {
            out.append('"').append(name).append("\":\"");
            for (char c : String.valueOf(value).toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                        else out.append(c);
                    }
                }
            }
            return out.append('"');
        }
    }
}
