package mailclerk.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import mailclerk.web.Accounts;
import picocli.CommandLine.Command;

@Command(name = "hash-password", mixinStandardHelpOptions = true,
        description = "Read a password (typed twice without echo, or one line on standard input) and print its bcrypt hash "
                + "for console.users (name:role:hash).")
public class HashPasswordCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        char[] typed;
        Console console = System.console();
        if (console != null) {
            typed = console.readPassword("password: ");
            char[] again = console.readPassword("again: ");
            if (!Arrays.equals(typed, again)) {
                System.err.println("the two passwords differ");
                return 1;
            }
        } else {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            typed = line == null ? new char[0] : line.toCharArray();
        }
        if (typed.length < 10) {
            System.err.println("use at least 10 characters");
            return 1;
        }
        System.out.println(Accounts.hash(typed));
        Arrays.fill(typed, ' ');
        return 0;
    }
}
