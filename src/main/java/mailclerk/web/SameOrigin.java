package mailclerk.web;

import java.net.URI;
import java.util.Locale;

/**
 * Whether a state-changing request comes from the console's own pages. A page elsewhere can post a form here
 * (login CSRF: the victim ends up logged in as the attacker, and records actions under that name), but browsers
 * say where a request comes from: {@code Sec-Fetch-Site}, and {@code Origin} on every cross-site POST.
 */
final class SameOrigin {
    private SameOrigin() {
    }

    /**
     * @param fetchSite    the Sec-Fetch-Site header, or null
     * @param origin       the Origin header, or null
     * @param host         the Host header the console received
     * @param publicOrigin console.public-origin, or "" when Host is right
     */
    static boolean allows(String fetchSite, String origin, String host, String publicOrigin) {
        if (fetchSite != null) {
            // the browser's own word; Origin may then be "null" (a page with Referrer-Policy no-referrer)
            String f = fetchSite.strip().toLowerCase(Locale.ROOT);
            return f.equals("same-origin") || f.equals("none");
        }
        // a client that sends neither header is not a page in a browser, so it cannot carry a victim's session
        if (origin == null) return true;
        String o = origin.strip().toLowerCase(Locale.ROOT);
        String configured = publicOrigin.strip().toLowerCase(Locale.ROOT);
        while (configured.endsWith("/")) configured = configured.substring(0, configured.length() - 1);
        if (!configured.isEmpty() && o.equals(configured)) return true;
        try {
            URI u = URI.create(o);
            if (u.getHost() == null || host == null) return false;
            String authority = u.getPort() < 0 ? u.getHost() : u.getHost() + ":" + u.getPort();
            String h = host.strip().toLowerCase(Locale.ROOT);
            return authority.equals(h) || (u.getPort() < 0 && (h.equals(u.getHost() + ":80") || h.equals(u.getHost() + ":443")));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
