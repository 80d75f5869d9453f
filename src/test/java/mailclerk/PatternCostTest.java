package mailclerk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every regular expression that mailclerk keeps (a {@code static final Pattern} anywhere in the main code) runs on
 * text an attacker writes, so each must cost time linear in its input. Each pattern gets pathological inputs of
 * the largest size mail text can reach, and the test counts the characters the matcher reads (not the time, which
 * a busy machine would make meaningless). A quadratic pattern reads billions and is stopped at the budget; a
 * pattern that recurses once per repetition overflows the stack. Both fail here.
 */
class PatternCostTest {
    /** Text is cut at limits.max-text-chars (100,000); the subject adds up to 16,384 header characters. */
    static final int SIZE = 120_000;
    /** Reads allowed per input character: bounded repetitions such as .{4,250} legitimately re-read a little. */
    static final long READS_PER_CHAR = 600;

    /** Short pieces repeated to SIZE: runs of one character class and the shapes the patterns look for. */
    static final String[] SEEDS = {
            "a", "1", ".", "-", "_", "@", " ", "\t", "\n", "\r\n", ">", "<", ":", "/", "\"", "(", ")", "[", "+", "*", ",",
            "a.", "1.", "1-", "1:", "12-", "a@", "@a", "a-", "a ", "a\n", "> ", ">>", "<a", "a@b.", "ab@cd.", "-a",
            "re: ", "re:", "fw:", "[1]", "on ", "x wrote", "wrote ", "cm ", "cm/", "www.", "http://", "-- ", "--", "_",
            ". ", "? ", "?", "!", "\u00e9", "e\u0301", "\u202e", "owner-", "-bounce", "a+", "not ", "since ", "before ",
            "from: ", "*from*: ", "thanks ", "confidential ", "intended ", "log ", "sign", "pass ", "e-", "next ",
            "user ", "(1", "(515) ", "515-", "1 ", "0", "\u00a0", "\u3000", "&", "=", "%", "'", "\\",
    };

    @Test
    void everyPatternOnMailTextIsLinearInItsInput() throws Exception {
        List<Named> patterns = allPatterns();
        assertThat(patterns).as("patterns found in the main code").hasSizeGreaterThan(20);
        List<String> failures = new ArrayList<>();
        for (Named p : patterns) {
            for (String seed : SEEDS) {
                String input = seed.repeat(SIZE / seed.length() + 1).substring(0, SIZE);
                String what = p.name() + " on \"" + printable(seed) + "\" x " + SIZE;
                try {
                    long reads = cost(p.pattern(), input);
                    if (reads > READS_PER_CHAR * SIZE) failures.add(what + ": " + reads + " reads");
                } catch (TooCostly e) {
                    failures.add(what + ": more than " + READS_PER_CHAR * SIZE + " reads (quadratic?)");
                } catch (StackOverflowError e) {
                    failures.add(what + ": stack overflow (a repeated group recurses per repetition)");
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void theBudgetCatchesAQuadraticPattern() {
        // the shape of the e-mail pattern that issue 8 found: a greedy run re-read from every start position
        Pattern quadratic = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");
        String input = "a".repeat(SIZE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> cost(quadratic, input)).isInstanceOf(TooCostly.class);
    }

    /** Characters read by a find() loop plus one matches(), as a real caller of either would do. */
    static long cost(Pattern p, String input) {
        Counting text = new Counting(input, READS_PER_CHAR * SIZE);
        Matcher m = p.matcher(text);
        while (m.find()) {
            // an empty match advances by itself; nothing to do per match
        }
        m.reset();
        m.matches();
        return text.reads;
    }

    record Named(String name, Pattern pattern) {
    }

    /** Every static Pattern (or Pattern[]) field of every class under target/classes/mailclerk. */
    static List<Named> allPatterns() throws IOException, ReflectiveOperationException {
        Path root = Path.of("target/classes");
        List<Named> out = new ArrayList<>();
        List<Path> classes;
        try (Stream<Path> s = Files.walk(root.resolve("mailclerk"))) {
            classes = s.filter(f -> f.toString().endsWith(".class")).sorted().toList();
        }
        for (Path f : classes) {
            String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
            if (name.startsWith("gg.jte")) continue;
            Class<?> c;
            try {
                c = Class.forName(name, true, PatternCostTest.class.getClassLoader());
            } catch (LinkageError e) {
                continue;
            }
            for (Field field : c.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) continue;
                if (field.getType() == Pattern.class) {
                    field.setAccessible(true);
                    out.add(new Named(c.getSimpleName() + "." + field.getName(), (Pattern) field.get(null)));
                } else if (field.getType() == Pattern[].class) {
                    field.setAccessible(true);
                    Pattern[] ps = (Pattern[]) field.get(null);
                    for (int i = 0; i < ps.length; i++) out.add(new Named(c.getSimpleName() + "." + field.getName() + "[" + i + "]", ps[i]));
                }
            }
        }
        return out;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char ch : s.toCharArray()) b.append(ch < 0x20 || ch > 0x7e ? String.format("\\u%04x", (int) ch) : String.valueOf(ch));
        return b.toString();
    }

    static final class TooCostly extends RuntimeException {
        TooCostly() {
            super(null, null, false, false);
        }
    }

    /** A CharSequence that counts every character the matcher reads and stops it past a budget. */
    static final class Counting implements CharSequence {
        private final String s;
        private final long budget;
        long reads;

        Counting(String s, long budget) {
            this.s = s;
            this.budget = budget;
        }

        @Override
        public int length() {
            return s.length();
        }

        @Override
        public char charAt(int index) {
            if (++reads > budget) throw new TooCostly();
            return s.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return s.subSequence(start, end);
        }

        @Override
        public String toString() {
            return s;
        }
    }
}
