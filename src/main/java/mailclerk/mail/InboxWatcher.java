package mailclerk.mail;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits on the inbox with IMAP IDLE (RFC 2177) and calls {@code onNewMail} the moment the server announces new mail,
 * so a filer's question is answered in seconds rather than at the next scheduled poll. IDLE is re-issued well
 * within the server's 30-minute limit; a dropped connection is opened again after a growing pause. A server
 * without IDLE makes {@link #run()} return at once: the scheduled poll then does all the work, as it always can.
 */
public final class InboxWatcher implements Runnable, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InboxWatcher.class);
    /** Well inside RFC 2177's 29 minutes, and inside the idle time-outs of NAT boxes and firewalls. */
    static final Duration REISSUE = Duration.ofMinutes(9);
    /** How often a watcher checks that it may still watch (in a cluster: that its node holds the lease). */
    static final Duration CHECK = Duration.ofSeconds(10);

    private final ServerSettings settings;
    private final Folders folders;
    private final Runnable onNewMail;
    private final Duration maxBackoff;
    private final java.util.function.BooleanSupplier mayWatch;
    private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mailclerk-idle-keepalive");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;
    private volatile IMAPFolder current;

    public InboxWatcher(ServerSettings settings, Folders folders, Runnable onNewMail, Duration maxBackoff) {
        this(settings, folders, onNewMail, maxBackoff, () -> true);
    }

    /** @param mayWatch whether this node should keep the IDLE (in a cluster only the mailbox's lease holder does) */
    public InboxWatcher(ServerSettings settings, Folders folders, Runnable onNewMail, Duration maxBackoff,
                        java.util.function.BooleanSupplier mayWatch) {
        this.mayWatch = mayWatch;
        this.settings = settings;
        this.folders = folders;
        this.onNewMail = onNewMail;
        this.maxBackoff = maxBackoff;
    }

    @Override
    public void run() {
        Duration pause = Duration.ofSeconds(1);
        while (!closed) {
            try {
                if (!mayWatch.getAsBoolean()) {
                    sleep(CHECK); // another node holds the mailbox and watches it
                    continue;
                }
                if (!watchOnce()) return; // no IDLE on this server
                pause = Duration.ofSeconds(1);
            } catch (MessagingException | RuntimeException e) {
                if (closed) return;
                log.warn("IDLE on {} interrupted ({}); again in {} s", settings, MailErrors.explain(e), pause.toSeconds());
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : pause.multipliedBy(2);
            }
        }
    }

    /** One connection: IDLE until it breaks or the watcher is closed. False when the server has no IDLE. */
    private boolean watchOnce() throws MessagingException {
        Store store = ImapFolders.connect(settings, null);
        IMAPFolder inbox = null;
        try {
            if (store instanceof IMAPStore imap && !imap.hasCapability("IDLE")) {
                log.info("{} has no IMAP IDLE: new mail is found by the scheduled poll only", settings);
                return false;
            }
            inbox = (IMAPFolder) store.getFolder(folders.inbox());
            inbox.open(Folder.READ_ONLY);
            inbox.addMessageCountListener(new MessageCountAdapter() {
                @Override
                public void messagesAdded(MessageCountEvent e) {
                    onNewMail.run();
                }
            });
            current = inbox;
            onNewMail.run(); // whatever arrived while no IDLE was open
            IMAPFolder watched = inbox;
            // any command on the folder ends the IDLE in progress; the loop below starts a fresh one
            long[] sinceReissue = {0};
            var reissue = keepAlive.scheduleAtFixedRate(() -> {
                try {
                    if (!mayWatch.getAsBoolean()) {
                        watched.close(false); // the lease went to another node: so does the IDLE
                    } else if ((sinceReissue[0] += CHECK.toSeconds()) >= REISSUE.toSeconds()) {
                        sinceReissue[0] = 0;
                        watched.getMessageCount();
                    }
                } catch (MessagingException | RuntimeException ignored) {
                    // the IDLE loop sees the broken connection itself
                }
            }, CHECK.toSeconds(), CHECK.toSeconds(), TimeUnit.SECONDS);
            try {
                while (!closed && inbox.isOpen()) inbox.idle(true);
            } finally {
                reissue.cancel(false);
            }
            return true;
        } finally {
            current = null;
            ImapFolders.closeQuietly(inbox == null ? store.getFolder(folders.inbox()) : inbox, store);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        keepAlive.shutdownNow();
        IMAPFolder f = current;
        if (f != null) {
            try {
                f.close(false);
            } catch (MessagingException | RuntimeException ignored) {
                // closing: nothing else to do
            }
        }
    }
}
