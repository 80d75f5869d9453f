package mailclerk.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * {@code GET /health} for a load balancer or a monitor: whether polls succeed, from each mailbox's status file under
 * {@code data.dir} (written after every poll). No mail data: a status word, seconds since each mailbox's last successful poll, the
 * active model version.
 *
 * <ul>
 *   <li>{@code ok} (200): the last successful poll is at most {@code maxPollAge} old;</li>
 *   <li>{@code starting} (200): no successful poll since this process started, which was less than {@code maxPollAge}
 *       ago (the first poll may still be running or backing off);</li>
 *   <li>{@code failing} (503): no successful poll for longer than {@code maxPollAge}.</li>
 * </ul>
 */
final class Health {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Report(int httpStatus, String json) {
    }

    private Health() {
    }

    /**
     * {@code statuses}: each mailbox's status file by name ({@code status.properties}, {@code status-<id>.properties}).
     * A mailbox whose lease another node held at the last attempt is polled there: it is listed, and does not make
     * this node fail.
     */
    static Report of(Map<String, Properties> statuses, Instant started, Instant now, Duration maxPollAge, String modelVersion) {
        Instant stale = now.minus(maxPollAge);
        boolean young = !started.isBefore(stale);
        Map<String, Object> mailboxes = new TreeMap<>();
        boolean failing = false;
        boolean starting = statuses.isEmpty();
        for (Map.Entry<String, Properties> e : statuses.entrySet()) {
            Properties p = e.getValue();
            Instant last = instant(p.getProperty("last-successful-poll"));
            boolean elsewhere = "held by another node".equals(p.getProperty("lease"));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("secondsSinceLastSuccessfulPoll", last == null ? null : Math.max(0, Duration.between(last, now).toSeconds()));
            if (elsewhere) m.put("polledBy", "another node");
            mailboxes.put(mailboxId(e.getKey()), m);
            if (elsewhere || (last != null && !last.isBefore(stale))) continue;
            if ((last == null || last.isBefore(started)) && young) starting = true;
            else failing = true;
        }
        if (statuses.isEmpty() && !young) failing = true;
        String word = failing ? "failing" : starting ? "starting" : "ok";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", word);
        body.put("mailboxes", mailboxes);
        body.put("maxPollAgeSeconds", maxPollAge.toSeconds());
        body.put("modelVersion", modelVersion);
        try {
            return new Report(failing ? 503 : 200, JSON.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A mailbox's name on this open page: its id from {@code mailboxes=} (or "default"), taken from its status file's
     * name, never the IMAP account, server or port (nothing that helps an attacker find the help desk's mailbox).
     */
    static String mailboxId(String statusFile) {
        if (statusFile.equals("status.properties")) return "default";
        if (statusFile.startsWith("status-") && statusFile.endsWith(".properties")) {
            return statusFile.substring("status-".length(), statusFile.length() - ".properties".length());
        }
        return "default";
    }

    private static Instant instant(String s) {
        if (s == null) return null;
        try {
            return Instant.parse(s.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
