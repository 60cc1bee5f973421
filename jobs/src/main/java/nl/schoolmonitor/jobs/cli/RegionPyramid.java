package nl.schoolmonitor.jobs.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Prints the region's rows of a published pyramid.csv as a small table next to the norm. */
final class RegionPyramid {

  private RegionPyramid() {}

  static void print(Path pyramidCsv, PrintStream out) throws IOException {
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    try (Reader in = Files.newBufferedReader(pyramidCsv, StandardCharsets.UTF_8); CSVParser csv = CSVParser.parse(in, format)) {
      // The school year to date first: that is the window the norm is set for.
      List<CSVRecord> regionRows = csv.stream().filter(r -> r.get("level").equals("region"))
          .sorted(Comparator.comparing((CSVRecord r) -> !r.get("window").equals("school_year_to_date"))
              .thenComparing(r -> r.get("window").length()))
          .toList();
      for (CSVRecord r : regionRows) {
        out.printf(Locale.ROOT, "%nAttendance pyramid %s, %s, %s up to %s (%s pupils with a tier, %s with too"
            + " few school days)%n", r.get("unit_name"), r.get("school_year"), r.get("window").replace('_', ' '),
            r.get("reference_date"), r.get("pupils"), r.get("insufficient_days"));
        out.printf(Locale.ROOT, "  tier 1   %6s pupils  %5s%%   norm %s%%%n", r.get("tier1"), r.get("tier1_pct"),
            r.get("norm_tier1_pct"));
        out.printf(Locale.ROOT, "  tier 2   %6s pupils  %5s%%   norm %s%%%n", r.get("tier2"), r.get("tier2_pct"),
            r.get("norm_tier2_pct"));
        out.printf(Locale.ROOT, "  tier 3   %6s pupils  %5s%%   norm %s%%%n", r.get("tier3"), r.get("tier3_pct"),
            r.get("norm_tier3_pct"));
      }
      out.printf(Locale.ROOT, "%nThe last 4 and 12 school weeks show where the year is heading; the school year to date is"
          + " what the norm is set for.%n");
    }
  }
}
