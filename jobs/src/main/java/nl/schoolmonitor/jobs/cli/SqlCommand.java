package nl.schoolmonitor.jobs.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import nl.schoolmonitor.jobs.SparkSessions;
import nl.schoolmonitor.jobs.sql.ResultPrinter;
import nl.schoolmonitor.jobs.sql.WarehouseSql;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code monitor sql}: read-only SQL over a warehouse's Delta tables by short name
 * ({@code gold.pyramid} for the folder {@code gold_pyramid}), one statement or an interactive shell.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = {"Runs a read-only SQL statement (SELECT, WITH, SHOW, DESCRIBE) over the Delta tables of a warehouse,",
        "or without a statement reads statements from standard input, each ending with ';' ('quit' to leave).",
        "Tables by layer and name: gold.pyramid, silver.attendance_events, ops.run_log (SHOW TABLES lists them).",
        "Time travel: SELECT * FROM gold.pyramid VERSION AS OF 3; ... TIMESTAMP AS OF '2026-03-27 12:00:00';",
        "DESCRIBE HISTORY gold.pyramid lists the versions."})
public final class SqlCommand implements Callable<Integer> {

  @Option(names = "--warehouse", required = true, paramLabel = "DIR", description = "Folder of the Delta tables.")
  Path warehouse;

  @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
      description = "table (aligned, default) or csv (every row, for a spreadsheet or a script).")
  String format;

  @Option(names = "--max-rows", defaultValue = "100", paramLabel = "N",
      description = "Rows a table shows at most (default: ${DEFAULT-VALUE}); csv prints all.")
  int maxRows;

  @Option(names = "--verbose", description = "Show Spark's own logging and stack traces.")
  boolean verbose;

  @Parameters(arity = "0..1", paramLabel = "STATEMENT", description = "The statement; without it, the shell.")
  String statement;

  @Override
  public Integer call() throws Exception {
    ResultPrinter.Format printFormat = format(format);
    // Spark's own catalogue folder goes to a temporary folder: the warehouse may be read-only,
    // and a question must leave no trace in it.
    Path scratch = Files.createTempDirectory("monitor-sql");
    // A question needs no Spark web UI; its port warnings would land between the results.
    if (System.getProperty("spark.ui.enabled") == null) {
      System.setProperty("spark.ui.enabled", "false");
    }
    SparkSession spark = SparkSessions.create("monitor-sql", scratch.toString(), verbose);
    try {
      WarehouseSql sql = new WarehouseSql(spark, warehouse);
      if (statement != null) {
        ResultPrinter.print(sql.query(statement), printFormat, maxRows, System.out);
        return 0;
      }
      boolean interactive = System.console() != null;
      shell(sql, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out, printFormat,
          maxRows, interactive);
      return 0;
    } finally {
      spark.stop();
    }
  }

  static ResultPrinter.Format format(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "table" -> ResultPrinter.Format.TABLE;
      case "csv" -> ResultPrinter.Format.CSV;
      default -> throw new IllegalArgumentException("--format " + name + ": use table or csv");
    };
  }

  /**
   * Reads statements line by line until a line ends with {@code ;}, runs each and prints its
   * result or its error; {@code quit} or {@code exit} (or the end of the input) leaves.
   */
  public static void shell(WarehouseSql sql, BufferedReader in, PrintStream out, ResultPrinter.Format format, int maxRows,
      boolean prompts) throws IOException {
    if (prompts) {
      out.println("Tables: " + String.join(", ", sql.tables().tables().keySet()));
      out.println("End a statement with ';', leave with 'quit'.");
    }
    StringBuilder pending = new StringBuilder();
    while (true) {
      if (prompts) {
        out.print(pending.length() == 0 ? "sql> " : "...> ");
        out.flush();
      }
      String line = in.readLine();
      if (line == null) {
        return;
      }
      String word = line.strip().replaceAll(";$", "").strip().toLowerCase(Locale.ROOT);
      if (pending.length() == 0 && (word.equals("quit") || word.equals("exit"))) {
        return;
      }
      if (pending.length() == 0 && line.isBlank()) {
        continue;
      }
      pending.append(line).append('\n');
      if (!line.strip().endsWith(";")) {
        continue;
      }
      String statement = pending.toString();
      pending.setLength(0);
      try {
        ResultPrinter.print(sql.query(statement), format, maxRows, out);
      } catch (Exception e) {
        // A bad statement does not end the shell; the message says what was wrong.
        out.println("Error: " + firstLine(e.getMessage()));
      }
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
