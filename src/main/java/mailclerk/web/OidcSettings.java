package mailclerk.web;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import mailclerk.config.ConfigException;
import mailclerk.config.Settings;

/**
 * How clerks sign in through the court's identity provider ({@code console.auth=oidc}).
 *
 * @param issuer      the provider's issuer, exactly as its discovery document names it
 * @param redirectUri where the provider sends the browser back ({@code console.oidc.redirect-uri}, else
 *                    {@code console.public-origin} + /auth/callback)
 * @param afterLogout where the provider sends the browser after signing out there (the console's own origin + "/")
 * @param clockSkew   how far the provider's clock and ours may differ when token times are checked
 */
public record OidcSettings(String issuer, String clientId, String clientSecret, List<String> scopes, URI redirectUri,
                           URI afterLogout, People people, Duration clockSkew, Duration timeout) {

    /** Who may do what: group ids or names from the {@code groups} claim, and e-mail addresses. */
    public record People(Set<String> clerkGroups, Set<String> adminGroups, Set<String> clerks, Set<String> admins) {
        public boolean nobody() {
            return clerkGroups.isEmpty() && adminGroups.isEmpty() && clerks.isEmpty() && admins.isEmpty();
        }
    }

    /** Whether the console signs clerks in through a provider ({@code console.auth=oidc}) rather than {@code console.users}. */
    public static boolean wanted(Settings s) {
        String auth = s.get("console.auth", "local").strip().toLowerCase(Locale.ROOT);
        if (!auth.equals("local") && !auth.equals("oidc")) {
            throw new ConfigException("console.auth is local or oidc, not " + auth);
        }
        return auth.equals("oidc");
    }

    public static OidcSettings from(Settings s) {
        String issuer = required(s, "console.oidc.issuer", "the provider's issuer, e.g. https://login.microsoftonline.com/TENANT-ID/v2.0");
        if (issuer.endsWith("/.well-known/openid-configuration")) {
            throw new ConfigException("console.oidc.issuer is the issuer itself, without /.well-known/openid-configuration");
        }
        String clientId = required(s, "console.oidc.client-id", "the application (client) id of the console's registration");
        String secret = s.secret("console.oidc.client-secret").strip();
        if (secret.isEmpty()) {
            throw new ConfigException("console.oidc.client-secret (or console.oidc.client-secret-file) is not set: the "
                    + "secret's value from the provider's app registration");
        }
        List<String> scopes = split(s.get("console.oidc.scopes", "openid email profile"), " ");
        if (!scopes.contains("openid")) throw new ConfigException("console.oidc.scopes must include openid");
        URI redirect = redirectUri(s);
        URI afterLogout = URI.create(redirect.getScheme() + "://" + redirect.getRawAuthority() + "/");
        People people = new People(set(s, "console.oidc.clerk-groups", false), set(s, "console.oidc.admin-groups", false),
                set(s, "console.oidc.clerks", true), set(s, "console.oidc.admins", true));
        if (people.nobody()) {
            throw new ConfigException("console.auth=oidc lets nobody in: set console.oidc.clerk-groups / admin-groups "
                    + "(group ids from the groups claim) or console.oidc.clerks / admins (e-mail addresses)");
        }
        return new OidcSettings(issuer, clientId, secret, scopes, redirect, afterLogout, people,
                Duration.ofSeconds(s.getLong("console.oidc.clock-skew-seconds", 60)),
                Duration.ofSeconds(s.getLong("console.oidc.timeout-seconds", 10)));
    }

    private static URI redirectUri(Settings s) {
        String configured = s.get("console.oidc.redirect-uri", "").strip();
        if (configured.isEmpty()) {
            String origin = s.get("console.public-origin", "").strip();
            if (origin.isEmpty()) {
                throw new ConfigException("console.auth=oidc needs console.public-origin (the address clerks' browsers use, "
                        + "e.g. https://clerks.court.example) or console.oidc.redirect-uri");
            }
            configured = (origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin) + "/auth/callback";
        }
        URI u;
        try {
            u = URI.create(configured);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("console.oidc.redirect-uri is not an address: " + configured);
        }
        if (u.getScheme() == null || u.getRawAuthority() == null || !u.getPath().equals("/auth/callback") || u.getQuery() != null) {
            throw new ConfigException("console.oidc.redirect-uri must be the console's origin + /auth/callback, e.g. "
                    + "https://clerks.court.example/auth/callback (and registered so at the provider)");
        }
        return u;
    }

    private static String required(Settings s, String key, String what) {
        String v = s.get(key, "").strip();
        if (v.isEmpty()) throw new ConfigException(key + " is not set: " + what);
        return v;
    }

    private static Set<String> set(Settings s, String key, boolean addresses) {
        return split(s.get(key, ""), ",").stream().map(v -> addresses ? v.toLowerCase(Locale.ROOT) : v)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static List<String> split(String v, String separator) {
        return Arrays.stream(v.split(separator)).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }
}
