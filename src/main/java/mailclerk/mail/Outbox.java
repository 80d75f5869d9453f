package mailclerk.mail;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

/** Sends replies over SMTP to exactly the one recipient of the reply, never to addresses found in its headers. */
public final class Outbox {
    private final ServerSettings settings;
    private final Session session;

    /**
     * @param envelopeFrom the SMTP MAIL FROM; "<>" (RFC 3834 §3.3: bounces of automatic replies must not loop)
     */
    public Outbox(ServerSettings settings, String envelopeFrom) {
        this.settings = settings;
        this.session = MailSessions.smtp(settings, envelopeFrom);
    }

    public Session session() {
        return session;
    }

    public MimeMessage toMime(Reply reply) throws MessagingException {
        return ReplyBuilder.toMime(reply, session);
    }

    /**
     * One message on its own connection (a clerk's reply). A failure before the message was handed over (connect,
     * greeting, TLS, sign-in) is a {@link NotSentException}: certainly not sent.
     */
    public void send(MimeMessage message, Address recipient) throws MessagingException {
        try (Transport t = session.getTransport(MailSessions.protocol("smtp", settings))) {
            try {
                connect(t);
            } catch (MessagingException e) {
                throw new NotSentException(e);
            }
            t.sendMessage(message, new Address[] {recipient});
        }
    }

    private static final long FRESH_NANOS = 1_000_000_000L;
    private Transport open;
    private long lastUsed;

    /**
     * One message on the connection kept open for a poll's replies: a backlog costs one TLS handshake and login,
     * not one per reply. The connection is checked (NOOP) before each use, so a connection the server dropped is
     * opened again before MAIL FROM, and a failure while sending still means what it always did. {@link #close()}
     * ends it.
     */
    public synchronized void sendOnOpenConnection(MimeMessage message, Address recipient) throws MessagingException {
        // a connection used a moment ago is taken as alive (the NOOP is a round trip per reply in a backlog); should
        // the server have dropped it meanwhile, the send fails and the message goes to a clerk, never out twice
        boolean fresh = open != null && System.nanoTime() - lastUsed < FRESH_NANOS;
        if (open == null || (!fresh && !open.isConnected())) {
            close();
            Transport t = session.getTransport(MailSessions.protocol("smtp", settings));
            try {
                connect(t);
            } catch (jakarta.mail.AuthenticationFailedException | org.eclipse.angus.mail.util.MailConnectException e) {
                throw e; // the caller tells these apart (both: nothing sent)
            } catch (MessagingException e) {
                throw new NotSentException(e); // greeting, TLS: nothing was handed over
            }
            open = t;
        }
        try {
            open.sendMessage(message, new Address[] {recipient});
            lastUsed = System.nanoTime();
        } catch (MessagingException e) {
            close(); // whatever went wrong, the next reply starts on a fresh connection
            throw e;
        }
    }

    /** Closes the connection kept open by {@link #sendOnOpenConnection}, if any. */
    public synchronized void close() {
        if (open == null) return;
        try {
            open.close();
        } catch (MessagingException ignored) {
            // the connection is going away either way
        }
        open = null;
    }

    /** Connects and signs in, nothing sent: for check-config. */
    public void check() throws MessagingException {
        try (Transport t = session.getTransport(MailSessions.protocol("smtp", settings))) {
            connect(t);
        }
    }

    private void connect(Transport t) throws MessagingException {
        if (!settings.authenticates()) {
            t.connect(settings.host(), settings.port(), null, null);
            return;
        }
        try {
            t.connect(settings.host(), settings.port(), settings.user(), settings.signIn().secret());
        } catch (jakarta.mail.AuthenticationFailedException e) {
            if (!settings.xoauth2()) throw e;
            settings.signIn().refused();
            t.connect(settings.host(), settings.port(), settings.user(), settings.signIn().secret());
        }
    }
}
