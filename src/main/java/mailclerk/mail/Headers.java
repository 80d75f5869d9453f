package mailclerk.mail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A message's headers by lower-case name, values unfolded; read-only. */
public final class Headers {
    private final Map<String, List<String>> byName;

    private Headers(Map<String, List<String>> byName) {
        this.byName = byName;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<String> all(String name) {
        return byName.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** The first value, or null. */
    public String first(String name) {
        List<String> v = all(name);
        return v.isEmpty() ? null : v.get(0);
    }

    public boolean has(String name) {
        return byName.containsKey(name.toLowerCase(Locale.ROOT));
    }

    public Iterable<String> names() {
        return byName.keySet();
    }

    public static final class Builder {
        private final Map<String, List<String>> map = new LinkedHashMap<>();

        public Builder add(String name, String value) {
            map.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
            return this;
        }

        public Headers build() {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, Collections.unmodifiableList(new ArrayList<>(v))));
            return new Headers(Collections.unmodifiableMap(copy));
        }
    }
}
