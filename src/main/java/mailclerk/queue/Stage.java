package mailclerk.queue;

/**
 * How far the handling of one message got. Each stage is committed to the journal before the next step starts,
 * so after a crash the responder knows exactly what may already have happened.
 */
public enum Stage {
    /** Fetched and parsed; nothing decided yet. */
    RECEIVED,
    /** Decision taken (reply, flag or ignore); nothing sent, nothing filed. */
    DECIDED,
    /** About to hand the reply to SMTP: if we find a message here after a crash, the reply may have gone out. */
    SENDING,
    /** SMTP accepted the reply. */
    SENT,
    /** Filed in its final folder: done. */
    FILED
}
