package mailclerk.cli;

import java.nio.file.Path;
import java.util.List;
import mailclerk.classify.ActiveModel;
import mailclerk.classify.ModelStore;
import mailclerk.config.Settings;
import mailclerk.mail.Folders;
import mailclerk.mail.Outbox;
import mailclerk.mail.ReadLimits;
import mailclerk.mail.ServerSettings;
import mailclerk.queue.Journal;
import mailclerk.respond.CourtInfo;
import mailclerk.respond.Decider;
import mailclerk.respond.DecisionRules;
import mailclerk.respond.HelpDesk;
import mailclerk.respond.NextGenCalendar;
import mailclerk.respond.ReplyTemplates;
import mailclerk.respond.Responder;

/** Builds the responder's parts from the settings: the one place that knows how they fit together. */
public final class Wiring {
    private Wiring() {
    }

    public static Path modelsDir(Settings s) {
        return s.getPath("models.dir", "models");
    }

    public static Path templatesDir(Settings s) {
        return s.getPath("templates.dir", "templates");
    }

    public static Path dataDir(Settings s) {
        return s.getPath("data.dir", "data");
    }

    public static HelpDesk helpDesk(Settings s) {
        return HelpDesk.from(s);
    }

    public static ReplyTemplates templates(Settings s) {
        return ReplyTemplates.load(templatesDir(s), CourtInfo.from(s), helpDesk(s));
    }

    /**
     * Safety rules switched off with {@code classifier.disabled-rules} (for measuring only): said at WARN whenever the
     * responder is made, so no administrator runs without them unknowingly; `status` and `check-config` say it too.
     */
    static void warnIfRulesOff(DecisionRules rules, mailclerk.queue.StatusFile status) {
        if (!rules.disabled().isEmpty()) {
            org.slf4j.LoggerFactory.getLogger(Wiring.class).warn("classifier.disabled-rules switches off decision rules {}: "
                    + "replies may go out that these rules would send to a clerk (for measuring only)", new java.util.TreeSet<>(rules.disabled()));
        }
        if (status != null) status.rulesOff(rules.disabled());
    }

    /**
     * The topics with an approved answer: the shipped templates and those approved on the Topics page (read from the
     * journal's database when it can be opened; without it, the shipped ones).
     */
    public static java.util.Set<String> answerableTopics(Settings s) {
        java.util.Set<String> topics = new java.util.TreeSet<>(templates(s).topics());
        try (Journal j = journal(s)) {
            topics.addAll(new mailclerk.queue.TopicStore(j.database()).approvedAnswers().keySet());
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Wiring.class).warn("topics approved on the Topics page not read: {}", e.getMessage());
        }
        return topics;
    }

    public static Decider decider(Settings s, ReplyTemplates templates) {
        DecisionRules rules = DecisionRules.from(s);
        NextGenCalendar calendar = new NextGenCalendar(
                s.getDate("court.nextgen-live-date", java.time.LocalDate.of(2025, 4, 7)), rules.zone());
        return new Decider(helpDesk(s), templates, calendar, rules);
    }

    public static ActiveModel activeModel(Settings s) {
        return new ActiveModel(new ModelStore(modelsDir(s)));
    }

    public static Responder responder(Settings s, Journal journal) {
        ReplyTemplates templates = templates(s);
        String envelope = s.get("reply.envelope-from", helpDesk(s).address());
        mailclerk.queue.StatusFile status = new mailclerk.queue.StatusFile(dataDir(s), s.mailboxId());
        warnIfRulesOff(DecisionRules.from(s), status);
        return new Responder(imap(s, journal), Folders.from(s), ReadLimits.from(s),
                new Outbox(smtp(s, journal), envelope), helpDesk(s), decider(s, templates), templates,
                activeModel(s), journal, status, pilotMode(s, templates),
                leases(s, journal), s.getInt("cluster.give-up-after-failures", 3));
    }

    /**
     * A responder for every mailbox in {@code mailboxes}. Each must go by its own name in the journal: two mailboxes
     * with one name (one imap.account-name for all, say) would share one lease, one UID mark and one set of records.
     */
    public static List<Responder> responders(Settings s, Journal journal) {
        List<Responder> out = new java.util.ArrayList<>();
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (String mailbox : s.mailboxes()) {
            Responder r = responder(s.forMailbox(mailbox), journal);
            if (!keys.add(r.mailboxKey())) {
                throw new mailclerk.config.ConfigException("two mailboxes go by the same name in the journal (" + r.mailboxKey()
                        + "): give each its own account, or its own mailbox.<id>.imap.account-name");
            }
            out.add(r);
        }
        return out;
    }

    /** The mailbox lease's term: a node that stops renewing (dead, frozen, failing) loses the mailbox after this. */
    public static java.time.Duration leaseTerm(Settings s) {
        int seconds = s.getInt("cluster.lease-seconds", 20);
        if (seconds < 5) throw new mailclerk.config.ConfigException("cluster.lease-seconds must be at least 5");
        return java.time.Duration.ofSeconds(seconds);
    }

    /** How often each mailbox's lease is tended: renewed while polls succeed, taken when free (a fifth of the term). */
    public static java.time.Duration leaseCheck(Settings s) {
        return java.time.Duration.ofMillis(Math.max(1000, leaseTerm(s).toMillis() / 5));
    }

    /** Which node polls which mailbox; this node's name is {@code node.id} (default: host name and process id). */
    public static mailclerk.queue.Leases leases(Settings s, Journal journal) {
        return new mailclerk.queue.Leases(journal.database(), nodeId(s), leaseTerm(s));
    }

    public static String nodeId(Settings s) {
        return mailclerk.queue.Database.nodeId(s);
    }

    /** IMAP IDLE on each mailbox's inbox, a poll as soon as mail arrives (poll.idle). */
    public static mailclerk.schedule.IdlePolls idlePolls(Settings s, Journal journal, List<Responder> responders) {
        List<mailclerk.schedule.IdlePolls.InboxWatcherFactory> watchers = new java.util.ArrayList<>();
        List<String> mailboxes = s.mailboxes();
        for (int i = 0; i < mailboxes.size(); i++) {
            Settings m = s.forMailbox(mailboxes.get(i));
            Responder r = responders.get(i);
            watchers.add(onNewMail -> new mailclerk.mail.InboxWatcher(imap(m, journal), Folders.from(m), onNewMail,
                    java.time.Duration.ofSeconds(m.getInt("poll.max-backoff", 900)), r::mayWatch));
        }
        return new mailclerk.schedule.IdlePolls(responders, watchers);
    }

    /** The journal on {@code db.url} (default: the embedded H2 file under data.dir). */
    public static Journal journal(Settings s) {
        return Journal.owning(mailclerk.queue.Database.open(s, dataDir(s)));
    }

    private static final java.util.Map<String, mailclerk.mail.oauth.TokenSource> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    public static ServerSettings imap(Settings s, Journal journal) {
        return ServerSettings.imap(s, tokens(s, journal));
    }

    public static ServerSettings smtp(Settings s, Journal journal) {
        return ServerSettings.smtp(s, tokens(s, journal));
    }

    /**
     * The one OAuth2 token source for this configuration and journal, shared by IMAP, SMTP and the console (one
     * cache, one refresh at a time); null when no server signs in with XOAUTH2.
     */
    public static mailclerk.mail.oauth.TokenSource tokens(Settings s, Journal journal) {
        if (!ServerSettings.usesOAuth(s)) return null;
        mailclerk.mail.oauth.OAuthSettings o = mailclerk.mail.oauth.OAuthSettings.from(s);
        String key = System.identityHashCode(journal) + "|" + o + "|" + o.clientSecret().hashCode() + "|" + o.scope();
        return TOKENS.computeIfAbsent(key, k -> new mailclerk.mail.oauth.TokenSource(o, journalStore(journal),
                java.time.Clock.systemUTC()));
    }

    private static mailclerk.mail.oauth.TokenStore journalStore(Journal journal) {
        if (journal == null) return mailclerk.mail.oauth.TokenStore.inMemory();
        return new mailclerk.mail.oauth.TokenStore() {
            @Override
            public java.util.Optional<String> refreshToken(String key) {
                return journal.oauthTokens().refreshToken(key);
            }

            @Override
            public void saveRefreshToken(String key, String token) {
                journal.oauthTokens().saveRefreshToken(key, token);
            }
        };
    }

    /** reply.mode and reply.live-topics, each live topic checked against the approved templates. */
    public static mailclerk.respond.PilotMode pilotMode(Settings s, ReplyTemplates templates) {
        mailclerk.respond.PilotMode mode = mailclerk.respond.PilotMode.from(s);
        for (String t : mode.liveTopics()) {
            if (!templates.hasTemplate(t)) {
                throw new mailclerk.config.ConfigException("reply.live-topics: '" + t + "' is not a topic with an approved "
                        + "template (see templates/)");
            }
        }
        return mode;
    }

    /** The clerks' desk of the mailbox {@code s} is the view of ({@link Settings#forMailbox}). */
    public static mailclerk.web.ClerkDesk clerkDesk(Settings s, Journal journal) {
        return clerkDesk(s, journal, activeModel(s), new mailclerk.classify.ClerkLabels(modelsDir(s)));
    }

    /**
     * One mailbox's desk: its own IMAP account, folders, SMTP server and help-desk address; the model and the
     * clerks' labels file are the console's, shared by every mailbox (one writer for the one file).
     */
    private static mailclerk.web.ClerkDesk clerkDesk(Settings s, Journal journal, ActiveModel model,
                                                     mailclerk.classify.ClerkLabels labels) {
        ReplyTemplates templates = templates(s);
        String envelope = s.get("reply.envelope-from", helpDesk(s).address());
        Decider decider = decider(s, templates);
        return new mailclerk.web.ClerkDesk(s.mailboxId(), imap(s, journal), Folders.from(s), ReadLimits.from(s),
                new Outbox(smtp(s, journal), envelope), helpDesk(s), templates, model, journal, labels,
                topic -> decider.outOfDate(topic, java.time.Instant.now()));
    }

    /** A desk for every mailbox in {@code mailboxes} (one, id "", without it), in the order configured. */
    public static mailclerk.web.ClerkDesks clerkDesks(Settings s, Journal journal) {
        ActiveModel model = activeModel(s);
        mailclerk.classify.ClerkLabels labels = new mailclerk.classify.ClerkLabels(modelsDir(s));
        List<mailclerk.web.ClerkDesk> desks = new java.util.ArrayList<>();
        for (String id : s.mailboxes()) desks.add(clerkDesk(s.forMailbox(id), journal, model, labels));
        return new mailclerk.web.ClerkDesks(desks);
    }

    /** The clerks' console for every mailbox, or null when {@code console.enabled} is false. */
    public static mailclerk.web.ConsoleServer console(Settings s, Journal journal) {
        if (!s.getBoolean("console.enabled", true)) return null;
        mailclerk.web.Accounts accounts = mailclerk.web.Accounts.parse(s.get("console.users", ""));
        // console.auth=oidc: clerks sign in through the court's identity provider; console.users is not needed
        mailclerk.web.OidcProvider provider = mailclerk.web.OidcSettings.wanted(s)
                ? new mailclerk.web.OidcProvider(mailclerk.web.OidcSettings.from(s)) : null;
        if (provider == null && accounts.isEmpty()) {
            org.slf4j.LoggerFactory.getLogger(Wiring.class).warn(
                    "clerks' console not started: no accounts in console.users (see `mailclerk hash-password`), "
                            + "and console.auth is not oidc");
            return null;
        }
        ReplyTemplates shipped = templates(s);
        mailclerk.queue.TopicStore topicStore = new mailclerk.queue.TopicStore(journal.database());
        mailclerk.web.ModelAdmin admin = new mailclerk.web.ModelAdmin(new ModelStore(modelsDir(s)), () -> {
            java.util.Set<String> all = new java.util.TreeSet<>(shipped.topics());
            all.addAll(topicStore.approvedAnswers().keySet());
            return all;
        }, s.getDouble("classifier.target-precision", 0.99));
        mailclerk.web.ClerkDesks desks = clerkDesks(s, journal);
        mailclerk.web.TopicAdmin topics = new mailclerk.web.TopicAdmin(topicStore, desks, modelsDir(s),
                mailclerk.respond.PilotMode.from(s), journal, s.getDouble("classifier.target-precision", 0.99),
                s.getBoolean("topics.require-second-approval", true));
        return new mailclerk.web.ConsoleServer(desks, admin, journal, accounts, mailclerk.web.ConsoleOptions.from(s), provider,
                topics);
    }
}
