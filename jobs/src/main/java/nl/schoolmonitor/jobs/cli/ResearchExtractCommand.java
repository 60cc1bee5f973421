package nl.schoolmonitor.jobs.cli;

import java.nio.file.Path;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import nl.schoolmonitor.jobs.Progress;
import nl.schoolmonitor.jobs.SparkSessions;
import nl.schoolmonitor.jobs.research.ResearchExtractJob;
import nl.schoolmonitor.jobs.research.ResearchSettings;
import nl.schoolmonitor.research.ResearchConfig;
import nl.schoolmonitor.research.ResearchConfigLoader;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code monitor research-extract}: a pseudonymous, generalised, k-anonymous pupil-level extract and its models. */
@Command(name = "research-extract", mixinStandardHelpOptions = true,
    description = "Writes a pseudonymous pupil-level research extract (CSV + Delta + codebook) and predictor models.")
public final class ResearchExtractCommand implements Callable<Integer> {

  @Mixin
  RegionOptions region;

  @Option(names = "--warehouse", required = true, paramLabel = "DIR",
      description = "Folder of the Delta tables, after a weekly run at --as-of (read only).")
  String warehouse;

  @Option(names = "--as-of", required = true, paramLabel = "DATE",
      description = "Reference date of that weekly run (ISO, e.g. 2026-03-27).")
  LocalDate asOf;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the extract to.")
  String out;

  @Option(names = "--research-config", paramLabel = "FILE",
      description = "Privacy rules and model settings (default: research.yaml in the --region folder).")
  Path researchConfig;

  @Option(names = "--research-key-file", paramLabel = "FILE",
      description = "File holding the project's research key (else the environment variable MONITOR_RESEARCH_KEY).")
  Path researchKeyFile;

  @Option(names = "--verbose", description = "Show Spark's own logging and stack traces.")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    byte[] key = ResearchKey.resolve(researchKeyFile);
    ResearchConfig research = ResearchConfigLoader.load(researchConfig != null ? researchConfig : defaultConfig(region));
    ResearchSettings settings = new ResearchSettings(region.load(), research, RunOptions.absolute(warehouse), asOf,
        RunOptions.absolute(out), key);
    return runExtract(settings, verbose);
  }

  /** {@code research.yaml} next to the region file. */
  static Path defaultConfig(RegionOptions region) {
    Path r = region.region.toAbsolutePath();
    return (Files.isDirectory(r) ? r : r.getParent()).resolve("research.yaml");
  }

  static int runExtract(ResearchSettings settings, boolean verbose) throws Exception {
    Progress progress = new Progress(System.out);
    // The session's own SQL warehouse folder goes under --out: the warehouse itself is only read.
    SparkSession spark = SparkSessions.create("monitor-research-" + settings.region().code(), settings.out(),
        verbose);
    try {
      ResearchExtractJob.Result result = new ResearchExtractJob(spark, settings, progress).run();
      progress.stage("done", "%,d rows, %,d pupils; files %s in %s", result.rows(), result.pupils(), result.files(),
          settings.out());
      return 0;
    } finally {
      spark.stop();
    }
  }
}
