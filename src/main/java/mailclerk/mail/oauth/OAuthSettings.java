package mailclerk.mail.oauth;

import java.nio.file.Path;
import java.util.Locale;
import mailclerk.config.ConfigException;
import mailclerk.config.Settings;

/**
 * The {@code oauth.*} settings. The XOAUTH2 user is {@code imap.user}: the mailbox address, a shared mailbox's too.
 *
 * @param flow "client-credentials" (Microsoft 365 app-only), "refresh-token" (delegated; the token rotates) or
 *             "google-service-account" (JWT bearer with domain-wide delegation)
 */
public record OAuthSettings(String flow, String tokenUrl, String clientId, String clientSecret, String scope,
                            Path refreshTokenFile, Path serviceAccountKeyFile, String subject, String user,
                            int timeoutSeconds) {
    public static final String CLIENT_CREDENTIALS = "client-credentials";
    public static final String REFRESH_TOKEN = "refresh-token";
    public static final String GOOGLE = "google-service-account";
    static final String MICROSOFT_SCOPE = "https://outlook.office365.com/.default";
    static final String MICROSOFT_DELEGATED_SCOPE = "https://outlook.office365.com/IMAP.AccessAsUser.All "
            + "https://outlook.office365.com/SMTP.Send offline_access";
    static final String GOOGLE_SCOPE = "https://mail.google.com/";
    static final String GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token";

    public static OAuthSettings from(Settings s) {
        String flow = s.get("oauth.flow", CLIENT_CREDENTIALS).strip().toLowerCase(Locale.ROOT);
        if (!flow.equals(CLIENT_CREDENTIALS) && !flow.equals(REFRESH_TOKEN) && !flow.equals(GOOGLE)) {
            throw new ConfigException("oauth.flow must be client-credentials, refresh-token or google-service-account, not '"
                    + flow + "'");
        }
        String tenant = s.get("oauth.tenant", "").strip();
        String url = s.get("oauth.token-url", "").strip();
        if (url.isEmpty()) {
            if (flow.equals(GOOGLE)) {
                url = GOOGLE_TOKEN_URL;
            } else if (!tenant.isEmpty()) {
                url = "https://login.microsoftonline.com/" + tenant + "/oauth2/v2.0/token";
            } else {
                throw new ConfigException("oauth.token-url is not set: for Microsoft 365 set oauth.tenant to the tenant's "
                        + "id or domain (or oauth.token-url for a government cloud)");
            }
        }
        if (!secureOrLoopback(url)) {
            throw new ConfigException("oauth.token-url must be https (plain http only to this machine: localhost, 127.0.0.0/8 "
                    + "or [::1], for tests): the client secret goes to it");
        }
        String scope = s.get("oauth.scope", "").strip();
        if (scope.isEmpty()) {
            scope = flow.equals(GOOGLE) ? GOOGLE_SCOPE : flow.equals(REFRESH_TOKEN) ? MICROSOFT_DELEGATED_SCOPE : MICROSOFT_SCOPE;
        }
        String clientId = s.get("oauth.client-id", "").strip();
        String clientSecret = s.secret("oauth.client-secret");
        if (!flow.equals(GOOGLE) && clientId.isEmpty()) {
            throw new ConfigException("oauth.client-id is not set (the application (client) id of the app registration)");
        }
        if (flow.equals(CLIENT_CREDENTIALS) && clientSecret.isEmpty()) {
            throw new ConfigException("the client secret is not set: MAILCLERK_OAUTH_CLIENT_SECRET or oauth.client-secret-file");
        }
        Path refreshFile = path(s, "oauth.refresh-token-file");
        Path keyFile = path(s, "oauth.service-account-key-file");
        if (flow.equals(GOOGLE) && keyFile == null) {
            throw new ConfigException("oauth.service-account-key-file is not set (the service account's JSON key)");
        }
        String user = s.get("imap.user", "").strip();
        String subject = s.get("oauth.subject", "").strip();
        return new OAuthSettings(flow, url, clientId, clientSecret, scope, refreshFile, keyFile,
                subject.isEmpty() ? user : subject, user, s.getInt("mail.timeout-seconds", 30));
    }

    private static Path path(Settings s, String key) {
        String v = s.get(key, "").strip();
        return v.isEmpty() ? null : s.getPath(key, v);
    }

    /** Names the token's identity for the store: a rotated refresh token belongs to one client and one mailbox. */
    String storeKey() {
        return flow + "|" + tokenUrl + "|" + clientId + "|" + user.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "OAuthSettings[flow=" + flow + ", tokenUrl=" + tokenUrl + ", clientId=" + clientId + ", user=" + user + "]";
    }

    /**
     * Whether the client secret may go to {@code url}: https anywhere, plain http only to this machine, named exactly
     * ({@code localhost}, an address in 127.0.0.0/8, {@code [::1]}). Read as a URI, never by prefix: neither
     * {@code http://localhost.evil.example} nor {@code http://127.0.0.1@evil.example} is this machine. No name is looked up.
     */
    static boolean secureOrLoopback(String url) {
        java.net.URI u;
        try {
            u = new java.net.URI(url);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
        String host = u.getHost();
        if (host == null || u.getRawUserInfo() != null) return false;
        if (scheme.equals("https")) return true;
        if (!scheme.equals("http")) return false;
        String h = host.toLowerCase(java.util.Locale.ROOT);
        if (h.equals("localhost") || h.equals("[::1]")) return true;
        String[] octets = h.split("\\.", -1);
        if (octets.length != 4 || !octets[0].equals("127")) return false;
        for (String o : octets) {
            if (!o.matches("[0-9]{1,3}") || Integer.parseInt(o) > 255) return false;
        }
        return true;
    }
}
