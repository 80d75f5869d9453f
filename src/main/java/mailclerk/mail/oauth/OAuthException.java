package mailclerk.mail.oauth;

import jakarta.mail.MessagingException;

/**
 * Getting an access token failed. A setup error ({@code invalid_client}, {@code invalid_grant}, {@code invalid_scope},
 * consent missing) needs an administrator, and the message names the step to take; anything else (the endpoint
 * down, a time-out) is an outage that the next poll retries. No token or secret is ever part of the message.
 */
public final class OAuthException extends MessagingException {
    private final boolean setupError;

    OAuthException(String message, boolean setupError) {
        super(message);
        this.setupError = setupError;
    }

    OAuthException(String message, Exception cause) {
        super(message, cause);
        this.setupError = false;
    }

    public boolean setupError() {
        return setupError;
    }
}
