package mailclerk.queue;

import java.util.Optional;

/** The newest OAuth2 refresh token per client and mailbox: it rotates, and the old one dies with it. */
public final class OAuthTokens {
    private final Sql sql;

    OAuthTokens(Sql sql) {
        this.sql = sql;
    }

    public Optional<String> refreshToken(String key) {
        return sql.first("SELECT refresh_token FROM oauth_token WHERE token_key = ?", r -> r.getString(1), key);
    }

    /** Saves a rotated refresh token at once (committed: the identity provider has already retired the old one). */
    public void saveRefreshToken(String key, String token) {
        long now = System.currentTimeMillis();
        sql.upsert("UPDATE oauth_token SET refresh_token = ?, updated_at = ? WHERE token_key = ?", new Object[] {token, now, key},
                "INSERT INTO oauth_token (token_key, refresh_token, updated_at) VALUES (?,?,?)", new Object[] {key, token, now});
    }
}
