package io.atelier.local;

import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.slf4j.LoggerFactory;

/**
 * Sends the functions' java.util.logging lines to the runner's logging as {@code fn.<logger>}, so a task's fault
 * (the cause of a failed delivery) lands in the same file as the delivery line, in order, instead of on stderr only.
 * Left alone when a JUL configuration file was chosen.
 */
final class JulBridge extends Handler {
    private static final Formatter MESSAGES = new SimpleFormatter();
    private static boolean installed;

    static synchronized void install() {
        if (installed || System.getProperty("java.util.logging.config.file") != null) return;
        installed = true;
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler handler : root.getHandlers()) root.removeHandler(handler);
        root.addHandler(new JulBridge());
    }

    @Override
    public void publish(LogRecord record) {
        if (record == null || !isLoggable(record)) return;
        org.slf4j.Logger log =
                LoggerFactory.getLogger("fn." + (record.getLoggerName() == null ? "jul" : record.getLoggerName()));
        String message = MESSAGES.formatMessage(record);
        int level = record.getLevel().intValue();
        if (level >= Level.SEVERE.intValue()) log.error(message, record.getThrown());
        else if (level >= Level.WARNING.intValue()) log.warn(message, record.getThrown());
        else if (level >= Level.INFO.intValue()) log.info(message, record.getThrown());
        else if (level >= Level.FINE.intValue()) log.debug(message, record.getThrown());
        else log.trace(message, record.getThrown());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
}
