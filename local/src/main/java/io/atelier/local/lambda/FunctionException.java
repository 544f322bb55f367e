package io.atelier.local.lambda;

/** A function invocation that failed: the handler threw, or the handler could not be loaded (init error). */
public class FunctionException extends RuntimeException {
    public FunctionException(String message, Throwable cause) {
        super(message, cause);
    }
}
