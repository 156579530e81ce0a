package org.spinmon.analyzer.run;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.CharConversionException;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why run.json could not be read, in plain words for one line of a report: the key path (for example
 * {@code architecture.widths[1]}) and what is wrong with it, or where the JSON is malformed, instead of Jackson's
 * messages, which name Java types ({@code Cannot construct instance of `java.lang.Integer`}) and span lines. At
 * most {@value #LIMIT} characters; control characters are escaped.
 */
final class ManifestProblems {

    static final int LIMIT = 300;

    private static final Pattern QUOTED = Pattern.compile("['\"]([^'\"]*)['\"]");
    private static final Pattern SOURCE = Pattern.compile("\\s*\\(?\\[Source:.*?\\]\\)?|,? from `[^`]*`");

    private ManifestProblems() {
    }

    /** @return what is wrong, for "run.json: not a valid run manifest: ..." */
    static String describe(Exception e) {
        return oneLine(reason(e));
    }

    private static String reason(Exception e) {
        if (e instanceof ValueInstantiationException v) {
            Throwable cause = v.getCause() == null ? v : v.getCause();
            return at(v) + String.valueOf(cause.getMessage());
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return at(u) + "unknown key \"" + u.getPropertyName() + "\"";
        }
        if (e instanceof MismatchedInputException m) {
            String original = String.valueOf(m.getOriginalMessage());
            if (original.startsWith("Missing required creator property")) {
                return at(m) + "key " + quoted(original) + " is missing";
            }
            if (original.startsWith("No content to map") || m.getTargetType() == null) {
                return at(m) + (original.startsWith("No content") ? "the file is empty" : "malformed value")
                        + location(m.getLocation());
            }
            return at(m) + "must be " + kind(m.getTargetType());
        }
        if (e instanceof JsonMappingException j) {
            Throwable cause = j.getCause();
            return at(j) + plain(cause instanceof JacksonException c ? c.getOriginalMessage()
                    : cause != null ? cause.getMessage() : j.getOriginalMessage());
        }
        if (e instanceof StreamConstraintsException c) {
            return "too large to read: " + plain(c.getOriginalMessage());
        }
        if (e instanceof StreamReadException r) {
            String original = String.valueOf(r.getOriginalMessage());
            if (original.startsWith("Duplicate field")) {
                return "key " + quoted(original) + " appears twice" + location(r.getLocation());
            }
            return "malformed JSON: " + plain(original) + location(r.getLocation());
        }
        if (e instanceof CharConversionException) {
            return "not UTF-8 text: " + plain(e.getMessage());
        }
        return plain(e.getMessage());
    }

    /** @return "key.path: " for the value the mapping failed at, or "" at the top */
    private static String at(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "" : path + ": ";
    }

    private static String kind(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer" + (type == int.class || type == Integer.class ? " of at most 2147483647" : "");
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Instant.class) {
            return "a time such as \"2026-11-23T00:00:00Z\"";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return Map.class.isAssignableFrom(type) || type.isRecord() ? "an object" : "a JSON value of another kind";
    }

    private static String quoted(String message) {
        Matcher m = QUOTED.matcher(message);
        return m.find() ? "\"" + m.group(1) + "\"" : "";
    }

    private static String location(JsonLocation at) {
        return at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    /** @return {@code message} without Jackson's source excerpts and Java type names */
    private static String plain(String message) {
        String s = SOURCE.matcher(String.valueOf(message)).replaceAll("");
        return s.replaceAll("`[^`]*`", "the value").replaceAll("java\\.lang\\.|java\\.util\\.", "");
    }

    /** @return {@code text} on one line: control and line-separating characters escaped, cut to {@value #LIMIT} */
    static String oneLine(String text) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        for (; i < text.length() && b.length() < LIMIT; i++) {
            char c = text.charAt(i);
            boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            b.append(control ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return i < text.length() ? b + "..." : b.toString();
    }
}
