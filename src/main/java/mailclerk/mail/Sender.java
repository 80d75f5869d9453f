package mailclerk.mail;

import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Who a message says it is from, as a clerk should see it: the address apart from the display name, since a name
 * such as {@code "IASB Help Desk <helpdesk@iasb.uscourts.gov>"} can claim any address. When the header cannot be
 * read as an address, {@code address} is empty and {@code name} holds the header text, cleaned.
 */
public record Sender(String address, String name) {
    private static final int MAX_NAME = 200;

    public static Sender of(String rawFromHeader) {
        String raw = rawFromHeader == null ? "" : rawFromHeader;
        List<InternetAddress> parsed = MessageReader.addresses(List.of(raw), new ArrayList<>());
        if (parsed.isEmpty()) return new Sender("", clip(MessageReader.clean(MessageReader.decode(raw))));
        return of(parsed.get(0));
    }

    public static Sender of(InternetAddress a) {
        String name = a.getPersonal() == null ? "" : MessageReader.clean(a.getPersonal());
        return new Sender(MessageReader.clean(a.getAddress()), clip(name));
    }

    public static Sender of(List<InternetAddress> from, String rawFromHeader) {
        return from.isEmpty() ? of(rawFromHeader) : of(from.get(0));
    }

    private static String clip(String s) {
        return s.length() > MAX_NAME ? s.substring(0, MAX_NAME) + "…" : s;
    }
}
