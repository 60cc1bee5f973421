package nl.schoolmonitor.silver;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The two sides of a staging step: every input record is in exactly one of them (for absence
 * staging, "in accepted" means: the origin of at least one event row).
 *
 * @param accepted    rows of the silver table, in its declared schema
 * @param quarantined rows in {@link Quarantine#SCHEMA}, one per rejected input record
 * @param persisted   what the staging persisted so both sides read it once; {@link #release()}
 *                    drops it when both are written
 */
public record Staged(Dataset<Row> accepted, Dataset<Row> quarantined, List<Dataset<Row>> persisted) {

  public Staged {
    persisted = List.copyOf(persisted);
  }

  /** Frees the persisted rows (at scale, gigabytes in memory and on disk); the sides stay valid. */
  public void release() {
    persisted.forEach(Dataset::unpersist);
  }
}
