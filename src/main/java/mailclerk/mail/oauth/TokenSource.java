package mailclerk.mail.oauth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import mailclerk.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access tokens for IMAP and SMTP, shared by both. A token is reused until little of its life is left (10 minutes,
 * or half its life for short-lived ones), then refreshed; one refresh at a time. A rotated refresh token is saved
 * in the store before the new access token is used. After the server refuses a token, {@link #refused()} drops it
 * so the next call fetches a fresh one.
 */
public final class TokenSource {
    private static final Logger log = LoggerFactory.getLogger(TokenSource.class);
    private static final Duration REFRESH_BEFORE = Duration.ofMinutes(10);

    private final OAuthSettings settings;
    private final TokenEndpoint endpoint;
    private final TokenStore store;
    private final Clock clock;
    private final AtomicLong refreshes = new AtomicLong();
    private ServiceAccountAssertion assertion;
    private String token;
    private String lastRefreshToken;
    private Instant refreshAt = Instant.MIN;

    public TokenSource(OAuthSettings settings, TokenStore store, Clock clock) {
        this.settings = settings;
        this.endpoint = new TokenEndpoint(settings.tokenUrl(), settings.timeoutSeconds());
        this.store = store;
        this.clock = clock;
    }

    public OAuthSettings settings() {
        return settings;
    }

    /** A token good for a while yet. */
    public synchronized String accessToken() throws OAuthException {
        Instant now = clock.instant();
        if (token != null && now.isBefore(refreshAt)) return token;
        TokenResponse r;
        try {
            r = post(now);
        } catch (OAuthException e) {
            // another node may have rotated the refresh token a moment ago: its successor is in the shared store
            if (!settings.flow().equals(OAuthSettings.REFRESH_TOKEN) || lastRefreshToken == null
                    || store.refreshToken(settings.storeKey()).map(lastRefreshToken::equals).orElse(true)) {
                throw e;
            }
            r = post(now);
        }
        if (r.refreshToken() != null && settings.flow().equals(OAuthSettings.REFRESH_TOKEN)) {
            store.saveRefreshToken(settings.storeKey(), r.refreshToken()); // the old one is dead from now on
        }
        Duration margin = r.lifetime().dividedBy(2).compareTo(REFRESH_BEFORE) < 0 ? r.lifetime().dividedBy(2) : REFRESH_BEFORE;
        token = r.accessToken();
        refreshAt = now.plus(r.lifetime()).minus(margin);
        refreshes.incrementAndGet();
        log.info("OAuth2 access token for {} obtained ({} flow), valid {} s", settings.user(), settings.flow(),
                r.lifetime().toSeconds());
        return token;
    }

    /** One request to the token endpoint, counted for /metrics whatever its outcome. */
    private TokenResponse post(Instant now) throws OAuthException {
        try {
            TokenResponse r = endpoint.post(form(now));
            mailclerk.metrics.Metrics.shared().tokenRefreshed(settings.user(), "success");
            return r;
        } catch (OAuthException | RuntimeException e) {
            mailclerk.metrics.Metrics.shared().tokenRefreshed(settings.user(), "failure");
            throw e;
        }
    }

    /** The mail server refused the token: forget it, so the next call asks for a new one. */
    public synchronized void refused() {
        token = null;
        refreshAt = Instant.MIN;
    }

    /** How many tokens were obtained since start (for metrics). */
    public long refreshCount() {
        return refreshes.get();
    }

    private Map<String, String> form(Instant now) throws OAuthException {
        Map<String, String> f = new LinkedHashMap<>();
        switch (settings.flow()) {
            case OAuthSettings.CLIENT_CREDENTIALS -> {
                f.put("grant_type", "client_credentials");
                f.put("client_id", settings.clientId());
                f.put("client_secret", settings.clientSecret());
                f.put("scope", settings.scope());
            }
            case OAuthSettings.REFRESH_TOKEN -> {
                f.put("grant_type", "refresh_token");
                f.put("client_id", settings.clientId());
                if (!settings.clientSecret().isEmpty()) f.put("client_secret", settings.clientSecret());
                f.put("refresh_token", currentRefreshToken());
                f.put("scope", settings.scope());
            }
            default -> {
                if (assertion == null) assertion = ServiceAccountAssertion.load(settings.serviceAccountKeyFile());
                f.put("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
                f.put("assertion", assertion.sign(settings.subject(), settings.scope(), settings.tokenUrl(), now));
            }
        }
        return f;
    }

    /** The newest refresh token: the one saved after the last rotation, else the first one from the file. */
    private String currentRefreshToken() throws OAuthException {
        var saved = store.refreshToken(settings.storeKey());
        if (saved.isPresent()) return lastRefreshToken = saved.get();
        if (settings.refreshTokenFile() == null) {
            throw new OAuthException("OAuth2 sign-in failed: no refresh token yet: sign in once and put the refresh token "
                    + "in the file named by oauth.refresh-token-file", true);
        }
        try {
            String first = Files.readString(settings.refreshTokenFile(), StandardCharsets.UTF_8).strip();
            if (first.isEmpty()) throw new ConfigException("oauth.refresh-token-file is empty");
            return lastRefreshToken = first;
        } catch (IOException e) {
            throw new OAuthException("OAuth2 sign-in failed: cannot read oauth.refresh-token-file ("
                    + e.getClass().getSimpleName() + ")", true);
        }
    }
}
