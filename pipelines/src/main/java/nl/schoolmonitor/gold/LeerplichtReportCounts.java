package nl.schoolmonitor.gold;

import static nl.schoolmonitor.gold.GoldSchemas.field;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import nl.schoolmonitor.silver.LeerplichtReports;
import nl.schoolmonitor.silver.Municipalities;
import org.apache.spark.sql.Column;
import nl.schoolmonitor.common.Schemas;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One row per school year, municipality of residence, verzuimsoort and status: the verzuimmeldingen
 * (DOMAIN.md section 7) and the pupils they are about. A school year is that of the melddatum;
 * the municipality is the report's woongemeente (leerplicht follows residence, so a pupil who
 * moved is counted where each report was made). Withdrawn reports (status I) are in their own
 * rows here and counted nowhere else.
 */
public final class LeerplichtReportCounts {
  public static final String TABLE = "gold_leerplicht_reports";

  public static final String SCHOOL_YEAR = "school_year";
  public static final String RESIDENCE_MUNICIPALITY = "residence_municipality";
  public static final String MUNICIPALITY_NAME = "municipality_name";
  public static final String VERZUIMSOORT = LeerplichtReports.VERZUIMSOORT;
  public static final String STATUS = LeerplichtReports.STATUS;
  public static final String REPORTS = "reports";
  public static final String PUPILS = "pupils";

  public static final StructType SCHEMA = new StructType(new StructField[] {
      field(SCHOOL_YEAR, StringType, false, "School year of the melddatum, e.g. 2025-2026"),
      field(RESIDENCE_MUNICIPALITY, StringType, false, "Woongemeente (CBS code), or 'unknown'"),
      field(MUNICIPALITY_NAME, StringType, true, "Name of the municipality; null when not in municipalities.csv"),
      field(VERZUIMSOORT, StringType, false, "V1, V2, V3, V4, RMC, L, LRV, O or ABS"),
      field(STATUS, StringType, false, "W, R, B, G, K, D or I"),
      field(REPORTS, LongType, false, "Verzuimmeldingen"),
      field(PUPILS, LongType, false, "Distinct pupils of those reports"),
  });

  private LeerplichtReportCounts() {}

  /**
   * @param reports        rows of {@link LeerplichtReports#SCHEMA}
   * @param municipalities rows of {@link Municipalities#SCHEMA}
   */
  public static Dataset<Row> build(Dataset<Row> reports, Dataset<Row> municipalities) {
    return Schemas.conform(withResidence(reports, LeerplichtReports.RESIDENCE_MUNICIPALITY)
        .groupBy(col(LeerplichtReports.SCHOOL_YEAR).as(SCHOOL_YEAR), col(RESIDENCE_MUNICIPALITY),
            col(VERZUIMSOORT), col(STATUS))
        .agg(count(lit(1)).as(REPORTS), count_distinct(col(LeerplichtReports.PUPIL_KEY)).as(PUPILS))
        .join(names(municipalities), new String[] {RESIDENCE_MUNICIPALITY}, "left")
        .select(col(SCHOOL_YEAR), col(RESIDENCE_MUNICIPALITY), col(MUNICIPALITY_NAME), col(VERZUIMSOORT), col(STATUS),
            col(REPORTS).cast(LongType).as(REPORTS), col(PUPILS).cast(LongType).as(PUPILS)), SCHEMA, TABLE);
  }

  /** The municipality of residence as a unit code: unknown ones are shown, not dropped ({@link Units}). */
  static Dataset<Row> withResidence(Dataset<Row> df, String column) {
    return df.withColumn(RESIDENCE_MUNICIPALITY, coalesce(col(column), lit(Units.UNKNOWN_RESIDENCE_CODE)));
  }

  /** municipality code to name, the unknown residence as "onbekend". */
  static Dataset<Row> names(Dataset<Row> municipalities) {
    Dataset<Row> known = municipalities.select(col(Municipalities.MUNICIPALITY_CODE).as(RESIDENCE_MUNICIPALITY),
        col(Municipalities.NAME).as(MUNICIPALITY_NAME));
    Dataset<Row> unknown = known.sparkSession().range(1).select(lit(Units.UNKNOWN_RESIDENCE_CODE).as(RESIDENCE_MUNICIPALITY),
        lit(Units.UNKNOWN_RESIDENCE_NAME).as(MUNICIPALITY_NAME));
    return known.unionByName(unknown);
  }

  /** Reports that count: all but the withdrawn ones (status I). */
  static Column counts() {
    return coalesce(col(LeerplichtReports.STATUS).notEqual(LeerplichtReports.WITHDRAWN), lit(false));
  }

  static Column countWhere(Column predicate) {
    return org.apache.spark.sql.functions.sum(when(coalesce(predicate, lit(false)), lit(1L)).otherwise(lit(0L)));
  }
}
