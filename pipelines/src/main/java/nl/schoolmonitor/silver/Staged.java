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
   * sides of a staging step read must not be computed lazily: the two reads then run as concurrent
   * jobs, and a task of one waits, holding a core, for the other to finish computing the same
   * cached partition (on two cores that halved the speed of absence staging).
   */
  static Dataset<Row> computedOnce(Dataset<Row> rows) {
    Dataset<Row> kept = rows.persist(StorageLevel.MEMORY_AND_DISK());
    kept.count();
    return kept;
  }
}
