package mailclerk.mail;

import mailclerk.config.Settings;

/** The names of the help mailbox's folders; every message ends in answered, needsClerk or ignored. */
public record Folders(String inbox, String answered, String needsClerk, String ignored, String sent) {

    public static Folders from(Settings s) {
        return new Folders(
                s.get("folder.inbox", "INBOX"),
                s.get("folder.answered", "Answered"),
                s.get("folder.needs-clerk", "Needs-Clerk"),
                s.get("folder.ignored", "Ignored"),
                s.get("folder.sent", "Sent"));
    }
}
