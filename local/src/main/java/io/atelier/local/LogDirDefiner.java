package io.atelier.local;

import ch.qos.logback.core.PropertyDefinerBase;

/** Gives the logging config the log directory ({@link LocalPaths#logDir()}), however the runner was launched. */
public final class LogDirDefiner extends PropertyDefinerBase {
    @Override
    public String getPropertyValue() {
        return LocalPaths.logDir().toString();
    }
}
