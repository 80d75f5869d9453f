package mailclerk.web;

import java.util.Locale;

/**
 * The console's notices. A page names one by key in its query string; the text is always ours, so a link
 * from elsewhere cannot make the console show words of the sender's choosing.
 */
enum Notice {
    REPLY_SENT("Reply sent."),
    ANSWERED_BY_HAND("Marked as answered by hand."),
    NOT_A_QUESTION("Filed as not a question."),
    GONE("That message is no longer in the queue."),
    ALREADY_HANDLED("That message was already handled (if a send was interrupted, check Sent before answering)."),
    NO_RECIPIENT("No single reply address: answer it from your mail client, then mark it answered by hand."),
    NO_TEMPLATE("That topic has no approved answer."),
    RETRAIN_STARTED("Retraining started."),
    RETRAIN_RUNNING("A retraining is already running."),
    ACTIVATED("Model activated: it is used from the next poll on."),
    ROLLED_BACK("Rolled back to the previous model."),
    SESSIONS_ENDED("Sessions ended."),
    DRAFT_SENT("Suggested answer sent."),
    NEEDS_A_PERSON("Recorded: the suggested answer would not do. The message stays in the queue for you to answer."),
    NOT_A_DRAFT("That message has no suggested answer waiting for a verdict."),
    ANSWERED_ELSEWHERE("Not sent: this message was already answered, automatically or by a clerk, at this desk or another "
            + "(it came to more than one desk). Check Sent before answering it yourself."),
    OUT_OF_DATE("Not sent: the suggested answer is the one for before the court went live on NextGen, which is out of "
            + "date now. Choose the topic and answer it yourself."),
    CLAIMED("You are on it: the other clerks see your name on this message for 30 minutes."),
    CLAIMED_BY_OTHER("Another clerk is already on it (see below)."),
    CLAIM_RELEASED("Claim released."),
    NO_CLAIM("There was no claim of yours to release.");

    final String text;

    Notice(String text) {
        this.text = text;
    }

    String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The text for a key from a query string; null for anything that is not one of ours. */
    static String text(String key) {
        if (key == null || key.length() > 40) return null;
        for (Notice n : values()) if (n.key().equals(key)) return n.text;
        return null;
    }
}
