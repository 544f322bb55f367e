package io.atelier.local;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.net.URL;

/**
 * Configures logging from {@code atelier-logback.xml} (or {@code atelier-logback-test.xml} when tests provide
 * one). A ServiceLoader configurator, because ElasticMQ's jar ships a {@code logback.xml} that would otherwise win
 * on the Makefile's classpath. {@code -Dlogback.configurationFile} still takes precedence. The handlers log with
 * java.util.logging: {@link JulBridge} sends those lines here too, so they reach the console and the run's log file.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    private static final String JUL_FORMAT = "java.util.logging.SimpleFormatter.format";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty(JUL_FORMAT) == null) {
            System.setProperty(JUL_FORMAT, "%1$tT.%1$tL %4$-5s %3$s %5$s%6$s%n");
        }
        JulBridge.install();
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        ClassLoader loader = LogConfigurator.class.getClassLoader();
        URL config = loader.getResource("atelier-logback-test.xml");
        if (config == null) {
            config = loader.getResource("atelier-logback.xml");
        }
        if (config == null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        try {
            joran.doConfigure(config);
        } catch (JoranException e) {
            addError("cannot read " + config, e);
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
