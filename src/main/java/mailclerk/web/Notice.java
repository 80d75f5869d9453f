package mailclerk.web;

import java.util.Locale;

/**
 * The console's notices. A page names one by key in its query string; the text is always ours, so a link
 * from elsewhere cannot make the console show words of the sender's choosing.
 */
enum Notice {
    REPLY_SENT(Kind.DONE, "Reply sent."),
    ANSWERED_BY_HAND(Kind.DONE, "Marked as answered by hand."),
    NOT_A_QUESTION(Kind.DONE, "Filed as not a question."),
    GONE(Kind.FAILED, "That message is no longer in the queue."),
    ALREADY_HANDLED(Kind.FAILED, "That message was already handled (if a send was interrupted, check Sent before answering)."),
    NO_RECIPIENT(Kind.FAILED, "No single reply address: answer it from your mail client, then mark it answered by hand."),
    NO_TEMPLATE(Kind.FAILED, "That topic has no approved answer."),
    RETRAIN_STARTED(Kind.DONE, "Retraining started."),
    RETRAIN_RUNNING(Kind.FAILED, "A retraining is already running."),
    ACTIVATED(Kind.DONE, "Model activated: it is used from the next poll on."),
    ROLLED_BACK(Kind.DONE, "Rolled back to the previous model."),
    SESSIONS_ENDED(Kind.DONE, "Sessions ended."),
    DRAFT_SENT(Kind.DONE, "Suggested answer sent."),
    NEEDS_A_PERSON(Kind.DONE, "Recorded: the suggested answer would not do. The message stays in the queue for you to answer."),
    NOT_A_DRAFT(Kind.FAILED, "That message has no suggested answer waiting for a verdict."),
    ANSWERED_ELSEWHERE(Kind.FAILED, "Not sent: this message was already answered, automatically or by a clerk, at this desk or another "
            + "(it came to more than one desk). Check Sent before answering it yourself."),
    OUT_OF_DATE(Kind.FAILED, "Not sent: the suggested answer is the one for before the court went live on NextGen, which is out of "
            + "date now. Choose the topic and answer it yourself."),
    CLAIMED(Kind.DONE, "You are on it: the other clerks see your name on this message for 30 minutes."),
    CLAIMED_BY_OTHER(Kind.FAILED, "Another clerk is already on it (see below)."),
    CLAIM_RELEASED(Kind.DONE, "Claim released."),
    NO_CLAIM(Kind.FAILED, "There was no claim of yours to release."),
    TOPIC_ADDED(Kind.DONE, "Topic added as a draft: its answer is suggested to clerks, never sent, until it goes live."),
    ANSWER_IN_USE(Kind.DONE, "Answer saved and in use from the next poll on."),
    ANSWER_WAITS(Kind.DONE, "Answer saved. It waits for a second administrator's approval; the approved answer stays in use."),
    ANSWER_APPROVED(Kind.DONE, "Answer approved: in use from the next poll on."),
    NOT_APPROVED(Kind.FAILED, "Not approved: an answer is approved by another administrator than its writer, and only its "
            + "newest version."),
    TOPIC_LIVE(Kind.DONE, "Topic is live: answered automatically from the next poll on."),
    TOPIC_DRAFT(Kind.DONE, "Topic is a draft: its answer is suggested to clerks, never sent."),
    TOPIC_OFF(Kind.DONE, "Topic is off: no answer and no suggestion from the next poll on."),
    EXAMPLES_ADDED(Kind.DONE, "Examples added: the next retraining learns from them.");

    /** Whether what was asked was done. */
    enum Kind { DONE, FAILED }

    final String text;
    /** Nothing was done (or not what was asked): announced as an alert and styled as a failure, never as a success. */
    final boolean failure;

    Notice(Kind kind, String text) {
        this.failure = kind == Kind.FAILED;
        this.text = text;
    }

    String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether this text is one of the notices that say something was not done. */
    static boolean isFailure(String text) {
        for (Notice n : values()) if (n.text.equals(text)) return n.failure;
        return false;
    }

    /** The text for a key from a query string; null for anything that is not one of ours. */
    static String text(String key) {
        if (key == null || key.length() > 40) return null;
        for (Notice n : values()) if (n.key().equals(key)) return n.text;
        return null;
    }
}
