package io.atelier.local.template;

/** A template the runner cannot read or resolve; the message names the offending place. */
public class TemplateException extends RuntimeException {
    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
