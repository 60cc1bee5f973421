package nl.schoolmonitor.gold;

import static nl.schoolmonitor.gold.GoldSchemas.field;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import nl.schoolmonitor.silver.Exemptions;
import nl.schoolmonitor.common.Schemas;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One row per school year, municipality of residence and kind of vrijstelling (5a, 5b, 5c,
 * 5a-trekkend, 15, 3a; DOMAIN.md section 7): exemptions starting in that school year and the pupils
 * they are for.
 */
public final class ExemptionCounts {
  public static final String TABLE = "gold_leerplicht_exemptions";

  public static final String SCHOOL_YEAR = "school_year";
  public static final String RESIDENCE_MUNICIPALITY = LeerplichtReportCounts.RESIDENCE_MUNICIPALITY;
  public static final String MUNICIPALITY_NAME = LeerplichtReportCounts.MUNICIPALITY_NAME;
  public static final String EXEMPTION_KIND = Exemptions.EXEMPTION_KIND;
  public static final String EXEMPTIONS = "exemptions";
  public static final String PUPILS = "pupils";

  public static final StructType SCHEMA = new StructType(new StructField[] {
      field(SCHOOL_YEAR, StringType, false, "School year of the start date"),
      field(RESIDENCE_MUNICIPALITY, StringType, false, "Woongemeente (CBS code), or 'unknown'"),
      field(MUNICIPALITY_NAME, StringType, true, "Name; null when not in municipalities.csv"),
      field(EXEMPTION_KIND, StringType, false, String.join(", ", Exemptions.KINDS)),
      field(EXEMPTIONS, LongType, false, "Exemptions"),
      field(PUPILS, LongType, false, "Distinct pupils"),
  });

  private ExemptionCounts() {}

  /** @param exemptions rows of {@link Exemptions#SCHEMA}; @param municipalities rows of Municipalities.SCHEMA */
  public static Dataset<Row> build(Dataset<Row> exemptions, Dataset<Row> municipalities) {
    return Schemas.conform(LeerplichtReportCounts.withResidence(exemptions, Exemptions.RESIDENCE_MUNICIPALITY)
        .groupBy(col(Exemptions.SCHOOL_YEAR).as(SCHOOL_YEAR), col(RESIDENCE_MUNICIPALITY), col(EXEMPTION_KIND))
        .agg(count(lit(1)).as(EXEMPTIONS), count_distinct(col(Exemptions.PUPIL_KEY)).as(PUPILS))
        .join(LeerplichtReportCounts.names(municipalities), new String[] {RESIDENCE_MUNICIPALITY}, "left")
        .select(col(SCHOOL_YEAR), col(RESIDENCE_MUNICIPALITY), col(MUNICIPALITY_NAME), col(EXEMPTION_KIND),
            col(EXEMPTIONS).cast(LongType).as(EXEMPTIONS), col(PUPILS).cast(LongType).as(PUPILS)), SCHEMA, TABLE);
  }
}
