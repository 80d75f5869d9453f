package mailclerk.web;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import mailclerk.queue.Activity;
import mailclerk.queue.Journal;

/**
 * The home page's figures, from the journal: for today, 7 and 30 days (days in the court's zone) what came in and
 * what became of it, how long flagged mail waits, messages per topic, and one line per day for the chart and the
 * CSV. A flagged message waits until a clerk acts on it in the console; one moved out of Needs-Clerk in a mail
 * client is not seen by the journal and keeps counting as waiting.
 */
public final class Dashboard {
    public record Period(String name, LocalDate from, LocalDate to, int received, int answeredAutomatically,
                         int sentToClerks, int ignored, int answeredByClerks, Duration medianWait, Duration oldestWaiting,
                         Map<String, Integer> topics) {
        public double automaticRate() {
            return received == 0 ? Double.NaN : (double) answeredAutomatically / received;
        }
    }

    public record Day(LocalDate day, int received, int answeredAutomatically, int sentToClerks, int answeredByClerks) {
        public double automaticRate() {
            return received == 0 ? Double.NaN : (double) answeredAutomatically / received;
        }
    }

    public record Figures(List<Period> periods, List<Day> days) {
    }

    static final int DAYS = 30;

    private Dashboard() {
    }

    public static Figures of(Journal journal, ZoneId zone, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate first = today.minusDays(DAYS - 1);
        Instant since = first.atStartOfDay(zone).toInstant();
        List<Activity> activity = journal.reports().activity(since);
        List<Long> clerkAnswers = journal.reports().clerkAnswerTimes(since);
        List<Period> periods = List.of(period("today", today, today, activity, clerkAnswers, zone, now),
                period("7 days", today.minusDays(6), today, activity, clerkAnswers, zone, now),
                period("30 days", first, today, activity, clerkAnswers, zone, now));
        // one pass over the month: received, automatic, flagged, answered by clerks, per day
        Map<LocalDate, int[]> perDay = new TreeMap<>();
        for (Activity a : activity) {
            int[] c = perDay.computeIfAbsent(day(a.receivedAt(), zone), k -> new int[4]);
            c[0]++;
            if (automatic(a)) c[1]++;
            if ("flag".equals(a.action())) c[2]++;
        }
        for (long t : clerkAnswers) perDay.computeIfAbsent(day(t, zone), k -> new int[4])[3]++;
        List<Day> days = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
            int[] c = perDay.getOrDefault(d, new int[4]);
            days.add(new Day(d, c[0], c[1], c[2], c[3]));
        }
        return new Figures(periods, days);
    }

    private static Period period(String name, LocalDate from, LocalDate to, List<Activity> activity, List<Long> clerkAnswers,
                                 ZoneId zone, Instant now) {
        int received = 0;
        int automatic = 0;
        int flagged = 0;
        int ignored = 0;
        List<Long> waits = new ArrayList<>();
        long oldest = -1;
        Map<String, Integer> topics = new TreeMap<>();
        for (Activity a : activity) {
            LocalDate d = day(a.receivedAt(), zone);
            if (d.isBefore(from) || d.isAfter(to)) continue;
            received++;
            if (automatic(a)) automatic++;
            if ("ignore".equals(a.action())) ignored++;
            if ("flag".equals(a.action())) {
                flagged++;
                long end = a.clerkAt() > 0 ? a.clerkAt() : now.toEpochMilli();
                waits.add(Math.max(0, end - a.receivedAt()));
                if (a.clerkAt() == 0) oldest = Math.max(oldest, now.toEpochMilli() - a.receivedAt());
            }
            if (!"ignore".equals(a.action())) topics.merge(a.topic() == null ? "(none)" : a.topic(), 1, Integer::sum);
        }
        int byClerks = 0;
        for (long t : clerkAnswers) {
            LocalDate d = day(t, zone);
            if (!d.isBefore(from) && !d.isAfter(to)) byClerks++;
        }
        waits.sort(null);
        Duration median = waits.isEmpty() ? null : Duration.ofMillis(waits.size() % 2 == 1 ? waits.get(waits.size() / 2)
                : (waits.get(waits.size() / 2 - 1) + waits.get(waits.size() / 2)) / 2);
        return new Period(name, from, to, received, automatic, flagged, ignored, byClerks, median,
                oldest < 0 ? null : Duration.ofMillis(oldest), topics);
    }

    private static boolean automatic(Activity a) {
        return "reply".equals(a.action()) && a.replySent();
    }

    private static LocalDate day(long epochMillis, ZoneId zone) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), zone);
    }

    /**
     * The figures as CSV in long form (scope, from, to, metric, value): one line per figure, so a spreadsheet pivots
     * it whichever way. Every text in it is ours or a topic id, never mail text.
     */
    public static String csv(Figures f) {
        StringBuilder b = new StringBuilder("scope,from,to,metric,value\r\n");
        for (Period p : f.periods()) {
            String head = p.name() + "," + p.from() + "," + p.to() + ",";
            b.append(head).append("received,").append(p.received()).append("\r\n");
            b.append(head).append("answered_automatically,").append(p.answeredAutomatically()).append("\r\n");
            b.append(head).append("sent_to_clerks,").append(p.sentToClerks()).append("\r\n");
            b.append(head).append("ignored,").append(p.ignored()).append("\r\n");
            b.append(head).append("answered_by_clerks,").append(p.answeredByClerks()).append("\r\n");
            b.append(head).append("median_wait_minutes,").append(minutes(p.medianWait())).append("\r\n");
            b.append(head).append("oldest_waiting_minutes,").append(minutes(p.oldestWaiting())).append("\r\n");
            p.topics().forEach((t, n) -> b.append(head).append(csvField("topic:" + t)).append(',').append(n).append("\r\n"));
        }
        for (Day d : f.days()) {
            String head = "day," + d.day() + "," + d.day() + ",";
            b.append(head).append("received,").append(d.received()).append("\r\n");
            b.append(head).append("answered_automatically,").append(d.answeredAutomatically()).append("\r\n");
            b.append(head).append("sent_to_clerks,").append(d.sentToClerks()).append("\r\n");
            b.append(head).append("answered_by_clerks,").append(d.answeredByClerks()).append("\r\n");
            b.append(head).append("automatic_answer_rate,").append(Double.isNaN(d.automaticRate()) ? ""
                    : String.format(java.util.Locale.ROOT, "%.3f", d.automaticRate())).append("\r\n");
        }
        return b.toString();
    }

    /**
     * A text field of the CSV: quoted as RFC 4180 wants (commons-text), and never read as a formula by a spreadsheet
     * (a leading =, +, -, @, tab or return gets a ' before it), should a topic or any text ever start with one.
     */
    static String csvField(String s) {
        String t = s == null ? "" : s;
        if (!t.isEmpty() && "=+-@\t\r".indexOf(t.charAt(0)) >= 0) t = "'" + t;
        return org.apache.commons.text.StringEscapeUtils.escapeCsv(t);
    }

    private static String minutes(Duration d) {
        return d == null ? "" : Long.toString(d.toMinutes());
    }
}
