package nl.schoolmonitor.silver;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The staged municipal and national registrations: every bronze record of a leerplicht report,
 * exemption or VSV file is in exactly one of the three tables or in quarantine, so
 * {@code read = accepted + quarantined} per file.
 *
 * @param reports     rows of {@link LeerplichtReports#SCHEMA}
 * @param exemptions  rows of {@link Exemptions#SCHEMA}
 * @param vsv         rows of {@link VsvLeavers#SCHEMA}
 * @param quarantined rows of {@link Quarantine#SCHEMA}, one per rejected record of any of the three kinds
 * @param parts       the three stagings, for {@link #release()}
 */
public record StagedRegistrations(Dataset<Row> reports, Dataset<Row> exemptions, Dataset<Row> vsv,
    Dataset<Row> quarantined, List<Staged> parts) {

  public StagedRegistrations {
    parts = List.copyOf(parts);
  }

  /** Frees what the three stagings persisted, once all four tables are written. */
  public void release() {
    parts.forEach(Staged::release);
  }
}
