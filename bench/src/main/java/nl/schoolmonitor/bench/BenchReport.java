package nl.schoolmonitor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the Markdown results of {@code bench/run} to standard output, from what the runs left in
 * the work folder: {@code runs-<date>.tsv} (one line per timed run: pupils, kind, repeat, wall
 * seconds, max RSS in KiB, 1-minute load before and after, rows), {@code stages-<date>.tsv} (the
 * progress lines of the Spark runs: pupils, kind, repeat, stage, seconds since start) and per
 * number of pupils {@code p<N>/agreement.log} with its Markdown report; {@code failed-<date>.tsv}
 * (the runs that failed: pupils, kind, repeat, wall seconds, max RSS, load before, the last progress
 * line, the first error line), when present; {@code notes-<date>.md}, when
 * present, is appended (what was run by hand, what was not run).
 *
 * <pre>java -cp 'bench/target/monitor-bench.jar:bench/target/lib/*' nl.schoolmonitor.bench.BenchReport DATE WORK</pre>
 */
public final class BenchReport {

  private static final List<String> KINDS = List.of("spark_full", "spark_weekly", "duckdb");
  private static final Map<String, String> KIND_NAMES = Map.of(
      "spark_full", "Spark full rebuild (`weekly --full`, fresh warehouse)",
      "spark_weekly", "Spark weekly incremental (one new week)",
      "duckdb", "DuckDB school pyramid from the CSVs");

  record Run(long pupils, String kind, int repeat, double wall, long rssKib, String loadBefore, String loadAfter,
      long rows) {}

  private BenchReport() {}

  public static void main(String[] args) throws IOException {
    String date = args[0];
    Path work = Path.of(args[1]);
    List<Run> runs = new ArrayList<>();
    for (String line : Files.readAllLines(work.resolve("runs-" + date + ".tsv"))) {
      String[] f = line.split("\t");
      runs.add(new Run(Long.parseLong(f[0]), f[1], Integer.parseInt(f[2]), Double.parseDouble(f[3]),
          Long.parseLong(f[4]), f[5], f[6], Long.parseLong(f[7])));
    }
    Map<Long, Map<String, List<Run>>> byPupils = new TreeMap<>();
    runs.forEach(r -> byPupils.computeIfAbsent(r.pupils(), p -> new LinkedHashMap<>())
        .computeIfAbsent(r.kind(), k -> new ArrayList<>()).add(r));

    StringBuilder md = new StringBuilder();
    md.append("# Benchmark results ").append(date).append("\n\n");
    md.append("Written by `bench/run` (README section \"Benchmark\"). Machine: ")
        .append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
        .append(memoryGib()).append(" GiB, Java ").append(System.getProperty("java.version"))
        .append(", shared with other engineers' builds and runs: the 1-minute load average before and after")
        .append(" each run is listed next to it, and every figure is noisy at these loads (a load above 2")
        .append(" means the 2 cores were shared).\n\n");
    md.append("Figures are medians over the runs listed. *rows* are the data rows the run had to read:")
        .append(" for the full rebuild and DuckDB every row of the school exports (pupil lists, absences,")
        .append(" observations; headers left out), for the weekly run the rows of the new week's files.")
        .append(" *× DuckDB* is the wall time divided by DuckDB's median wall time on the same landing zone.")
        .append(" Wall time and max RSS are of the whole process (`/usr/bin/time`): JVM and Spark start-up")
        .append(" included. *× full* is the weekly run's wall time divided by the full rebuild's (target: at most")
        .append(" 0.1).\n\n");
    Path code = work.resolve("code-" + date + ".txt");
    if (Files.exists(code)) {
      md.append("Code: ").append(String.join(", then ", Files.readAllLines(code))).append(".\n\n");
    }

    md.append("| pupils | run | rows | runs | wall s (median) | wall s (each run) | max RSS MiB (median) | rows/s |")
        .append(" × DuckDB | × full | load avg before → after (each run) |\n");
    md.append("|---:|---|---:|---:|---:|---|---:|---:|---:|---:|---|\n");
    for (Map.Entry<Long, Map<String, List<Run>>> p : byPupils.entrySet()) {
      List<Run> duck = p.getValue().getOrDefault("duckdb", List.of());
      Double duckWall = duck.isEmpty() ? null : median(duck.stream().map(Run::wall).toList());
      List<Run> full = p.getValue().getOrDefault("spark_full", List.of());
      Double fullWall = full.isEmpty() ? null : median(full.stream().map(Run::wall).toList());
      for (String kind : KINDS) {
        List<Run> rs = p.getValue().get(kind);
        if (rs == null) {
          continue;
        }
        double wall = median(rs.stream().map(Run::wall).toList());
        double rss = median(rs.stream().map(r -> r.rssKib() / 1024.0).toList());
        long rows = rs.get(0).rows();
        md.append(String.format(Locale.ROOT, "| %,d | %s | %,d | %d | %.1f | %s | %,.0f | %,.0f | %s | %s | %s |%n",
            p.getKey(), KIND_NAMES.get(kind), rows, rs.size(), wall,
            String.join(", ", rs.stream().map(r -> String.format(Locale.ROOT, "%.1f", r.wall())).toList()),
            rss, rows / wall, duckWall == null ? "-" : String.format(Locale.ROOT, "%.1f", wall / duckWall),
            !kind.equals("spark_weekly") || fullWall == null ? "-" : String.format(Locale.ROOT, "%.2f", wall / fullWall),
            String.join("; ", rs.stream().map(r -> r.loadBefore() + " → " + r.loadAfter()).toList())));
      }
    }

    Path failed = work.resolve("failed-" + date + ".tsv");
    if (Files.exists(failed)) {
      md.append("\n## Runs that did not finish\n\n");
      md.append("Not in the medians above. *Last progress line* says how far the job got, in seconds since")
          .append(" it started.\n\n");
      md.append("| pupils | run | repeat | wall s until it stopped | max RSS MiB | load before | last progress line |")
          .append(" error |\n|---:|---|---:|---:|---:|---:|---|---|\n");
      for (String line : Files.readAllLines(failed)) {
        String[] f = line.split("\t", -1);
        md.append(String.format(Locale.ROOT, "| %,d | %s | %s | %s | %,.0f | %s | %s | %s |%n", Long.parseLong(f[0]),
            KIND_NAMES.get(f[1]), f[2], f[3], Long.parseLong(f[4]) / 1024.0, f[5], cell(f[6]), cell(f[7])));
      }
    }

    md.append("\n## Agreement of the DuckDB pyramid with the monitor's `gold.pyramid`\n\n");
    md.append("Level `school`, window `school_year_to_date`, reference date 2026-03-27: pupils (with a tier),")
        .append(" insufficient_days, tier1, tier2, tier3 compared school by school, before any DuckDB timing.\n\n");
    for (Long n : byPupils.keySet()) {
      Path log = work.resolve("p" + n).resolve("agreement.log");
      Path report = work.resolve("p" + n).resolve("duckdb_school_pyramid.csv.agreement.md");
      md.append("### ").append(String.format(Locale.ROOT, "%,d", n)).append(" pupils\n\n");
      if (Files.exists(report)) {
        md.append(Files.readString(report)).append('\n');
      } else if (Files.exists(log)) {
        md.append("No comparison: see `").append(log).append("`\n\n");
      } else {
        md.append("Not checked.\n\n");
      }
    }

    Path stagesFile = work.resolve("stages-" + date + ".tsv");
    if (Files.exists(stagesFile)) {
      md.append("## Seconds per stage of the Spark job (median over the runs, from its progress lines)\n\n");
      md.append("The stage's time is the difference to the progress line before it (`spark` = JVM start to a")
          .append(" ready SparkSession, `config` = region, reference tables and run lock).\n\n");
      // pupils, kind -> stage -> seconds of each run; and the stages each run printed
      Map<String, Map<String, List<Double>>> stages = new LinkedHashMap<>();
      Map<String, Map<String, List<String>>> stagesOfRun = new LinkedHashMap<>();
      Map<String, Double> previous = new TreeMap<>();
      for (String line : Files.readAllLines(stagesFile)) {
        String[] f = line.split("\t");
        String runKey = f[0] + "/" + f[1] + "/" + f[2];
        double at = Double.parseDouble(f[4]);
        double seconds = at - previous.getOrDefault(runKey, 0.0);
        previous.put(runKey, at);
        String group = String.format(Locale.ROOT, "%,d pupils, %s", Long.parseLong(f[0]), KIND_NAMES.get(f[1]));
        stages.computeIfAbsent(group, k -> new LinkedHashMap<>()).computeIfAbsent(f[3], s -> new ArrayList<>())
            .add(seconds);
        stagesOfRun.computeIfAbsent(group, k -> new LinkedHashMap<>()).computeIfAbsent(runKey, r -> new ArrayList<>())
            .add(f[3]);
      }
      for (Map.Entry<String, Map<String, List<Double>>> s : stages.entrySet()) {
        // Runs of different code can print other progress lines (a stage split in parts): a
        // stage then covers other work in each run, and a median of them means nothing.
        boolean sameStages = stagesOfRun.get(s.getKey()).values().stream().distinct().count() == 1;
        md.append("| ").append(s.getKey()).append(" | seconds (median) | each run |\n|---|---:|---|\n");
        for (Map.Entry<String, List<Double>> stage : s.getValue().entrySet()) {
          md.append(String.format(Locale.ROOT, "| %s | %s | %s |%n", stage.getKey(),
              sameStages ? String.format(Locale.ROOT, "%.1f", median(stage.getValue())) : "-",
              String.join(", ", stage.getValue().stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).toList())));
        }
        if (!sameStages) {
          md.append("\nThese runs printed different progress lines (other code), so no medians: each run's")
              .append(" stage is the time since its previous line.\n");
        }
        md.append('\n');
      }
    }
    Path notes = work.resolve("notes-" + date + ".md");
    if (Files.exists(notes)) {
      md.append(Files.readString(notes));
    }
    System.out.print(md);
  }

  /** Text in a table cell: its own pipes escaped, and a dash when empty. */
  private static String cell(String text) {
    return text.isBlank() ? "-" : "`" + text.strip().replace("|", "\\|").replace("`", "'") + "`";
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static long memoryGib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Math.round(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0);
        }
      }
    } catch (IOException e) {
      // not Linux: leave it out
    }
    return 0;
  }
}
