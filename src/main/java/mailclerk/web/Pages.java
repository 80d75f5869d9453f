package mailclerk.web;

import java.util.List;
import mailclerk.classify.ModelMetadata;
import mailclerk.queue.AuditEntry;

/** The data each console page is rendered from (templates under src/main/jte; jte escapes every value). */
public final class Pages {
    private Pages() {
    }

    /**
     * @param kept    a reply sent after the session had ended, carried through this sign-in (null when none)
     * @param invalid the name or password typed was wrong (the fields are marked invalid)
     */
    public record Login(String error, KeptReply kept, boolean invalid, boolean provider) {
        public Login(String error) {
            this(error, null, error != null, false);
        }

        public Login(String error, KeptReply kept, boolean invalid) {
            this(error, kept, invalid, false);
        }

        /** The login page when clerks sign in through the court's identity provider: a "Sign in" button, no fields. */
        public static Login provider(String error, KeptReply kept) {
            return new Login(error, kept, false, true);
        }
    }

    /**
     * A person the identity provider signed in who is not on the court's lists: why, what would fix it, and where to
     * sign out at the provider to sign in as someone else (null when it offers no sign-out).
     */
    public record NotAllowed(String reason, String fix, String signOutThere) {
    }

    /** After a sign-in through the provider: the page that moves on to {@code next} (see OidcSignIn.callback). */
    public record SignedIn(String next) {
    }

    /** After a sign-in: the reply that was kept, to check and send again. */
    public record Kept(Viewer viewer, KeptReply reply) {
    }

    public record Queue(Viewer viewer, QueuePage queue, String notice) {
    }

    public record Home(Viewer viewer, Dashboard.Figures figures, Chart chart, String notice) {
    }

    public record Message(Viewer viewer, MessageView m, String notice) {
    }

    public record Models(Viewer viewer, String active, List<ModelMetadata> versions, ModelAdmin.RetrainStatus retrain,
                         String notice) {
    }

    /**
     * The audit page: its rows and filters; {@code mailbox} the id filtered by ("" for all), {@code mailboxes} the
     * configured ids (empty when there is only one: no column, no filter).
     */
    public record Audit(Viewer viewer, List<AuditRow> entries, String sender, String topic, DateField from,
                        DateField to, String mailbox, List<String> mailboxes) {
        public boolean severalMailboxes() {
            return mailboxes.size() > 1;
        }
    }

    /**
     * A reply on the audit page with the id of the mailbox it went out for (its journal key if none is configured)
     * and, when clerks sign in through the court's provider, the provider's subject id of the person who sent it.
     */
    public record AuditRow(AuditEntry entry, String mailbox, String subject) {
        public AuditRow(AuditEntry entry, String mailbox) {
            this(entry, mailbox, null);
        }
    }

    public record Problem(Viewer viewer, String title, String detail) {
    }

    /** @param since the first day counted, as typed; a mistyped one is shown again and the report covers all days */
    public record Pilot(Viewer viewer, mailclerk.respond.PilotReport report, DateField since) {
    }

    /** The Topics page: every topic, and the form to add one (filled in again after a mistake). */
    public record TopicList(Viewer viewer, List<TopicAdmin.Row> topics, java.util.Set<String> placeholders, double target,
                            boolean secondApproval, String notice, String error, String newId, String newTitle,
                            String newAnswer, String newExample, boolean shadow) {
    }

    /**
     * One topic: its answer (or the text being written, with its preview), waiting version, history, changes.
     *
     * @param text    the answer text in the editor (the one in use, or what was typed)
     * @param preview what a filer would receive with {@code text}, or null
     */
    public record TopicPage(Viewer viewer, TopicAdmin.Row topic, List<mailclerk.queue.TopicStore.AnswerRow> history,
                            List<mailclerk.queue.TopicStore.Event> events, java.util.Set<String> placeholders, String text,
                            String preview, String notice, String error, double target, boolean secondApproval) {
    }

    public record SessionList(Viewer viewer, List<SessionSummary> sessions, String notice) {
    }

    /** Whether a page's notice says that something was not done (announced as an alert, styled as a failure). */
    public static boolean failed(String notice) {
        return notice != null && Notice.isFailure(notice);
    }
}
