package mailclerk.respond;

import jakarta.mail.internet.InternetAddress;
import mailclerk.mail.IncomingMessage;
import mailclerk.queue.MessageKeys;

/** The key that makes two copies of a message (at two desks, or delivered twice) one message: {@link MessageKeys}. */
public final class MessageIdentity {
    private MessageIdentity() {
    }

    public static String keyOf(IncomingMessage in) {
        return MessageKeys.of(in.messageId(), in.firstFrom().map(InternetAddress::getAddress).orElse(in.returnPath()),
                in.headers() == null ? null : in.headers().first("Date"), in.subject(), in.text());
    }
}
