package mailclerk.mail.oauth;

import java.util.Optional;

/**
 * Where a rotated refresh token is kept: the journal's database, written the moment the identity provider hands
 * out a new one (the old one stops working then; a help desk that kept only its access token lost the mailbox
 * when the refresh token expired). Never a log.
 */
public interface TokenStore {
    Optional<String> refreshToken(String key);

    void saveRefreshToken(String key, String token);

    /** For flows without a refresh token and for tests. */
    static TokenStore inMemory() {
        java.util.Map<String, String> m = new java.util.concurrent.ConcurrentHashMap<>();
        return new TokenStore() {
            @Override
            public Optional<String> refreshToken(String key) {
                return Optional.ofNullable(m.get(key));
            }

            @Override
            public void saveRefreshToken(String key, String token) {
                m.put(key, token);
            }
        };
    }
}
