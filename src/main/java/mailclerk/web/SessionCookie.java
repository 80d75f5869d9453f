package mailclerk.web;

import io.javalin.http.Context;
import io.javalin.http.SameSite;

/**
 * The console's session cookie, written through Javalin's Cookie rather than by hand: HttpOnly, SameSite=Strict,
 * Secure behind TLS, no Max-Age (it ends with the browser; the server ends the session itself).
 */
final class SessionCookie {
    private SessionCookie() {
    }

    static void set(Context ctx, String token, boolean secure) {
        ctx.cookie(new io.javalin.http.Cookie(Sessions.COOKIE, token, "/", -1, secure, true, null, SameSite.STRICT));
    }

    static void clear(Context ctx, boolean secure) {
        ctx.cookie(new io.javalin.http.Cookie(Sessions.COOKIE, "", "/", 0, secure, true, null, SameSite.STRICT));
    }
}
