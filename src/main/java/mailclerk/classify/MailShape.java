package mailclerk.classify;

import java.util.ArrayList;
import java.util.List;

/**
 * Training examples as mail is written: each example once as written and once inside a greeting and a courtesy
 * close ("Hello," ... "Thank you for your help!").
 *
 * <p>Why: the FAQ topics' examples are bare questions, while the {@code other} class holds whole out-of-scope
 * messages with their greetings and thanks. Trained on that, the models learned that courtesy itself means "outside
 * the FAQ": with "Thank you so much for your help!" appended, 593 of the corpus's 2,298 FAQ questions read as
 * {@code other} (docs/classifier.md). Every class, {@code other} included, gets the same wrappers, so courtesy stops
 * telling the classes apart and only the request does. The lines are what any filer writes to any help desk; none
 * comes from a court's mail.
 *
 * <p>Requests to be called ("please call me") are deliberately not among them: a filer who asks for a person should
 * keep reaching one.
 *
 * <p>Only training sets are shaped. Cross-validation shapes the training folds and scores the held-out fold as
 * written, so a question and its wrapped copy never sit on both sides of a fold.
 */
public final class MailShape {
    private MailShape() {
    }

    static final List<String> OPENINGS = List.of("Hello,", "Hi,", "Good morning,", "Good afternoon,", "Dear Clerk,",
            "Hi there,", "Hello, I hope you are well.", "To whom it may concern,", "Good morning, hope you are doing well.",
            "Hello help desk,");
    static final List<String> CLOSINGS = List.of("Thank you.", "Thanks!", "Thanks for your help.",
            "Thank you so much for your help!", "I appreciate any help you can give me, thanks.",
            "Any help would be appreciated.", "Thanks in advance.", "Thank you for your time.", "Have a great day.",
            "I appreciate your assistance.", "Thanks again.", "Thank you very much.");

    /** {@code examples} as written, each followed by its copy in a greeting and a close (chosen by its text, so
     * the same corpus always trains the same models). */
    public static List<Example> of(List<Example> examples) {
        List<Example> out = new ArrayList<>(examples.size() * 2);
        out.addAll(examples);
        for (Example e : examples) out.add(wrapped(e));
        return out;
    }

    static Example wrapped(Example e) {
        int h = e.text().hashCode() & 0x7fffffff;
        String opening = OPENINGS.get(h % OPENINGS.size());
        String closing = CLOSINGS.get((h / OPENINGS.size()) % CLOSINGS.size());
        return new Example(e.topic(), opening + "\n" + e.text() + "\n" + closing);
    }
}
