package mailclerk.respond;

import java.util.Locale;
import java.util.Set;
import mailclerk.config.Settings;

/** The help desk's own identity: the address replies come from and every address that counts as ours. */
public record HelpDesk(String address, String displayName, Set<String> ownAddresses, String domain) {

    public static HelpDesk from(Settings s) {
        String address = s.get("helpdesk.address", "helpdesk@iasb.uscourts.gov").toLowerCase(Locale.ROOT);
        Set<String> own = new java.util.LinkedHashSet<>();
        own.add(address);
        for (String a : s.get("helpdesk.aliases", "").split(",")) {
            if (!a.isBlank()) own.add(a.strip().toLowerCase(Locale.ROOT));
        }
        return new HelpDesk(address, s.get("helpdesk.name", "IASB Help Desk"), Set.copyOf(own),
                address.substring(address.indexOf('@') + 1));
    }

    public boolean isOwn(String addr) {
        return addr != null && ownAddresses.contains(addr.toLowerCase(Locale.ROOT));
    }

    public boolean isOwnDomain(String addr) {
        if (addr == null) return false;
        String a = addr.toLowerCase(Locale.ROOT);
        return a.endsWith("@" + domain) || a.endsWith("." + domain);
    }
}
