package mailclerk.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
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
    // script-src 'self': one static script, the idle warning (session.js); every page works without it
    private static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; "
            + "connect-src 'self'; form-action 'self'%s; "
            + "frame-ancestors 'none'; base-uri 'none'";

    private final ClerkDesks desks;
    private final ModelAdmin models;
    private final Journal journal;
    /** The console's forms are small; anything larger is refused before it is read. */
    private static final long MAX_BODY = 1024 * 1024;

    private final Accounts accounts;
    private final ConsoleOptions options;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final ZoneId zone;
    private final DashboardCache dashboardFigures;
    private final RefusalLog refusals = new RefusalLog(log);
    private final byte[] css;
    private final byte[] sessionScript;
    private final KeptReplies keptReplies = new KeptReplies();
    private final PageRenderer pages = new PageRenderer();
    /** Sign-in through the court's identity provider; null when clerks log in with console.users. */
    private final OidcSignIn oidc;
    private final OidcProvider provider;
    private final mailclerk.queue.SignInStore people;
    /** The Topics page; null when not configured. */
    private final TopicAdmin topics;
    private Javalin app;
    private final Instant started = Instant.now();

    public ConsoleServer(ClerkDesk desk, ModelAdmin models, Journal journal, Accounts accounts, ConsoleOptions options) {
        this(ClerkDesks.of(desk), models, journal, accounts, options);
    }

    /** One console for every help mailbox: {@code desks} has one desk each. */
    public ConsoleServer(ClerkDesks desks, ModelAdmin models, Journal journal, Accounts accounts, ConsoleOptions options) {
        this(desks, models, journal, accounts, options, null);
    }

    /**
     * With {@code provider}, clerks sign in through the court's identity provider and {@code accounts} is not used
     * for logging in; sessions are then bound to the court's lists of groups and addresses as configured.
     */
    public ConsoleServer(ClerkDesks desks, ModelAdmin models, Journal journal, Accounts accounts, ConsoleOptions options,
                         OidcProvider provider) {
        this(desks, models, journal, accounts, options, provider, null);
    }

    /** With {@code topics}, administrators manage topics and answers on /topics (null: no such page). */
    public ConsoleServer(ClerkDesks desks, ModelAdmin models, Journal journal, Accounts accounts, ConsoleOptions options,
                         OidcProvider provider, TopicAdmin topics) {
        this.desks = desks;
        this.topics = topics;
        this.models = models;
        this.journal = journal;
        this.accounts = accounts;
        this.options = options;
        this.zone = options.zone();
        this.dashboardFigures = new DashboardCache(journal, zone);
        this.provider = provider;
        String listsStamp = provider == null ? null : OidcSignIn.stamp(provider.settings());
        this.sessions = new Sessions(new mailclerk.queue.SessionStore(journal.database()), options.sessionLifetime(),
                options.sessionIdle(), provider == null ? accounts::stamp : user -> Optional.of(listsStamp));
        this.people = new mailclerk.queue.SignInStore(journal.database());
        this.oidc = provider == null ? null
                : new OidcSignIn(provider, people, sessions, keptReplies, pages, options.secureCookies());
        int stale = sessions.endStale();
        if (stale > 0) log.info("ended {} console session(s) of accounts removed or changed since they logged in", stale);
        this.throttle = LoginThrottle.defaults(new mailclerk.queue.LoginAttempts(journal.database()));
        Format.zone(zone);
        this.css = resource("/static/console.css");
        this.sessionScript = resource("/static/session.js");
    }

    /** Starts listening; {@code port} 0 picks a free one. Returns the port. */
    public int start(String bindAddress, int port) {
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.before(this::guard);
            config.routes.get("/static/console.css", ctx -> ctx.contentType("text/css").result(css));
            config.routes.get("/static/session.js", ctx -> ctx.contentType("text/javascript").result(sessionScript));
            // the idle warning's "stay logged in": any request with the session counts as activity
            config.routes.get("/keepalive", ctx -> ctx.status(HttpStatus.NO_CONTENT));
            config.routes.get("/kept", this::kept);
            if (oidc == null) {
                config.routes.get("/login", ctx -> render(ctx, "login.jte", new Pages.Login(null)));
                config.routes.post("/login", this::login);
            } else {
                config.routes.get("/login", ctx -> oidc.loginPage(ctx, null));
                config.routes.post("/auth/start", oidc::start);
                config.routes.get("/auth/callback", oidc::callback);
            }
            config.routes.post("/logout", this::logout);
            config.routes.get("/health", this::health);
            config.routes.get("/metrics", this::metrics);
            config.routes.get("/", this::dashboard);
            config.routes.get("/dashboard.csv", ctx -> ctx.contentType("text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"mailclerk-dashboard.csv\"")
                    .result(Dashboard.csv(dashboardFigures.figures(Instant.now()))));
            config.routes.get("/queue", ctx -> render(ctx, "queue.jte", new Pages.Queue(viewer(ctx), desks.queue(QueueQuery.of(
                    ctx.queryParam("sort"), ctx.queryParam("topic"), ctx.queryParam("reason"), mailboxFilter(ctx),
                    ctx.queryParam("q"), ctx.queryParam("page"))), notice(ctx))));
            config.routes.post("/message/{uid}/claim", ctx -> {
                long uid = uid(ctx);
                ClerkDesk desk = desk(ctx);
                Optional<mailclerk.queue.Claim> c = desk.claim(viewer(ctx).name(), uid);
                if (c.isEmpty()) redirect(ctx, "/queue", Notice.GONE);
                else redirect(ctx, MessagePath.of(desk.mailbox(), uid), c.get().clerk().equals(viewer(ctx).name()) ? Notice.CLAIMED
                        : Notice.CLAIMED_BY_OTHER);
            });
            config.routes.post("/message/{uid}/release", ctx -> {
                long uid = uid(ctx);
                ClerkDesk desk = desk(ctx);
                boolean released = desk.releaseClaim(viewer(ctx).name(), uid, viewer(ctx).admin());
                redirect(ctx, MessagePath.of(desk.mailbox(), uid), released ? Notice.CLAIM_RELEASED : Notice.NO_CLAIM);
            });
            config.routes.get("/message/{uid}", this::message);
            config.routes.post("/message/{uid}/send", this::send);
            config.routes.post("/message/{uid}/answered", ctx -> outcome(ctx,
                    desk(ctx).answeredByHand(viewer(ctx).name(), uid(ctx), ctx.formParam("topic")), Notice.ANSWERED_BY_HAND));
            config.routes.post("/message/{uid}/not-a-question", ctx -> outcome(ctx,
                    desk(ctx).notAQuestion(viewer(ctx).name(), uid(ctx)), Notice.NOT_A_QUESTION));
            config.routes.post("/message/{uid}/confirm", ctx -> outcome(ctx,
                    desk(ctx).confirmDraft(viewer(ctx).name(), uid(ctx)), Notice.DRAFT_SENT));
            config.routes.post("/message/{uid}/needs-a-person", ctx -> {
                long uid = uid(ctx);
                ClerkDesk desk = desk(ctx);
                ClerkDesk.Outcome o = desk.needsAPerson(viewer(ctx).name(), uid);
                if (o == ClerkDesk.Outcome.DONE) redirect(ctx, MessagePath.of(desk.mailbox(), uid), Notice.NEEDS_A_PERSON);
                else outcome(ctx, o, Notice.NEEDS_A_PERSON);
            });
            config.routes.get("/pilot", this::pilot);
            if (topics != null) {
                TopicPages t = new TopicPages(topics, pages, this::viewer);
                config.routes.get("/topics", t::list);
                config.routes.post("/topics/new", t::add);
                config.routes.get("/topics/{id}", t::show);
                config.routes.post("/topics/{id}/answer", t::answer);
                config.routes.post("/topics/{id}/approve", t::approve);
                config.routes.post("/topics/{id}/revert", t::revert);
                config.routes.post("/topics/{id}/state", t::state);
                config.routes.post("/topics/{id}/examples", t::examples);
            }
            config.routes.get("/models", ctx -> modelsPage(ctx, notice(ctx)));
            config.routes.post("/models/retrain", ctx -> {
                boolean started = models.retrain(viewer(ctx).name());
                redirect(ctx, "/models", started ? Notice.RETRAIN_STARTED : Notice.RETRAIN_RUNNING);
            });
            config.routes.post("/models/activate", ctx -> {
                String version = ctx.formParam("version");
                if (version == null || version.isBlank()) throw new IllegalArgumentException("choose a model version to activate");
                models.activate(viewer(ctx).name(), version);
                redirect(ctx, "/models", Notice.ACTIVATED);
            });
            config.routes.post("/models/rollback", ctx -> {
                models.rollback(viewer(ctx).name());
                redirect(ctx, "/models", Notice.ROLLED_BACK);
            });
            config.routes.get("/audit", this::audit);
            config.routes.get("/sessions", ctx -> render(ctx, "sessions.jte",
                    new Pages.SessionList(viewer(ctx), sessions.live(Instant.now()), notice(ctx))));
            config.routes.post("/sessions/end", ctx -> {
                String user = Optional.ofNullable(ctx.formParam("user")).orElse("").strip();
                if (user.isEmpty()) throw new IllegalArgumentException("choose a user");
                int n = sessions.endAll(user);
                log.info("{} ended {} session(s) of {}", viewer(ctx).name(), n, logSafe(user));
                redirect(ctx, "/sessions", Notice.SESSIONS_ENDED);
            });
            config.routes.exception(io.javalin.http.ForbiddenResponse.class, (e, ctx) -> problem(ctx, HttpStatus.FORBIDDEN,
                    "Not allowed", e.getMessage()));
            config.routes.exception(MessagingException.class, (e, ctx) -> {
                log.warn("console: {} {}: the mail server did not answer: {}", ctx.method(), logSafe(ctx.path()),
                        logSafe(mailclerk.mail.MailErrors.explain(e)));
                problem(ctx, HttpStatus.SERVICE_UNAVAILABLE, "The mail server did not answer", mailclerk.mail.MailErrors.explain(e));
            });
            config.routes.exception(IllegalArgumentException.class, (e, ctx) -> problem(ctx, HttpStatus.BAD_REQUEST,
                    "That request was not understood", e.getMessage()));
            config.routes.exception(mailclerk.config.ConfigException.class, (e, ctx) -> problem(ctx, HttpStatus.BAD_REQUEST,
                    "That could not be done", e.getMessage()));
            config.routes.exception(IllegalStateException.class, (e, ctx) -> problem(ctx, HttpStatus.BAD_REQUEST,
                    "That could not be done", e.getMessage()));
            config.routes.exception(io.javalin.http.HttpResponseException.class, (e, ctx) -> {
                if (e.getStatus() == 404) {
                    // never the requested path or Javalin's text: an attacker's words do not appear on the console
                    problem(ctx, HttpStatus.NOT_FOUND, "Page not found", "There is no such page. Go back to the queue.");
                } else {
                    problem(ctx, HttpStatus.forStatus(e.getStatus()), "That request was refused", e.getMessage());
                }
            });
            config.routes.error(404, ctx -> {
                if (!ctx.result().isEmpty() && ctx.contentType() != null && ctx.contentType().startsWith("text/html")) return;
                problem(ctx, HttpStatus.NOT_FOUND, "Page not found", "There is no such page. Go back to the queue.");
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.error("console: {} {} failed", ctx.method(), logSafe(ctx.path()), e);
                problem(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong",
                        "The error was logged for the administrators. Go back to the queue and try again.");
            });
        });
        app.start(bindAddress, port);
        log.info("clerk console listening on http://{}:{}/", bindAddress, app.port());
        return app.port();
    }

    /**
     * Security headers on everything; state-changing requests only from the console's own pages and only as small
     * url-encoded forms; login required except for the login page and the style sheet.
     */
    private void guard(Context ctx) {
        // signing in and out through the court's provider: the Sign in and Log out forms lead there (browsers hold
        // form-action to a form's redirects too)
        ctx.header("Content-Security-Policy", String.format(CSP, provider == null ? "" : " " + String.join(" ", provider.formTargets())));
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "same-origin"); // links out carry no referrer; our own forms keep their Origin
        ctx.header("Cache-Control", "no-store");
        String path = ctx.path();
        boolean changes = !ctx.method().name().equals("GET") && !ctx.method().name().equals("HEAD");
        if (changes) {
            String type = Optional.ofNullable(ctx.contentType()).orElse("").toLowerCase(java.util.Locale.ROOT);
            if (type.startsWith("multipart/")) {
                // the console sends none; Jetty's multipart parser would read parts past the form size limit
                throw new io.javalin.http.HttpResponseException(HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode(),
                        "the console's forms are sent url-encoded");
            }
            if (ctx.contentLength() > MAX_BODY) {
                throw new io.javalin.http.HttpResponseException(HttpStatus.CONTENT_TOO_LARGE.getCode(), "that form is too large");
            }
            if (!SameOrigin.allows(ctx.header("Sec-Fetch-Site"), ctx.header("Origin"), ctx.header("Host"), options.publicOrigin())) {
                log.warn("refused {} {} from {}: posted from another site", ctx.method(), logSafe(path), logSafe(clientAddress(ctx)));
                throw new io.javalin.http.ForbiddenResponse("this form was sent from another site");
            }
        }
        if (path.equals("/login") || path.equals("/static/console.css") || path.equals("/static/session.js")) return;
        if (oidc != null && (path.equals("/auth/start") || path.equals("/auth/callback"))) return;
        if (path.equals("/health") || path.equals("/metrics")) return; // no session: see health() and metrics()
        Optional<Sessions.Session> s = sessions.find(ctx.cookie(Sessions.COOKIE), Instant.now());
        if (s.isEmpty()) {
            if (ctx.method().name().equals("GET")) {
                ctx.redirect("/login", HttpStatus.FOUND);
                ctx.skipRemainingHandlers();
                return;
            }
            // a post after the session ended: the sign-in page, not a bare refusal; a reply being sent is carried through
            // it in the browser's own form and shown again afterwards, never sent by the sign-in itself
            Optional<KeptReply> kept = KeptReply.of(path, ctx.queryParam("mailbox"), ctx.formParam("topic"), ctx.formParam("body"));
            ctx.status(HttpStatus.UNAUTHORIZED);
            String why = kept.isPresent()
                    ? "Your session had ended, so your reply was not sent. Log in again: it is kept and shown to you again."
                    : "Your session had ended, so that was not done. Log in again and do it again.";
            render(ctx, "login.jte", oidc == null ? new Pages.Login(why, kept.orElse(null), false)
                    : Pages.Login.provider(why, kept.orElse(null)));
            ctx.skipRemainingHandlers();
            return;
        }
        ctx.attribute(SESSION, s.get());
        // the answers approved on the Topics page, as the responder will send them, for what clerks see and send
        if (topics != null && path.startsWith("/message/")) topics.refresh();
        if (!ctx.method().name().equals("GET") && !Sessions.sameToken(s.get().csrf(), ctx.formParam("csrf"))) {
            log.warn("refused {} {} for {}: missing or wrong CSRF token", ctx.method(), logSafe(path), s.get().user());
            throw new io.javalin.http.ForbiddenResponse("missing or wrong CSRF token: reload the page and try again");
        }
        if ((path.startsWith("/models") || path.startsWith("/audit") || path.startsWith("/sessions") || path.startsWith("/pilot")
                || path.startsWith("/topics"))
                && !s.get().role().mayAdminister()) {
            throw new io.javalin.http.ForbiddenResponse("administrators only");
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = ConsoleServer.class.getResourceAsStream(name)) {
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Viewer viewer(Context ctx) {
        Sessions.Session s = ctx.attribute(SESSION);
        return new Viewer(s.user(), s.role(), s.csrf(), options.sessionIdle().toSeconds());
    }

    private String clientAddress(Context ctx) {
        return ClientAddress.of(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"), options.trustedProxies());
    }

    private void login(Context ctx) {
        String name = Optional.ofNullable(ctx.formParam("name")).orElse("").strip();
        String key = name.length() > 200 ? name.substring(0, 200).toLowerCase(java.util.Locale.ROOT) : name.toLowerCase(java.util.Locale.ROOT);
        String address = clientAddress(ctx);
        KeptReply kept = KeptReply.carried(ctx.formParam("kept-uid"), ctx.formParam("kept-mailbox"), ctx.formParam("kept-topic"),
                ctx.formParam("kept-body")).orElse(null);
        String stamp = accounts.stamp(name).orElse(""); // the account as it is now, whatever the password typed
        LoginThrottle.Verdict v = throttle.attempt(key, address, stamp, Instant.now()); // counted before the password is checked
        if (!v.allowed()) {
            long seconds = Math.max(1, v.retryAfter().toSeconds() + (v.retryAfter().toNanosPart() > 0 ? 1 : 0));
            refusals.refused("too many attempts, next in " + seconds + " s", logSafe(name), logSafe(address), Instant.now());
            ctx.status(HttpStatus.TOO_MANY_REQUESTS);
            ctx.header("Retry-After", String.valueOf(seconds));
            render(ctx, "login.jte", new Pages.Login("Too many attempts. Wait " + Format.duration(seconds) + " and try again.", kept, false));
            return;
        }
        Optional<Accounts.Account> a = accounts.verify(name, ctx.formParam("password"));
        if (a.isEmpty()) {
            refusals.refused("wrong name or password", logSafe(name), logSafe(address), Instant.now());
            ctx.status(HttpStatus.UNAUTHORIZED);
            render(ctx, "login.jte", new Pages.Login("Wrong name or password.", kept, true));
            return;
        }
        throttle.succeeded(key, address, stamp);
        Sessions.Session s = sessions.start(a.get().name(), a.get().role(), Instant.now());
        // through Javalin's Cookie, not a hand-written header: HttpOnly, SameSite=Strict, Secure behind TLS; no Max-Age
        // (a browser session's cookie), the server ends the session itself
        SessionCookie.set(ctx, s.token(), options.secureCookies());
        log.info("{} ({}) logged in from {}", a.get().name(), a.get().role(), logSafe(address));
        if (kept != null) {
            keptReplies.keep(s.token(), kept, Instant.now());
            ctx.redirect("/kept", HttpStatus.SEE_OTHER);
            return;
        }
        ctx.redirect("/");
    }

    /** The reply kept through this session's sign-in, shown once; without one, the dashboard. */
    private void kept(Context ctx) {
        Optional<KeptReply> r = keptReplies.take(ctx.cookie(Sessions.COOKIE), Instant.now());
        if (r.isEmpty()) {
            ctx.redirect("/");
            return;
        }
        ctx.header("Cache-Control", "no-store");
        render(ctx, "kept.jte", new Pages.Kept(viewer(ctx), r.get()));
    }

    private void logout(Context ctx) {
        sessions.end(ctx.cookie(Sessions.COOKIE));
        SessionCookie.clear(ctx, options.secureCookies());
        // signed in through the court's provider: sign out there too, when it offers that, so the next sign-in asks again
        Optional<java.net.URI> there = provider == null ? Optional.empty() : provider.signOutAddress();
        ctx.redirect(there.map(java.net.URI::toString).orElse("/login"), HttpStatus.SEE_OTHER);
    }

    /** For a load balancer: no login, no mail data (see {@link Health}). */
    private void health(Context ctx) {
        Map<String, java.util.Properties> statuses = new java.util.TreeMap<>();
        for (mailclerk.queue.StatusFile f : mailclerk.queue.StatusFile.all(options.statusDir())) statuses.put(f.name(), f.read());
        Health.Report r = Health.of(statuses, started, Instant.now(), options.maxPollAge(), models.active().orElse(null));
        ctx.status(r.httpStatus()).contentType("application/json").result(r.json());
    }

    /**
     * Prometheus text, only for {@code Authorization: Bearer <console.metrics-token>}; without a token set the page
     * does not exist. The token is compared in constant time (both sides hashed first, so not even its length shows).
     */
    private void metrics(Context ctx) {
        String token = options.metricsToken();
        if (token.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).contentType("text/plain; charset=utf-8").result("not found\n");
            return;
        }
        String auth = Optional.ofNullable(ctx.header("Authorization")).orElse("");
        String given = auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).strip() : "";
        if (!sameSecret(given, token)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"mailclerk metrics\"");
            ctx.status(HttpStatus.UNAUTHORIZED).contentType("text/plain; charset=utf-8").result("a bearer token is required\n");
            return;
        }
        ctx.contentType(mailclerk.metrics.Metrics.contentType()).result(mailclerk.metrics.Metrics.shared().scrape());
    }

    static boolean sameSecret(String given, String expected) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            byte[] a = sha.digest(given.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] b = sha.digest(expected.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.security.MessageDigest.isEqual(a, b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void dashboard(Context ctx) {
        Dashboard.Figures f = dashboardFigures.figures(Instant.now());
        render(ctx, "dashboard.jte", new Pages.Home(viewer(ctx), f, Chart.of(f.days()), notice(ctx)));
    }

    private void message(Context ctx) throws MessagingException {
        long uid = uid(ctx);
        Optional<MessageView> m = desk(ctx).open(uid, ctx.queryParam("topic"));
        if (m.isEmpty()) {
            redirect(ctx, "/queue", Notice.GONE);
            return;
        }
        render(ctx, "message.jte", new Pages.Message(viewer(ctx), m.get(), notice(ctx)));
    }

    private void send(Context ctx) throws MessagingException {
        outcome(ctx, desk(ctx).sendReply(viewer(ctx).name(), uid(ctx), ctx.formParam("topic"), ctx.formParam("body")), Notice.REPLY_SENT);
    }

    private void outcome(Context ctx, ClerkDesk.Outcome o, Notice done) {
        redirect(ctx, "/queue", switch (o) {
            case DONE -> done;
            case GONE -> Notice.GONE;
            case ALREADY_HANDLED -> Notice.ALREADY_HANDLED;
            case NO_RECIPIENT -> Notice.NO_RECIPIENT;
            case NO_TEMPLATE -> Notice.NO_TEMPLATE;
            case NOT_A_DRAFT -> Notice.NOT_A_DRAFT;
            case ANSWERED_ELSEWHERE -> Notice.ANSWERED_ELSEWHERE;
            case OUT_OF_DATE -> Notice.OUT_OF_DATE;
        });
    }

    private static void redirect(Context ctx, String page, Notice notice) {
        ctx.redirect(page + (page.contains("?") ? "&" : "?") + "notice=" + notice.key());
    }

    /** Only our own notice texts are shown, chosen by key: never text from the query string. */
    private static String notice(Context ctx) {
        return Notice.text(ctx.queryParam("notice"));
    }

    private void modelsPage(Context ctx, String notice) {
        render(ctx, "models.jte", new Pages.Models(viewer(ctx), models.active().orElse("(none)"), models.versions(),
                models.status(), notice));
    }

    private void audit(Context ctx) {
        String mailbox = mailboxFilter(ctx);
        String sender = Optional.ofNullable(ctx.queryParam("sender")).orElse("");
        String topic = Optional.ofNullable(ctx.queryParam("topic")).orElse("");
        DateField from = DateField.of(ctx.queryParam("from"));
        DateField to = DateField.of(ctx.queryParam("to"));
        // a mistyped date is shown again with what is wrong, on this page; the search runs without it
        if (from.invalid() || to.invalid()) ctx.status(HttpStatus.BAD_REQUEST);
        Instant f = from.date().map(d -> d.atStartOfDay(zone).toInstant()).orElse(null);
        Instant t = to.date().map(d -> d.plusDays(1).atStartOfDay(zone).toInstant()).orElse(null);
        String key = mailbox.isEmpty() ? null : desks.find(mailbox).orElseThrow().journalKey();
        Map<String, Optional<String>> subjects = new java.util.HashMap<>();
        List<Pages.AuditRow> rows = journal.reports().audit(key, sender, topic, f, t, 500).stream()
                .map(e -> new Pages.AuditRow(e, desks.idOf(e.mailbox()), oidc == null ? null
                        : subjects.computeIfAbsent(e.by(), people::subjectOf).orElse(null))).toList();
        render(ctx, "audit.jte", new Pages.Audit(viewer(ctx), rows, sender, topic, from, to, mailbox,
                desks.several() ? desks.ids() : List.of()));
    }

    private void pilot(Context ctx) {
        DateField since = DateField.of(ctx.queryParam("since"));
        if (since.invalid()) ctx.status(HttpStatus.BAD_REQUEST);
        Instant from = since.date().map(d -> d.atStartOfDay(zone).toInstant()).orElse(Instant.EPOCH);
        render(ctx, "pilot.jte", new Pages.Pilot(viewer(ctx), mailclerk.respond.PilotReport.of(journal, from,
                options.targetPrecision()), since));
    }

    /** A name typed into the login form, fit for one log line. */
    private static String logSafe(String s) {
        return mailclerk.mail.LogText.token(s);
    }

    /**
     * The desk of the mailbox a message link names ({@code ?mailbox=<id>}): an id that is not configured is not found
     * (404), and with several mailboxes a link without one is refused (400) rather than guessed, since the same UID
     * is another message in another mailbox. The id is never repeated back.
     */
    private ClerkDesk desk(Context ctx) {
        String id = ctx.queryParam("mailbox");
        if (id == null || id.isEmpty()) {
            return desks.only().orElseThrow(() -> new IllegalArgumentException(
                    "the link does not say which mailbox the message is in: open it from the queue"));
        }
        return desks.find(id).orElseThrow(() -> new io.javalin.http.NotFoundResponse("there is no such mailbox"));
    }

    /** The mailbox a queue or audit filter asks for: "" for all, else a configured id (400 otherwise, not repeated back). */
    private String mailboxFilter(Context ctx) {
        String id = Optional.ofNullable(ctx.queryParam("mailbox")).orElse("").strip();
        if (id.isEmpty()) return "";
        if (!desks.several() || desks.find(id).isEmpty()) throw new IllegalArgumentException("there is no such mailbox to filter by");
        return id;
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
        render(ctx, "problem.jte", new Pages.Problem(s == null ? null : new Viewer(s.user(), s.role(), s.csrf()), title,
                Format.withoutPaths(detail)));
    }

    private void render(Context ctx, String template, Object page) {
        pages.render(ctx, template, page);
    }

    @Override
    public void close() {
        if (app != null) app.stop();
    }
}
