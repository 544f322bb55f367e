package io.atelier.local.e2e;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * Every log line the local stack writes (runner, emulators' bridges and the functions, whose java.util.logging goes
 * through SLF4J), with its exception chain, kept in memory so a test can scan a whole run for secrets.
 */
final class LogCapture extends AppenderBase<ILoggingEvent> {
    /** A presigned URL's signature that is not redacted, and a bearer token: never in a log line. */
    static final Pattern SIGNED =
            Pattern.compile("X-Amz-Signature=[0-9a-fA-F]{16}|X-Amz-Credential=[A-Z0-9]{16}|Bearer ey[A-Za-z0-9_-]{10}");

    /** The root and the loggers the test configuration keeps to themselves (additivity off). */
    private static final List<String> LOGGERS = List.of(Logger.ROOT_LOGGER_NAME, "fn", "io.atelier.local");

    private final List<String> lines = new ArrayList<>();
    private Level handlersLevel;

    /** Attaches to every logger that writes, and lowers the handlers' own loggers to DEBUG while attached. */
    static LogCapture attach() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        LogCapture capture = new LogCapture();
        capture.setContext(context);
        capture.start();
        for (String name : LOGGERS) context.getLogger(name).addAppender(capture);
        Logger handlers = context.getLogger("io.atelier");
        capture.handlersLevel = handlers.getLevel();
        handlers.setLevel(Level.DEBUG);
        return capture;
    }

    void detach() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (String name : LOGGERS) context.getLogger(name).detachAppender(this);
        context.getLogger("io.atelier").setLevel(handlersLevel);
        stop();
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
        StringBuilder line =
                new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
            for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray())
                line.append(' ').append(frame.getSTEAsString());
        }
        lines.add(line.toString());
    }
}
