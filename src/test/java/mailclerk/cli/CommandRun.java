package mailclerk.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A command run in this JVM with its standard output captured, as an operator would see it. */
public record CommandRun(int exit, String out) {
    public static synchronized CommandRun of(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int exit = Main.commandLine().execute(args);
            return new CommandRun(exit, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(saved);
        }
    }
}
