package org.spinmon.dashboard.monitor;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One JSON object of run.json's {@code config} as Jackson read it (a {@link Map} of plain JSON values), read value
 * by value: each getter checks the value's type and range and refuses anything else with an
 * {@link IllegalArgumentException} whose message is one line, {@code run.json: <key path> must be <allowed values>,
 * was <value>}, the value shown short (at most {@value #SHOWN} characters, control characters escaped, lists and
 * objects by their size).
 */
final class RecordedObject {

    private static final int SHOWN = 40;
    private static final int REASON = 300;

    private final Map<?, ?> map;
    private final String path;

    private RecordedObject(Map<?, ?> map, String path) {
        this.map = map;
        this.path = path;
    }

    /**
     * @param value the value at {@code path}
     * @param path  its key path, for example {@code config.analysis}
     * @return the object
     * @throws IllegalArgumentException when {@code value} is not a JSON object
     */
    static RecordedObject of(Object value, String path) {
        if (!(value instanceof Map<?, ?> m)) {
            throw refusal(path, "an object", value);
        }
        return new RecordedObject(m, path);
    }

    /** @return the object under {@code key}, or empty when the key is absent */
    Optional<RecordedObject> object(String key) {
        Object v = map.get(key);
        return v == null && !map.containsKey(key) ? Optional.empty() : Optional.of(of(v, name(key)));
    }

    /** @return the boolean under {@code key} */
    boolean flag(String key) {
        if (!(map.get(key) instanceof Boolean b)) {
            throw refuse(key, "true or false");
        }
        return b;
    }

    /** @return the integer under {@code key}, in {@code min … max} */
    int integer(String key, int min, int max) {
        return (int) whole(map.get(key), name(key), min, max);
    }

    /** @return the integer under {@code key}, in {@code min … max} */
    long whole(String key, long min, long max) {
        return whole(map.get(key), name(key), min, max);
    }

    /** @return the finite number under {@code key}; its range is the settings' own check */
    double real(String key) {
        return real(map.get(key), name(key));
    }

    /** @return the list under {@code key}, of at most {@code maxSize} elements */
    List<?> list(String key, int maxSize) {
        if (!(map.get(key) instanceof List<?> l) || l.size() > maxSize) {
            throw refuse(key, "a list of at most " + maxSize + " elements");
        }
        return l;
    }

    /** @return the {@code i}-th element of {@code list} (under {@code key}) as an integer in {@code min … max} */
    int integerAt(List<?> list, String key, int i, int min, int max) {
        return (int) whole(list.get(i), name(key) + "[" + i + "]", min, max);
    }

    /** @return the {@code i}-th element of {@code list} (under {@code key}) as a finite number */
    double realAt(List<?> list, String key, int i) {
        return real(list.get(i), name(key) + "[" + i + "]");
    }

    /** @return the refusal of this object's settings as a whole, with the settings' own reason */
    IllegalArgumentException invalid(IllegalArgumentException reason) {
        return new IllegalArgumentException("run.json: " + path + ": " + oneLine(String.valueOf(reason.getMessage()),
                REASON), reason);
    }

    private static long whole(Object v, String name, long min, long max) {
        boolean integral = v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte;
        if (!integral || ((Number) v).longValue() < min || ((Number) v).longValue() > max) {
            throw refusal(name, "an integer in " + min + " ... " + max, v);
        }
        return ((Number) v).longValue();
    }

    private static double real(Object v, String name) {
        if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw refusal(name, "a finite number", v);
        }
        return n.doubleValue();
    }

    private IllegalArgumentException refuse(String key, String allowed) {
        return refusal(name(key), allowed, map.get(key));
    }

    private String name(String key) {
        return path + "." + key;
    }

    private static IllegalArgumentException refusal(String name, String allowed, Object value) {
        return new IllegalArgumentException("run.json: " + name + " must be " + allowed + ", was " + show(value));
    }

    /** @return {@code value} shown short on one line */
    static String show(Object value) {
        if (value instanceof Map<?, ?> m) {
            return "an object of " + m.size() + " keys";
        }
        if (value instanceof List<?> l) {
            return "a list of " + l.size() + " elements";
        }
        if (value instanceof BigInteger || value instanceof BigDecimal || value instanceof Number) {
            return oneLine(String.valueOf(value), SHOWN);
        }
        return value instanceof String s ? "\"" + oneLine(s, SHOWN) + "\"" : String.valueOf(value);
    }

    /** @return {@code text} with control and line-separating characters escaped, cut to {@code limit} characters */
    static String oneLine(String text, int limit) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        for (; i < text.length() && b.length() < limit; i++) {
            char c = text.charAt(i);
            boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            b.append(control ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return i < text.length() ? b + "..." : b.toString();
    }
}
