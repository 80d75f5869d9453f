package mailclerk.config;

/** A setting is missing or malformed; the message names the key so the administrator can fix it. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
