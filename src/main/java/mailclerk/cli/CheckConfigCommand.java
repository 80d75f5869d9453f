package mailclerk.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import mailclerk.classify.TopicModel;
import mailclerk.classify.TopicScore;
import mailclerk.classify.Topics;
import mailclerk.config.Settings;
import mailclerk.mail.Folders;
import mailclerk.mail.MailCheck;
import mailclerk.mail.ServerSettings;
import mailclerk.queue.Journal;
import mailclerk.respond.ReplyTemplates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = "Checks the settings before going live, one line per step with ✓ or ✗ and, for ✗, what to fix: "
                + "the settings, the OAuth2 token, IMAP (reachable, TLS, sign-in, folders), SMTP (reachable, TLS, "
                + "sign-in; nothing is sent), a template for every topic, the active model. Exit 0 only when all pass.")
public class CheckConfigCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    private PrintStream out;
    private boolean allOk = true;

    @Override
    public Integer call() {
        out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Settings s;
        ServerSettings imap;
        ServerSettings smtp;
        Journal journal = null;
        try {
            s = config.settings();
            if (ServerSettings.usesOAuth(s)) journal = Wiring.journal(s); // holds the rotated refresh token
            imap = Wiring.imap(s, journal);
            smtp = Wiring.smtp(s, journal);
            Folders.from(s);
            Wiring.pilotMode(s, Wiring.templates(s));
            step(new MailCheck.Step(true, "settings read (" + config.config + ")", ""));
        } catch (RuntimeException e) {
            step(new MailCheck.Step(false, "settings", e.getMessage()));
            if (journal != null) journal.close();
            return 1;
        }
        try {
            if (imap.xoauth2() || smtp.xoauth2()) {
                var tokens = Wiring.tokens(s, journal);
                try {
                    tokens.accessToken();
                    step(new MailCheck.Step(true, "OAuth2 token from " + java.net.URI.create(tokens.settings().tokenUrl()).getHost()
                            + " (" + tokens.settings().flow() + ")", ""));
                } catch (jakarta.mail.MessagingException e) {
                    step(new MailCheck.Step(false, "OAuth2 token", e.getMessage()));
                }
            }
            MailCheck.imap(imap, Folders.from(s), this::step);
            MailCheck.smtp(smtp, this::step);
        } finally {
            if (journal != null) journal.close();
        }
        checkTemplatesAndModel(s);
        checkRules(s);
        checkConsoleSignIn(s);
        out.println(allOk ? "all checks passed" : "some checks failed: fix the ✗ lines above");
        return allOk ? 0 : 1;
    }

    private void checkTemplatesAndModel(Settings s) {
        TopicModel model;
        try {
            model = Wiring.activeModel(s).current();
            step(new MailCheck.Step(true, "model " + model.metadata().version() + " loads (threshold "
                    + model.metadata().threshold() + ")", ""));
        } catch (RuntimeException e) {
            step(new MailCheck.Step(false, "model", e.getMessage() + " (run `mailclerk train`, or set models.dir)"));
            return;
        }
        try {
            ReplyTemplates templates = Wiring.templates(s);
            List<String> without = new ArrayList<>();
            int answered = 0;
            for (TopicScore t : model.predict(new String[0]).top(1000)) {
                if (Topics.OTHER.equals(t.topic())) continue;
                if (!templates.hasTemplate(t.topic())) {
                    without.add(t.topic());
                    continue;
                }
                templates.render(t.topic(), "Pat Filer");
                answered++;
            }
            step(new MailCheck.Step(true, "templates: " + answered + " topics have an approved answer"
                    + (without.isEmpty() ? "" : "; never answered automatically (no template): " + String.join(", ", without)), ""));
        } catch (RuntimeException e) {
            step(new MailCheck.Step(false, "templates", e.getMessage()));
        }
    }

    /** console.auth=oidc: discovery reachable, issuer as configured, the client's secret accepted where that can be told. */
    private void checkConsoleSignIn(Settings s) {
        mailclerk.web.OidcSettings o;
        try {
            if (!mailclerk.web.OidcSettings.wanted(s)) return;
            o = mailclerk.web.OidcSettings.from(s);
        } catch (RuntimeException e) {
            step(new MailCheck.Step(false, "console sign-in (console.auth=oidc)", e.getMessage()));
            return;
        }
        for (String line : new mailclerk.web.OidcProvider(o).check()) {
            if (line.startsWith("FAIL ")) {
                step(new MailCheck.Step(false, "console sign-in", line.substring(5).strip()));
            } else if (line.startsWith("?")) {
                out.println("• console sign-in: " + line.substring(1).strip());
            } else {
                step(new MailCheck.Step(true, "console sign-in: " + line.substring(2).strip(), ""));
            }
        }
    }

    /** Switched-off safety rules fail the check unless the administrator says they mean it. */
    private void checkRules(Settings s) {
        java.util.Set<String> off = new java.util.TreeSet<>(mailclerk.respond.DecisionRules.from(s).disabled());
        if (off.isEmpty()) {
            step(new MailCheck.Step(true, "decision rules: all on", ""));
        } else if (s.getBoolean("classifier.disabled-rules-acknowledged", false)) {
            step(new MailCheck.Step(true, "decision rules switched off, acknowledged: " + off, ""));
        } else {
            step(new MailCheck.Step(false, "decision rules switched off: " + off, "classifier.disabled-rules is for measuring "
                    + "only (replies go out that these rules would send to a clerk): empty it, or set "
                    + "classifier.disabled-rules-acknowledged=true if you mean it"));
        }
    }

    private void step(MailCheck.Step st) {
        allOk &= st.ok();
        out.println((st.ok() ? "✓ " : "✗ ") + st.what() + (st.ok() ? "" : "\n    fix: " + st.fix()));
    }
}
