package mailclerk.mail;

/**
 * A message as fetched from the mailbox: its UID and size, and its raw bytes unless it was larger than the limit
 * (then {@code raw} is null and only the headers are here); {@code received}: when the court's mail server took it
 * (IMAP INTERNALDATE), null when the server did not say.
 */
public record FetchedMessage(long uid, long size, byte[] raw, byte[] headersOnly, java.time.Instant received) {
    public FetchedMessage(long uid, long size, byte[] raw, byte[] headersOnly) {
        this(uid, size, raw, headersOnly, null);
    }

    public boolean tooLarge() {
        return raw == null;
    }
}
