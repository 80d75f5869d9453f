package mailclerk.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import mailclerk.queue.SignInStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clerks sign in through the court's identity provider: {@code /auth/start} sends the browser there with a fresh
 * state, nonce and PKCE verifier (kept in the database under the state's hash, the state itself in a short-lived
 * cookie of this browser), and {@code /auth/callback} finishes it: the state must be this browser's and unused, the
 * code is exchanged and the ID token checked ({@link OidcProvider}), the court's lists decide the role
 * ({@link Admission}), and only then is a console session started. The provider's tokens are not kept.
 */
final class OidcSignIn {
    private static final Logger log = LoggerFactory.getLogger(OidcSignIn.class);
    static final String STATE_COOKIE = "mailclerk_signin";
    /** How long a sign-in may stay at the provider's page (its own codes last a minute or so). */
    static final Duration PENDING = Duration.ofMinutes(10);

    private final OidcProvider provider;
    private final Admission admission;
    private final SignInStore store;
    private final Sessions sessions;
    private final KeptReplies kept;
    private final PageRenderer pages;
    private final boolean secureCookies;

    OidcSignIn(OidcProvider provider, SignInStore store, Sessions sessions, KeptReplies kept, PageRenderer pages,
               boolean secureCookies) {
        this.provider = provider;
        this.admission = new Admission(provider.settings().people());
        this.store = store;
        this.sessions = sessions;
        this.kept = kept;
        this.pages = pages;
        this.secureCookies = secureCookies;
    }

    /** The stamp every session opened this way is bound to: the court's lists as configured now. */
    static String stamp(OidcSettings s) {
        var p = s.people();
        return "oidc:" + Sessions.hash(s.issuer() + "\n" + s.clientId() + "\n" + new java.util.TreeSet<>(p.clerkGroups()) + "\n"
                + new java.util.TreeSet<>(p.adminGroups()) + "\n" + new java.util.TreeSet<>(p.clerks()) + "\n"
                + new java.util.TreeSet<>(p.admins()));
    }

    /** The login page: a button that leads to the provider (it never sends the browser there by itself: no loop). */
    void loginPage(Context ctx, String error) {
        pages.render(ctx, "login.jte", Pages.Login.provider(error, null));
    }

    /** Starts a sign-in; a reply carried from an ended session rides along, kept on this node under the state. */
    void start(Context ctx) {
        Instant now = Instant.now();
        store.forgetOlderThan(now.minus(PENDING).toEpochMilli());
        String state = sessions.randomToken();
        String nonce = sessions.randomToken();
        String verifier = sessions.randomToken() + sessions.randomToken(); // 86 characters, within PKCE's 43..128
        java.net.URI target;
        try {
            target = provider.signInAddress(state, nonce, verifier);
        } catch (OidcProvider.Failure f) {
            log.warn("console sign-in not started: {}", f.getMessage());
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE);
            pages.render(ctx, "login.jte", Pages.Login.provider(f.page(), null));
            return;
        }
        store.save(Sessions.hash(state), new SignInStore.Pending(nonce, verifier, now.toEpochMilli()));
        KeptReply.carried(ctx.formParam("kept-uid"), ctx.formParam("kept-mailbox"), ctx.formParam("kept-topic"),
                ctx.formParam("kept-body")).ifPresent(r -> kept.keep("signin:" + Sessions.hash(state), r, now));
        // Lax, not Strict: the provider sends the browser back with a top-level GET from its own site
        ctx.cookie(new io.javalin.http.Cookie(STATE_COOKIE, state, "/auth/callback", (int) PENDING.toSeconds(), secureCookies,
                true, null, SameSite.LAX));
        ctx.redirect(target.toString(), HttpStatus.SEE_OTHER);
    }

    /** The provider sends the browser back here with a code (or an error). */
    void callback(Context ctx) {
        Instant now = Instant.now();
        // whatever happens next, a session this browser had before ends: a refused sign-in leaves no access behind
        sessions.end(ctx.cookie(Sessions.COOKIE));
        SessionCookie.clear(ctx, secureCookies);
        String state = ctx.queryParam("state");
        String cookie = ctx.cookie(STATE_COOKIE);
        ctx.cookie(new io.javalin.http.Cookie(STATE_COOKIE, "", "/auth/callback", 0, secureCookies, true, null, SameSite.LAX));
        boolean ours = state != null && state.length() <= 100 && Sessions.sameToken(state, cookie);
        Optional<SignInStore.Pending> pending = ours ? store.take(Sessions.hash(state)) : Optional.empty();
        String error = ctx.queryParam("error");
        if (error != null) {
            String description = OidcProvider.clip(ctx.queryParam("error_description"));
            log.warn("console sign-in refused by the identity provider: {} {}", OidcProvider.clip(error), description);
            refuse(ctx, HttpStatus.UNAUTHORIZED, "The court's sign-in service did not sign you in (" + OidcProvider.clip(error)
                    + (description.isEmpty() ? "" : ": " + description) + ")." + hint(error));
            return;
        }
        if (pending.isEmpty() || now.toEpochMilli() - pending.get().createdAt() > PENDING.toMillis()) {
            log.warn("console sign-in refused: {}", !ours ? "the state is not this browser's (no or another sign-in cookie)"
                    : "the sign-in was used already or took longer than " + PENDING.toMinutes() + " minutes");
            refuse(ctx, HttpStatus.BAD_REQUEST, "This sign-in was not started in this browser, was used already, or took too "
                    + "long. Sign in again.");
            return;
        }
        String code = ctx.queryParam("code");
        if (code == null || code.isBlank() || code.length() > 4096) {
            refuse(ctx, HttpStatus.BAD_REQUEST, "The court's sign-in service sent no sign-in code. Sign in again.");
            return;
        }
        SignedInPerson person;
        try {
            person = provider.redeem(code, pending.get().codeVerifier(), pending.get().nonce());
        } catch (OidcProvider.Failure f) {
            log.warn("console sign-in failed: {}", f.getMessage());
            refuse(ctx, HttpStatus.UNAUTHORIZED, f.page());
            return;
        }
        Admission.Verdict v = admission.of(person);
        if (!v.allowed()) {
            log.warn("console sign-in of {} (subject {}) refused: {}", logSafe(person.email()), logSafe(person.subject()), v.refusal());
            ctx.status(HttpStatus.FORBIDDEN);
            // the provider still has this person signed in: without signing out there, "Sign in" would bring them back
            pages.render(ctx, "not-allowed.jte", new Pages.NotAllowed(v.refusal(), v.fix(),
                    provider.signOutAddress().map(java.net.URI::toString).orElse(null)));
            return;
        }
        Sessions.Session s = sessions.start(person.email(), v.role(), now);
        store.signedIn(person.email(), person.subject(), now.toEpochMilli());
        SessionCookie.set(ctx, s.token(), secureCookies);
        log.info("{} (subject {}, {}) signed in through the identity provider", person.email(), logSafe(person.subject()),
                v.role());
        Optional<KeptReply> carried = kept.take("signin:" + Sessions.hash(state), now);
        carried.ifPresent(r -> kept.keep(s.token(), r, now));
        // a page of our own that moves on: a redirect would still count as the provider's navigation, and the browser
        // would not send the SameSite=Strict session cookie with it (the sign-in loop other help desks know)
        pages.render(ctx, "signed-in.jte", new Pages.SignedIn(carried.isPresent() ? "/kept" : "/"));
    }

    private void refuse(Context ctx, HttpStatus status, String message) {
        ctx.status(status);
        pages.render(ctx, "login.jte", Pages.Login.provider(message, null));
    }

    private static String hint(String error) {
        return switch (error) {
            case "access_denied" -> " If you cancelled, sign in again.";
            case "invalid_request", "unauthorized_client", "invalid_client" -> " Administrators: check the console's app "
                    + "registration (its redirect URI and client id) and the log.";
            case "login_required", "interaction_required" -> " Sign in again.";
            default -> "";
        };
    }


    private static String logSafe(String s) {
        return s == null ? "(none)" : OidcProvider.clip(s);
    }


}
