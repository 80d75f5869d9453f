package mailclerk.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code mailclerk_…} series. One registry per process ({@link #shared()}): the poll, the clerks' console and
 * the sign-in code record into it from wherever they run, without being handed an object through every layer.
 * Tests that count compare a series before and after what they do.
 */
public final class Metrics {
    private static final Metrics SHARED = new Metrics();

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, AtomicLong> lastPoll = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> queueSize = new ConcurrentHashMap<>();

    Metrics() {
    }

    public static Metrics shared() {
        return SHARED;
    }

    /** One message decided and filed by a poll: {@code action} reply, flag or ignore; topic "none" when there is none. */
    public void messageHandled(String action, String topic) {
        Counter.builder("mailclerk.messages.handled").description("messages handled by the responder")
                .tag("action", action == null ? "none" : action).tag("topic", topic == null ? "none" : topic)
                .register(registry).increment();
    }

    /** A reply that went out over SMTP; {@code by} "automatic" or "clerk". */
    public void replySent(String by) {
        Counter.builder("mailclerk.replies.sent").description("replies handed to the SMTP server").tag("by", by)
                .register(registry).increment();
    }

    /**
     * A reply the one-reply claim refused because another copy of the same message (another desk, another node)
     * claimed it first: the copies that would have been answered twice without it.
     */
    public void replyRefusedAtClaim() {
        Counter.builder("mailclerk.replies.refused").description("automatic replies refused at the claim: the message was "
                + "answered at another desk").register(registry).increment();
    }

    /** How many replies were refused at the claim since this process started. */
    public double repliesRefusedAtClaim() {
        Counter c = registry.find("mailclerk.replies.refused").counter();
        return c == null ? 0 : c.count();
    }

    public void pollSucceeded(String mailbox, Duration took, Instant at, int queueSize) {
        pollTimer(mailbox, "success").record(took);
        lastPoll.computeIfAbsent(mailbox, m -> {
            AtomicLong v = new AtomicLong();
            Gauge.builder("mailclerk.last.successful.poll.timestamp", v, AtomicLong::get).baseUnit("seconds")
                    .description("when the mailbox was last polled successfully (Unix time)").tag("mailbox", m)
                    .register(registry);
            return v;
        }).set(at.getEpochSecond());
        if (queueSize >= 0) {
            this.queueSize.computeIfAbsent(mailbox, m -> {
                AtomicLong v = new AtomicLong();
                Gauge.builder("mailclerk.queue.size", v, AtomicLong::get).tag("mailbox", m)
                        .description("messages in the clerks' folder at the last successful poll").register(registry);
                return v;
            }).set(queueSize);
        }
    }

    public void pollFailed(String mailbox, Duration took) {
        pollTimer(mailbox, "failure").record(took);
        Counter.builder("mailclerk.poll.failures").description("polls that ended with an error").tag("mailbox", mailbox)
                .register(registry).increment();
    }

    /**
     * An OAuth2 access token was fetched again for a mailbox's IMAP or SMTP sign-in; {@code outcome} "success" or
     * "failure".
     */
    public void tokenRefreshed(String mailbox, String outcome) {
        Counter.builder("mailclerk.token.refreshes").description("OAuth2 access-token refreshes").tag("mailbox", mailbox)
                .tag("outcome", outcome).register(registry).increment();
    }

    /** The Prometheus text exposition of every series. */
    public String scrape() {
        return registry.scrape();
    }

    /** The content type of {@link #scrape()}. */
    public static String contentType() {
        return "text/plain; version=0.0.4; charset=utf-8";
    }

    private Timer pollTimer(String mailbox, String outcome) {
        return Timer.builder("mailclerk.poll.duration").description("how long a poll of the mailbox took")
                .tag("mailbox", mailbox).tag("outcome", outcome).register(registry);
    }
}
