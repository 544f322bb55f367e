package io.atelier.local;

/**
 * The outcome of one invocation: the handler's response (typed) and its JSON, or the error Lambda would report
 * ({@code {"errorMessage", "errorType"}} as {@code json}).
 */
public record InvokeResult(String functionId, Object response, String json, boolean failed, long durationMillis) {}
