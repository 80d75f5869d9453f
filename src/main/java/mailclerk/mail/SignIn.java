package mailclerk.mail;

import jakarta.mail.MessagingException;
import mailclerk.mail.oauth.TokenSource;

/**
 * How mailclerk proves who it is to a mail server: a password, an OAuth2 access token (XOAUTH2, for Microsoft 365
 * and Google Workspace, where passwords are switched off), or nothing (an SMTP relay).
 */
public sealed interface SignIn {
    /** The password or a current access token; asked again for every new connection. */
    String secret() throws MessagingException;

    /** The server refused what {@link #secret()} gave: an access token is dropped so the next one is fresh. */
    default void refused() {
    }

    record Password(String password) implements SignIn {
        @Override
        public String secret() {
            return password;
        }

        @Override
        public String toString() {
            return "password";
        }
    }

    record XOAuth2(TokenSource tokens) implements SignIn {
        @Override
        public String secret() throws MessagingException {
            return tokens.accessToken();
        }

        @Override
        public void refused() {
            tokens.refused();
        }

        @Override
        public String toString() {
            return "XOAUTH2";
        }
    }

    record None() implements SignIn {
        @Override
        public String secret() {
            return null;
        }

        @Override
        public String toString() {
            return "no login";
        }
    }
}
