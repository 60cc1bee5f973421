package nl.schoolmonitor.silver;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The two sides of a staging step: every input record is in exactly one of them (for absence
 * staging, "in accepted" means: the origin of at least one event row).
 *
 * @param accepted    rows of the silver table, in its declared schema
 * @param quarantined rows in {@link Quarantine#SCHEMA}, one per rejected input record
 */
public record Staged(Dataset<Row> accepted, Dataset<Row> quarantined) {}
