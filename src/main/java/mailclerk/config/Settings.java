package mailclerk.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The administrator's settings: {@code config/mailclerk.properties}, where every key can be overridden by an
 * environment variable {@code MAILCLERK_} + the key in upper snake case ({@code imap.host} ->
 * {@code MAILCLERK_IMAP_HOST}). A secret {@code x.password} may instead be given as a file path in
 * {@code x.password-file}, so that it never has to sit in the properties file.
 */
public final class Settings {
    private final Properties file;
    private final Map<String, String> env;
    private final Path baseDir;
    /** "mailbox.<id>." for one mailbox's view, whose own keys override the shared ones; "" for the shared view. */
    private final String mailboxPrefix;

    public Settings(Properties file, Map<String, String> env, Path baseDir) {
        this(file, env, baseDir, "");
    }

    private Settings(Properties file, Map<String, String> env, Path baseDir, String mailboxPrefix) {
        this.file = file;
        this.env = env;
        this.baseDir = baseDir;
        this.mailboxPrefix = mailboxPrefix;
    }

    /** The help mailboxes: {@code mailboxes=helpdesk,intake}; none set means one mailbox, configured as always. */
    public java.util.List<String> mailboxes() {
        String v = get("mailboxes", "").strip();
        if (v.isEmpty()) return java.util.List.of("");
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (String id : v.split(",")) {
            String i = id.strip();
            if (!i.matches("[a-z0-9-]{1,40}")) throw new ConfigException("mailboxes: '" + i + "' must be lower-case letters, digits and -");
            if (!ids.contains(i)) ids.add(i);
        }
        return ids;
    }

    /**
     * The settings of one mailbox: {@code mailbox.<id>.<key>} (or MAILCLERK_MAILBOX_<ID>_<KEY>) overrides {@code <key>}
     * for any key ({@code imap.*}, {@code smtp.*}, {@code oauth.*}, {@code helpdesk.*}, {@code folder.*},
     * {@code reply.*} ...). The id "" is the single mailbox of a configuration without {@code mailboxes}.
     */
    /** The mailbox this view is of ("" for the shared view or the only mailbox). */
    public String mailboxId() {
        return mailboxPrefix.isEmpty() ? "" : mailboxPrefix.substring("mailbox.".length(), mailboxPrefix.length() - 1);
    }

    public Settings forMailbox(String id) {
        return new Settings(file, env, baseDir, id.isEmpty() ? "" : "mailbox." + id + ".");
    }

    /** Loads the properties file (a missing file means "all defaults") and the process environment. */
    public static Settings load(Path configFile) {
        Properties p = new Properties();
        if (configFile != null && Files.exists(configFile)) {
            try (Reader r = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new ConfigException("cannot read " + configFile + ": " + e.getMessage());
            }
        } else if (configFile != null && !configFile.toString().equals(DEFAULT_CONFIG.toString())) {
            throw new ConfigException("configuration file not found: " + configFile);
        }
        Path base = Path.of("").toAbsolutePath();
        return new Settings(p, System.getenv(), base);
    }

    /** The properties shipped inside the jar (the same defaults as config/mailclerk.properties). */
    public static Properties bundledDefaults() {
        Properties p = new Properties();
        try (InputStream in = Settings.class.getResourceAsStream("/mailclerk.properties")) {
            if (in != null) p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException("cannot read bundled defaults: " + e.getMessage());
        }
        return p;
    }

    public static final Path DEFAULT_CONFIG = Path.of("config", "mailclerk.properties");

    public static String envName(String key) {
        return "MAILCLERK_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Returns a copy with some keys set (for tests and the demo). */
    public Settings with(Map<String, String> overrides) {
        Properties p = new Properties();
        p.putAll(file);
        overrides.forEach(p::setProperty);
        return new Settings(p, env, baseDir, mailboxPrefix);
    }

    public String get(String key, String def) {
        if (!mailboxPrefix.isEmpty()) {
            String own = env.get(envName(mailboxPrefix + key));
            if (own == null) own = file.getProperty(mailboxPrefix + key);
            if (own != null && !own.isBlank()) return own.trim();
        }
        String v = env.get(envName(key));
        if (v == null) v = file.getProperty(key);
        if (v == null) v = bundled().getProperty(key);
        if (v == null) return def;
        v = v.trim();
        return v.isEmpty() && def != null ? def : v;
    }

    public String require(String key) {
        String v = get(key, null);
        if (v == null || v.isBlank()) throw new ConfigException("missing setting " + key + " (or " + envName(key) + ")");
        return v;
    }

    public int getInt(String key, int def) {
        String v = get(key, null);
        if (v == null || v.isBlank()) return def;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a whole number, not '" + v + "'");
        }
    }

    public long getLong(String key, long def) {
        String v = get(key, null);
        if (v == null || v.isBlank()) return def;
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a whole number, not '" + v + "'");
        }
    }

    public double getDouble(String key, double def) {
        String v = get(key, null);
        if (v == null || v.isBlank()) return def;
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a number, not '" + v + "'");
        }
    }

    public boolean getBoolean(String key, boolean def) {
        String v = get(key, null);
        if (v == null || v.isBlank()) return def;
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ConfigException(key + " must be true or false, not '" + v + "'");
        };
    }

    public LocalDate getDate(String key, LocalDate def) {
        String v = get(key, null);
        if (v == null || v.isBlank()) return def;
        try {
            return LocalDate.parse(v.trim());
        } catch (RuntimeException e) {
            throw new ConfigException(key + " must be a date like 2025-04-07, not '" + v + "'");
        }
    }

    /** A path setting, relative paths resolved against the working directory. */
    public Path getPath(String key, String def) {
        Path p = Path.of(get(key, def));
        return p.isAbsolute() ? p : baseDir.resolve(p).normalize();
    }

    /**
     * A secret: from {@code key} (environment or file) or read from the file named by {@code key-file}.
     * Returns "" when neither is set.
     */
    public String secret(String key) {
        String direct = get(key, null);
        if (direct != null && !direct.isEmpty()) return direct;
        String fileName = get(key + "-file", null);
        if (fileName == null || fileName.isBlank()) return "";
        Path f = Path.of(fileName);
        try {
            return Files.readString(f.isAbsolute() ? f : baseDir.resolve(f), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new ConfigException("cannot read " + key + "-file " + fileName + ": " + e.getMessage());
        }
    }

    private static Properties bundledCache;

    private static synchronized Properties bundled() {
        if (bundledCache == null) bundledCache = bundledDefaults();
        return bundledCache;
    }
}
