package io.atelier.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.json.Json;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns every way a request body can fail to parse into a 400 problem: malformed text, a document past the
 * parser's limits (nesting depth, number or string length), and a key given twice in one object, which would
 * otherwise let the last one silently win.
 */
final class BodyParsing {
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '(.*)'");

    private BodyParsing() {}

    static JsonNode parse(String body) {
        try {
            return Json.requestTree(body);
        } catch (StreamConstraintsException e) {
            // Jackson's message names its own classes; say only which limit it was ("Document nesting depth").
            String limit = String.valueOf(e.getOriginalMessage())
                    .split(" \\(")[0]
                    .strip()
                    .toLowerCase(java.util.Locale.ROOT);
            throw ApiException.badRequest("The body is past a limit of what a request may hold: " + limit + ".");
        } catch (JsonProcessingException e) {
            Matcher duplicate = DUPLICATE.matcher(e.getOriginalMessage() == null ? "" : e.getOriginalMessage());
            if (duplicate.find()) {
                String key = duplicate.group(1);
                String field = path(e, key);
                throw ApiException.validation(
                        field, "the key \"" + key + "\" appears more than once in the same object");
            }
            throw ApiException.badRequest("The body is not valid JSON" + where(e.getLocation()) + ".");
        }
    }

    /** The duplicated key with the path of the object that holds it, as field errors name fields: {@code items[0].imageId}. */
    private static String path(JsonProcessingException e, String key) {
        if (!(e.getProcessor() instanceof JsonParser parser) || parser.getParsingContext() == null) return key;
        String pointer = parser.getParsingContext().pathAsPointer().toString();
        StringBuilder out = new StringBuilder();
        for (String part :
                pointer.isEmpty() ? new String[0] : pointer.substring(1).split("/")) {
            if (part.chars().allMatch(Character::isDigit) && !part.isEmpty())
                out.append('[').append(part).append(']');
            else
                out.append(out.isEmpty() ? "" : ".")
                        .append(part.replace("~1", "/").replace("~0", "~"));
        }
        // The pointer of the object being read ends with the key itself once the duplicate was seen.
        String prefix = out.toString();
        if (prefix.equals(key) || prefix.endsWith("." + key)) return prefix;
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 0
                ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
