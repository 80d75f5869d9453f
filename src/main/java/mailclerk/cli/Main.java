package mailclerk.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mailclerk} command line. */
@Command(name = "mailclerk", mixinStandardHelpOptions = true, version = "mailclerk 0.1",
        description = "Auto-responder for the court's help mailbox: answers FAQ questions, flags the rest for a clerk.",
        subcommands = {RunCommand.class, PollOnceCommand.class, ClassifyCommand.class, EvaluateCommand.class, TrainCommand.class, LearningCurveCommand.class, BenchCommand.class, BenchMailboxCommand.class, StatusCommand.class,
                ModelCommand.class, PilotReportCommand.class, CheckConfigCommand.class, DemoCommand.class, HashPasswordCommand.class, ImportFaqCommand.class, CommandLine.HelpCommand.class})
public class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("mailclerk: " + explain(e));
            return 2;
        });
        return cl;
    }

    /** The operator's version of an error: what to do about it, not a stack trace. */
    static String explain(Throwable e) {
        return mailclerk.mail.MailErrors.explain(e);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
