package io.atelier.logging;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Blanks secrets out of log text: provider keys, bearer tokens, AWS credentials and the signatures of presigned URLs
 * (which grant access to whoever holds them). A safety net under the rule that code never logs them at all.
 */
final class LogRedaction {
    private static final String HIDDEN = "[redacted]";
    private static final List<Pattern> VALUES_AFTER = List.of(
            // Presigned URLs and SigV4 headers; query keys of providers that take the key in the URL (Gemini's ?key=).
            Pattern.compile("(?i)(X-Amz-(?:Signature|Credential|Security-Token)=)[^&\\s\"'<>]+"),
            Pattern.compile("(?i)([?&](?:key|api_key|apikey|token|access_token|sig|signature)=)[^&\\s\"'<>]+"),
            Pattern.compile("(?i)(\\bSignature=)[^,\\s\"']+"),
            Pattern.compile("(?i)(\\bBearer\\s+)[^\\s\"',]+"),
            // Header or JSON field forms: "Authorization: …", "x-api-key=…", "\"apiKey\":\"…\"".
            Pattern.compile(
                    "(?i)((?:authorization|x-api-key|x-goog-api-key|api[-_]?key|secret|password|token)\"?\\s*[:=]\\s*\"?)"
                            + "(?!\\[redacted\\])(?!Bearer\\b)[^\\s\"',}]+"));
    private static final List<Pattern> WHOLE_VALUES = List.of(
            Pattern.compile("\\bsk-[A-Za-z0-9_-]{8,}"), // OpenAI, DashScope, Stability keys
            Pattern.compile("\\bAIza[0-9A-Za-z_-]{20,}"), // Google API keys
            Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b")); // AWS access key ids

    private LogRedaction() {}

    static String scrub(String text) {
        if (text == null || text.isEmpty()) return text;
        String out = text;
        for (Pattern pattern : VALUES_AFTER) out = pattern.matcher(out).replaceAll("$1" + HIDDEN);
        for (Pattern pattern : WHOLE_VALUES) out = pattern.matcher(out).replaceAll(HIDDEN);
        return out;
    }
}
