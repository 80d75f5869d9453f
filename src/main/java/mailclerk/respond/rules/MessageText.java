package mailclerk.respond.rules;

import java.util.List;
import mailclerk.classify.Requests;

/**
 * A message's text as the flag rules read it.
 *
 * @param raw      the whole body as received, quotes included: the quote stripper removes exactly what a
 *                 follow-up rule has to see
 * @param subject  the subject line
 * @param ownWords the filer's own words (quotes, signatures and footers removed)
 * @param requests the sentences of {@code subject + ownWords} that ask or request something
 */
public record MessageText(String raw, String subject, String ownWords, List<String> requests) {

    public static MessageText of(String subject, String raw, String ownWords) {
        String s = subject == null ? "" : subject;
        return new MessageText(raw == null ? "" : raw, s, ownWords, Requests.requests(s + "\n" + ownWords));
    }
}
