package mailclerk.web;

import java.util.List;
import mailclerk.classify.ModelMetadata;
import mailclerk.queue.AuditEntry;

/** The data each console page is rendered from (templates under src/main/jte; jte escapes every value). */
public final class Pages {
    private Pages() {
    }

    public record Login(String error) {
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

    public record Audit(Viewer viewer, List<AuditEntry> entries, String sender, String topic, String from, String to) {
    }

    public record Problem(Viewer viewer, String title, String detail) {
    }

    public record Pilot(Viewer viewer, mailclerk.respond.PilotReport report, String since) {
    }

    public record SessionList(Viewer viewer, List<SessionSummary> sessions, String notice) {
    }
}
