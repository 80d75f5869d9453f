package mailclerk.web;

import java.util.Set;

/**
 * The address a request came from. {@code X-Forwarded-For} is anyone's to write, so it is believed only when the
 * connection comes from a configured proxy ({@code console.trusted-proxies}); then the right-most entry that is
 * not itself a trusted proxy is the client.
 */
final class ClientAddress {
    private ClientAddress() {
    }

    static String of(String remote, String forwardedFor, Set<String> trustedProxies) {
        if (forwardedFor == null || !trustedProxies.contains(remote)) return remote;
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (hop.isEmpty() || hop.length() > 64) return remote;
            if (!trustedProxies.contains(hop)) return hop;
        }
        return remote;
    }
}
