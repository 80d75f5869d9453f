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

    public void send(MimeMessage message, Address recipient) throws MessagingException {
        try (Transport t = session.getTransport(MailSessions.protocol("smtp", settings))) {
            connect(t);
            t.sendMessage(message, new Address[] {recipient});
        }
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
