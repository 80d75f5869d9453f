package mailclerk.mail;

import java.util.Locale;
import mailclerk.config.ConfigException;

/** How a connection to the mail server is protected. */
public enum Security {
    /** Plain text: only for a server on the same machine or in tests. */
    NONE,
    /** Plain connection upgraded with STARTTLS; the upgrade is required, not optional. */
    STARTTLS,
    /** Implicit TLS from the first byte (IMAPS 993, SMTPS 465). */
    TLS;

    public static Security parse(String key, String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + " must be none, starttls or tls, not '" + value + "'");
        }
    }
}
