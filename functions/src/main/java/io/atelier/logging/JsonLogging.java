package io.atelier.logging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * In Lambda, java.util.logging lines become one JSON object each (time, level by Lambda's names, logger, message, the
 * invocation's {@link LogContext} fields, and an error's type, message and stack trace), so Lambda's log-level filter
 * and CloudWatch Logs Insights read them like the runtime's own JSON logs. Secrets are blanked out
 * ({@link LogRedaction}). Outside Lambda nothing changes.
 */
public final class JsonLogging {
    private static boolean installed;

    private JsonLogging() {}

    /** Installs the JSON lines when running in Lambda ({@code lambdaFunctionName} present), at Lambda's log level. */
    public static synchronized void installInLambda(Optional<String> lambdaFunctionName, Optional<String> logLevel) {
        if (installed || lambdaFunctionName.isEmpty()) return;
        installed = true;
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) root.removeHandler(handler);
        ConsoleHandler handler = new ConsoleHandler();
        handler.setFormatter(new JsonFormatter());
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        // LoggingConfig.ApplicationLogLevel reaches the function as AWS_LAMBDA_LOG_LEVEL.
        logLevel.ifPresent(level -> root.setLevel(
                switch (level) {
                    case "TRACE" -> Level.FINEST;
                    case "DEBUG" -> Level.FINE;
                    case "WARN" -> Level.WARNING;
                    case "ERROR", "FATAL" -> Level.SEVERE;
                    default -> Level.INFO;
                }));
    }

    /** Lambda's level names: its log-level filter treats any other name (WARNING, SEVERE) as INFO. */
    static String lambdaLevel(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) return "ERROR";
        if (value >= Level.WARNING.intValue()) return "WARN";
        if (value >= Level.INFO.intValue()) return "INFO";
        if (value >= Level.FINE.intValue()) return "DEBUG";
        return "TRACE";
    }

    static final class JsonFormatter extends Formatter {
        private static final int FRAMES_PER_ERROR = 20;

        @Override
        public String format(LogRecord record) {
            StringBuilder out = new StringBuilder(256).append('{');
            field(out, "timestamp", Instant.ofEpochMilli(record.getMillis()).toString())
                    .append(',');
            field(out, "level", lambdaLevel(record.getLevel())).append(',');
            field(out, "logger", record.getLoggerName()).append(',');
            field(out, "message", LogRedaction.scrub(formatMessage(record)));
            LogContext.fields().forEach((name, value) -> field(out.append(','), name, value));
            Throwable thrown = record.getThrown();
            if (thrown != null) {
                out.append(',');
                field(out, "errorType", thrown.getClass().getName()).append(',');
                field(out, "errorMessage", LogRedaction.scrub(String.valueOf(thrown.getMessage())))
                        .append(",\"stackTrace\":[");
                stackTrace(out, thrown);
                out.append(']');
            }
            return out.append("}\n").toString();
        }

        /** The frames of the error and of up to four causes, one string each as Lambda's own JSON logs have them. */
        private static void stackTrace(StringBuilder out, Throwable thrown) {
            List<String> lines = new ArrayList<>();
            int depth = 0;
            for (Throwable t = thrown; t != null && depth < 5; t = t.getCause(), depth++) {
                if (t != thrown)
                    lines.add("Caused by: " + t.getClass().getName() + ": "
                            + LogRedaction.scrub(String.valueOf(t.getMessage())));
                StackTraceElement[] frames = t.getStackTrace();
                for (int i = 0; i < Math.min(frames.length, FRAMES_PER_ERROR); i++) lines.add("at " + frames[i]);
                if (frames.length > FRAMES_PER_ERROR) lines.add("... " + (frames.length - FRAMES_PER_ERROR) + " more");
            }
            for (int i = 0; i < lines.size(); i++) string(i == 0 ? out : out.append(','), lines.get(i));
        }

        private static StringBuilder field(StringBuilder out, String name, String value) {
            out.append('"').append(name).append("\":");
            return string(out, value);
        }

        private static StringBuilder string(StringBuilder out, String value) {
            out.append('"');
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
