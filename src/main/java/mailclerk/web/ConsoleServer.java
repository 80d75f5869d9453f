package mailclerk.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import mailclerk.queue.Journal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clerks' console: the flagged queue, one message, the actions on it; for administrators the model screen and
 * the audit of replies. Every page needs a login; every form carries a CSRF token; every value is escaped by jte.
 */
public final class ConsoleServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConsoleServer.class);
    private static final String SESSION = "mailclerk.session";
    private static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    private final ClerkDesk desk;
    private final ModelAdmin models;
    private final Journal journal;
    private final Accounts accounts;
    private final boolean secureCookies;
    private final Sessions sessions = new Sessions(Duration.ofHours(10));
    private final LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(15));
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    private final ZoneId zone;
    private final byte[] css;
    private Javalin app;

    public ConsoleServer(ClerkDesk desk, ModelAdmin models, Journal journal, Accounts accounts, boolean secureCookies,
                         ZoneId zone) {
        this.desk = desk;
        this.models = models;
        this.journal = journal;
        this.accounts = accounts;
        this.secureCookies = secureCookies;
        this.zone = zone;
        Format.zone(zone);
        try (InputStream in = ConsoleServer.class.getResourceAsStream("/static/console.css")) {
            this.css = in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Starts listening; {@code port} 0 picks a free one. Returns the port. */
    public int start(String bindAddress, int port) {
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.before(this::guard);
            config.routes.get("/static/console.css", ctx -> ctx.contentType("text/css").result(css));
            config.routes.get("/login", ctx -> render(ctx, "login.jte", new Pages.Login(null)));
            config.routes.post("/login", this::login);
            config.routes.post("/logout", this::logout);
            config.routes.get("/", ctx -> ctx.redirect("/queue"));
            config.routes.get("/queue", ctx -> render(ctx, "queue.jte", new Pages.Queue(viewer(ctx), desk.queue(), ctx.queryParam("notice"))));
            config.routes.get("/message/{uid}", this::message);
            config.routes.post("/message/{uid}/send", this::send);
            config.routes.post("/message/{uid}/answered", ctx -> outcome(ctx,
                    desk.answeredByHand(viewer(ctx).name(), uid(ctx), ctx.formParam("topic")), "marked as answered by hand"));
            config.routes.post("/message/{uid}/not-a-question", ctx -> outcome(ctx,
                    desk.notAQuestion(viewer(ctx).name(), uid(ctx)), "filed as not a question"));
            config.routes.get("/models", ctx -> modelsPage(ctx, ctx.queryParam("notice")));
            config.routes.post("/models/retrain", ctx -> {
                boolean started = models.retrain(viewer(ctx).name());
                ctx.redirect("/models?notice=" + (started ? "retraining+started" : "a+retraining+is+already+running"));
            });
            config.routes.post("/models/activate", ctx -> {
                models.activate(viewer(ctx).name(), ctx.formParam("version"));
                ctx.redirect("/models?notice=activated");
            });
            config.routes.post("/models/rollback", ctx -> {
                models.rollback(viewer(ctx).name());
                ctx.redirect("/models?notice=rolled+back");
            });
            config.routes.get("/audit", this::audit);
            config.routes.exception(io.javalin.http.ForbiddenResponse.class, (e, ctx) -> problem(ctx, HttpStatus.FORBIDDEN,
                    "Not allowed", e.getMessage()));
            config.routes.exception(MessagingException.class, (e, ctx) -> problem(ctx, HttpStatus.SERVICE_UNAVAILABLE,
                    "The mail server did not answer", mailclerk.mail.MailErrors.explain(e)));
            config.routes.exception(IllegalArgumentException.class, (e, ctx) -> problem(ctx, HttpStatus.BAD_REQUEST,
                    "That request was not understood", e.getMessage()));
            config.routes.exception(mailclerk.config.ConfigException.class, (e, ctx) -> problem(ctx, HttpStatus.BAD_REQUEST,
                    "That could not be done", e.getMessage()));
        });
        app.start(bindAddress, port);
        log.info("clerk console listening on http://{}:{}/", bindAddress, app.port());
        return app.port();
    }

    /** Security headers on everything; login required except for the login page and the style sheet. */
    private void guard(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
        String path = ctx.path();
        if (path.equals("/login") || path.equals("/static/console.css")) return;
        Optional<Sessions.Session> s = sessions.find(ctx.cookie(Sessions.COOKIE), Instant.now());
        if (s.isEmpty()) {
            if (ctx.method().name().equals("GET")) {
                ctx.redirect("/login", HttpStatus.FOUND);
                ctx.skipRemainingHandlers();
                return;
            }
            throw new io.javalin.http.UnauthorizedResponse("log in first");
        }
        ctx.attribute(SESSION, s.get());
        if (!ctx.method().name().equals("GET") && !Sessions.sameToken(s.get().csrf(), ctx.formParam("csrf"))) {
            log.warn("refused {} {} for {}: missing or wrong CSRF token", ctx.method(), path, s.get().user());
            throw new io.javalin.http.ForbiddenResponse("missing or wrong CSRF token: reload the page and try again");
        }
        if ((path.startsWith("/models") || path.startsWith("/audit")) && !s.get().role().mayAdminister()) {
            throw new io.javalin.http.ForbiddenResponse("administrators only");
        }
    }

    private Viewer viewer(Context ctx) {
        Sessions.Session s = ctx.attribute(SESSION);
        return new Viewer(s.user(), s.role(), s.csrf());
    }

    private void login(Context ctx) {
        String name = Optional.ofNullable(ctx.formParam("name")).orElse("").strip();
        String address = ctx.ip();
        Instant now = Instant.now();
        if (throttle.blocked(name.toLowerCase(java.util.Locale.ROOT), address, now)) {
            log.warn("login for '{}' from {} refused: too many failed attempts", logSafe(name), address);
            ctx.status(HttpStatus.TOO_MANY_REQUESTS);
            render(ctx, "login.jte", new Pages.Login("Too many failed attempts. Wait 15 minutes and try again."));
            return;
        }
        Optional<Accounts.Account> a = accounts.verify(name, ctx.formParam("password"));
        if (a.isEmpty()) {
            throttle.failed(name.toLowerCase(java.util.Locale.ROOT), address, now);
            log.warn("failed login for '{}' from {}", logSafe(name), address);
            ctx.status(HttpStatus.UNAUTHORIZED);
            render(ctx, "login.jte", new Pages.Login("Wrong name or password."));
            return;
        }
        throttle.succeeded(name.toLowerCase(java.util.Locale.ROOT));
        Sessions.Session s = sessions.start(a.get().name(), a.get().role(), now);
        ctx.header("Set-Cookie", Sessions.COOKIE + "=" + s.token() + "; Path=/; HttpOnly; SameSite=Strict"
                + (secureCookies ? "; Secure" : ""));
        log.info("{} ({}) logged in from {}", a.get().name(), a.get().role(), address);
        ctx.redirect("/queue");
    }

    private void logout(Context ctx) {
        sessions.end(ctx.cookie(Sessions.COOKIE));
        ctx.header("Set-Cookie", Sessions.COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
        ctx.redirect("/login");
    }

    private void message(Context ctx) throws MessagingException {
        long uid = uid(ctx);
        Optional<MessageView> m = desk.open(uid, ctx.queryParam("topic"));
        if (m.isEmpty()) {
            ctx.redirect("/queue?notice=that+message+is+no+longer+in+the+queue");
            return;
        }
        render(ctx, "message.jte", new Pages.Message(viewer(ctx), m.get(), null));
    }

    private void send(Context ctx) throws MessagingException {
        outcome(ctx, desk.sendReply(viewer(ctx).name(), uid(ctx), ctx.formParam("topic"), ctx.formParam("body")), "reply sent");
    }

    private void outcome(Context ctx, ClerkDesk.Outcome o, String done) {
        String notice = switch (o) {
            case DONE -> done;
            case GONE -> "that message is no longer in the queue";
            case ALREADY_HANDLED -> "that message was already handled (if a send was interrupted, check Sent before answering)";
            case NO_RECIPIENT -> "no single reply address: answer it from your mail client, then mark it answered by hand";
            case NO_TEMPLATE -> "that topic has no approved answer";
        };
        ctx.redirect("/queue?notice=" + java.net.URLEncoder.encode(notice, java.nio.charset.StandardCharsets.UTF_8));
    }

    private void modelsPage(Context ctx, String notice) {
        render(ctx, "models.jte", new Pages.Models(viewer(ctx), models.active().orElse("(none)"), models.versions(),
                models.status(), notice));
    }

    private void audit(Context ctx) {
        String sender = Optional.ofNullable(ctx.queryParam("sender")).orElse("");
        String topic = Optional.ofNullable(ctx.queryParam("topic")).orElse("");
        String from = Optional.ofNullable(ctx.queryParam("from")).orElse("");
        String to = Optional.ofNullable(ctx.queryParam("to")).orElse("");
        Instant f = from.isBlank() ? null : LocalDate.parse(from).atStartOfDay(zone).toInstant();
        Instant t = to.isBlank() ? null : LocalDate.parse(to).plusDays(1).atStartOfDay(zone).toInstant();
        render(ctx, "audit.jte", new Pages.Audit(viewer(ctx), journal.replies(sender, topic, f, t, 500), sender, topic, from, to));
    }

    /** A name typed into the login form, fit for one log line. */
    private static String logSafe(String s) {
        String t = mailclerk.mail.MessageReader.clean(s);
        return t.length() > 100 ? t.substring(0, 100) : t;
    }

    /** An IMAP UID is 1 to 2^32-1 (RFC 3501); anything else is refused here, before the mail server sees it. */
    private static long uid(Context ctx) {
        long uid;
        try {
            uid = Long.parseLong(ctx.pathParam("uid"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a message number");
        }
        if (uid < 1 || uid > 0xFFFF_FFFFL) throw new IllegalArgumentException("not a message number");
        return uid;
    }

    private void problem(Context ctx, HttpStatus status, String title, String detail) {
        Sessions.Session s = ctx.attribute(SESSION);
        ctx.status(status);
        render(ctx, "problem.jte", new Pages.Problem(s == null ? null : new Viewer(s.user(), s.role(), s.csrf()), title, detail));
    }

    private void render(Context ctx, String template, Object page) {
        StringOutput out = new StringOutput();
        templates.render(template, page, out);
        ctx.html(out.toString());
    }

    @Override
    public void close() {
        if (app != null) app.stop();
    }
}
