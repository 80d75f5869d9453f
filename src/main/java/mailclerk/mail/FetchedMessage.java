package mailclerk.mail;

/**
 * A message as fetched from the mailbox: its UID and size, and its raw bytes unless it was larger than the limit
 * (then {@code raw} is null and only the headers are here).
 */
public record FetchedMessage(long uid, long size, byte[] raw, byte[] headersOnly) {
    public boolean tooLarge() {
        return raw == null;
    }
}
