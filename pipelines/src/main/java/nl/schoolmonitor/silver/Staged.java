package nl.schoolmonitor.silver;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The two sides of a staging step: every input record is in exactly one of them (for absence
 * staging, "in accepted" means: the origin of at least one event row).
 *
 * @param accepted    rows of the silver table, in its declared schema
 * @param quarantined rows in {@link Quarantine#SCHEMA}, one per rejected input record
 */
public record Staged(Dataset<Row> accepted, Dataset<Row> quarantined) {

  /**
   * {@code rows} kept (memory, else disk) and computed now, once, with every core. Rows that both
   * sides of a staging step read are not left to be computed lazily: the two reads then run as
   * concurrent jobs, and a task of one can wait, holding a core, for the other to finish computing
   * the same cached partition (Spark's UI showed this in absence staging; the staging time at
   * 25,000 pupils did not change measurably, README "Benchmark").
   */
  static Dataset<Row> computedOnce(Dataset<Row> rows) {
    Dataset<Row> kept = rows.persist(StorageLevel.MEMORY_AND_DISK());
    kept.count();
    return kept;
  }
}
