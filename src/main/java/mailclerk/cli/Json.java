package mailclerk.cli;

import java.util.Locale;
import java.util.Map;

/** Just enough JSON for one-object-per-line output; every string is escaped. */
final class Json {
    private Json() {
    }

    static String object(Map<String, ?> fields) {
        StringBuilder b = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            if (!first) b.append(", ");
            first = false;
            b.append(str(e.getKey())).append(": ").append(value(e.getValue()));
        }
        return b.append('}').toString();
    }

    @SuppressWarnings("unchecked")
    static String value(Object v) {
        if (v == null) return "null";
        if (v instanceof Boolean || v instanceof Integer || v instanceof Long) return v.toString();
        if (v instanceof Double d) return String.format(Locale.ROOT, "%.4f", d);
        if (v instanceof Map<?, ?> m) return object((Map<String, ?>) m);
        if (v instanceof Iterable<?> it) {
            StringBuilder b = new StringBuilder("[");
            for (Object o : it) {
                if (b.length() > 1) b.append(", ");
                b.append(value(o));
            }
            return b.append(']').toString();
        }
        return str(v.toString());
    }

    static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }
}
