package nl.schoolmonitor.jobs;

import nl.schoolmonitor.jobs.cli.BackfillCommand;
import nl.schoolmonitor.jobs.cli.DemoCommand;
import nl.schoolmonitor.jobs.cli.DigestCommand;
import nl.schoolmonitor.jobs.cli.GenerateCommand;
import nl.schoolmonitor.jobs.cli.ReportCommand;
import nl.schoolmonitor.jobs.cli.ResearchExtractCommand;
import nl.schoolmonitor.jobs.cli.SqlCommand;
import nl.schoolmonitor.jobs.cli.WeeklyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code monitor} command line: one entry point, a subcommand per job. */
@Command(
    name = "monitor",
    mixinStandardHelpOptions = true,
    version = "Schoolaanwezigheid Monitor 0.1.0",
    description = "Turns the absence exports of many schools into one picture of school attendance.",
    subcommands = {DemoCommand.class, GenerateCommand.class, WeeklyCommand.class, BackfillCommand.class,
        ReportCommand.class, SqlCommand.class, DigestCommand.class, ResearchExtractCommand.class})
public final class Monitor implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, also used by the tests. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Monitor());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println(commandLine.getColorScheme().errorText("Error: " + e.getMessage()));
      if (parseResult.hasMatchedOption("--verbose")) {
        e.printStackTrace(commandLine.getErr());
      } else {
        commandLine.getErr().println("(run again with --verbose for the details)");
      }
      return e instanceof nl.schoolmonitor.config.ConfigException || e instanceof IllegalArgumentException ? 2 : 1;
    });
    return cli;
  }
}
