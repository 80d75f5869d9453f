package mailclerk.queue;

/** The journal cannot be read or written: the poll stops, since nothing may happen that is not recorded. */
public class JournalException extends RuntimeException {
    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
