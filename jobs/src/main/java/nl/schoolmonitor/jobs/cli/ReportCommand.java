package nl.schoolmonitor.jobs.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import nl.schoolmonitor.jobs.report.ReportSite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code monitor report}: the static HTML report of one publication folder. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Writes the static HTML report (site/index.html and a page per region, municipality, "
        + "samenwerkingsverband and school) of a publication folder from its published CSVs.")
public final class ReportCommand implements Callable<Integer> {

  @Option(names = "--publication", required = true, paramLabel = "DIR",
      description = "A publication folder, <publish>/<school_year>/<reference_date>, e.g. work/demo/publish/2025-2026/2026-03-27.")
  Path publication;

  @Option(names = "--verbose", description = "Show stack traces.")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    Path index = ReportSite.write(publication);
    System.out.println("Report written: " + index);
    return 0;
  }
}
