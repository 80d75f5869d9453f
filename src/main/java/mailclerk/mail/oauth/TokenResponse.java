package mailclerk.mail.oauth;

import java.time.Duration;

/** What the token endpoint answered: a bearer token for this long, and the next refresh token if it rotated. */
record TokenResponse(String accessToken, Duration lifetime, String refreshToken) {
    @Override
    public String toString() {
        return "TokenResponse[lifetime=" + lifetime + ", rotated=" + (refreshToken != null) + "]"; // never the tokens
    }
}
