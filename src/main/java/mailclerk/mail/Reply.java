package mailclerk.mail;

import jakarta.mail.internet.InternetAddress;

/**
 * A reply ready to send: one recipient, a subject, plain-text body, and the threading of the original.
 *
 * @param messageId     our Message-ID for it, fixed before sending so that a crash cannot produce a second id
 * @param automatic     true for the responder's replies (Auto-Submitted), false for a clerk's
 */
public record Reply(InternetAddress from, InternetAddress to, String subject, String body, String messageId,
                    String inReplyTo, String references, boolean automatic) {
}
