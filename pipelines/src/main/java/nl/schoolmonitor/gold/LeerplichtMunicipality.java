package nl.schoolmonitor.gold;

import static nl.schoolmonitor.gold.GoldSchemas.PER_1000;
import static nl.schoolmonitor.gold.GoldSchemas.field;
import static nl.schoolmonitor.gold.LeerplichtReportCounts.countWhere;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import nl.schoolmonitor.silver.Exemptions;
import nl.schoolmonitor.silver.LeerplichtReports;
import nl.schoolmonitor.silver.Municipalities;
import org.apache.spark.sql.Column;
import nl.schoolmonitor.common.Schemas;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One row per school year per municipality of residence: the leerplichttelling (unique pupils,
 * not reports), repeat reports, the BBV indicators relatief and absoluut verzuim per 1,000
 * residents aged 5-18, exemptions and thuiszitters (DOMAIN.md section 7). Every municipality of
 * {@code municipalities.csv} has a row in every school year that has registrations, zeros
 * included; a woongemeente outside the file (or unknown) gets a row when it has registrations.
 *
 * <p>Relatief verzuim counts pupils with a report of verzuimsoort V1, V2, V3, L, LRV or O;
 * absoluut verzuim pupils with an ABS report; V4 and RMC (18 and over, for the RMC) are in
 * {@code pupils_reported} but in neither indicator. Withdrawn reports (status I) count nowhere.
 */
public final class LeerplichtMunicipality {
  public static final String TABLE = "gold_leerplicht_municipality";

  public static final String SCHOOL_YEAR = "school_year";
  public static final String RESIDENCE_MUNICIPALITY = LeerplichtReportCounts.RESIDENCE_MUNICIPALITY;
  public static final String MUNICIPALITY_NAME = LeerplichtReportCounts.MUNICIPALITY_NAME;
  public static final String RESIDENTS_5_18 = Municipalities.RESIDENTS_5_18;
  public static final String REPORTS = "reports";
  public static final String PUPILS_REPORTED = "pupils_reported";
  public static final String PUPILS_REPORTED_REPEATEDLY = "pupils_reported_repeatedly";
  public static final String REPEAT_REPORTS = "repeat_reports";
  public static final String RELATIEF_VERZUIM_PUPILS = "relatief_verzuim_pupils";
  public static final String RELATIEF_VERZUIM_PER_1000 = "relatief_verzuim_per_1000";
  public static final String ABSOLUUT_VERZUIM_PUPILS = "absoluut_verzuim_pupils";
  public static final String ABSOLUUT_VERZUIM_PER_1000 = "absoluut_verzuim_per_1000";
  public static final String EXEMPTED_PUPILS = "exempted_pupils";
  public static final String THUISZITTERS = "thuiszitters";
  public static final String THUISZITTERS_UP_TO_3_MONTHS = "thuiszitters_up_to_3_months";
  public static final String THUISZITTERS_LONGER = "thuiszitters_longer_than_3_months";

  public static final StructType SCHEMA = new StructType(new StructField[] {
      field(SCHOOL_YEAR, StringType, false, "School year, e.g. 2025-2026"),
      field(RESIDENCE_MUNICIPALITY, StringType, false, "Woongemeente (CBS code), or 'unknown'"),
      field(MUNICIPALITY_NAME, StringType, true, "Name; null when not in municipalities.csv"),
      field(RESIDENTS_5_18, IntegerType, true, "Residents aged 5-18 (municipalities.csv)"),
      field(REPORTS, LongType, false, "Verzuimmeldingen made in the school year (not withdrawn)"),
      field(PUPILS_REPORTED, LongType, false, "Leerplichttelling: distinct pupils with a report"),
      field(PUPILS_REPORTED_REPEATEDLY, LongType, false, "Of them: pupils with 2 or more reports in the year"),
      field(REPEAT_REPORTS, LongType, false, "Reports beyond each pupil's first: reports - pupils_reported"),
      field(RELATIEF_VERZUIM_PUPILS, LongType, false, "Distinct pupils with a V1, V2, V3, L, LRV or O report"),
      field(RELATIEF_VERZUIM_PER_1000, PER_1000, true,
          "1000 * relatief_verzuim_pupils / residents_5_18, one decimal half up (BBV indicator); null without residents"),
      field(ABSOLUUT_VERZUIM_PUPILS, LongType, false, "Distinct pupils with an ABS report"),
      field(ABSOLUUT_VERZUIM_PER_1000, PER_1000, true,
          "1000 * absoluut_verzuim_pupils / residents_5_18, one decimal half up (BBV indicator); null without residents"),
      field(EXEMPTED_PUPILS, LongType, false, "Distinct pupils with an exemption starting in the school year"),
      field(THUISZITTERS, LongType, false, "Pupils out of school 4 weeks or more without exemption (Thuiszitters)"),
      field(THUISZITTERS_UP_TO_3_MONTHS, LongType, false, "Of them: out up to 3 months"),
      field(THUISZITTERS_LONGER, LongType, false, "Of them: out longer than 3 months"),
  });

  private LeerplichtMunicipality() {}

  /**
   * @param reports        rows of {@link LeerplichtReports#SCHEMA}
   * @param exemptions     rows of {@link Exemptions#SCHEMA}
   * @param thuiszitters   rows of {@link Thuiszitters#SCHEMA}
   * @param municipalities rows of {@link Municipalities#SCHEMA}
   */
  public static Dataset<Row> build(Dataset<Row> reports, Dataset<Row> exemptions, Dataset<Row> thuiszitters,
      Dataset<Row> municipalities) {
    Dataset<Row> counted = LeerplichtReportCounts.withResidence(reports.where(LeerplichtReportCounts.counts()),
        LeerplichtReports.RESIDENCE_MUNICIPALITY);
    Dataset<Row> perPupil = counted
        .groupBy(col(LeerplichtReports.SCHOOL_YEAR).as(SCHOOL_YEAR), col(RESIDENCE_MUNICIPALITY),
            col(LeerplichtReports.PUPIL_KEY))
        .agg(count(lit(1)).as(REPORTS),
            max(col(LeerplichtReports.VERZUIMSOORT).isin(LeerplichtReports.RELATIEF.toArray())).as("relatief"),
            max(col(LeerplichtReports.VERZUIMSOORT).equalTo(LeerplichtReports.ABSOLUUT)).as("absoluut"));
    Dataset<Row> reportCounts = perPupil.groupBy(SCHOOL_YEAR, RESIDENCE_MUNICIPALITY).agg(
        org.apache.spark.sql.functions.sum(col(REPORTS)).as(REPORTS),
        count(lit(1)).as(PUPILS_REPORTED),
        countWhere(col(REPORTS).geq(2)).as(PUPILS_REPORTED_REPEATEDLY),
        countWhere(col("relatief")).as(RELATIEF_VERZUIM_PUPILS),
        countWhere(col("absoluut")).as(ABSOLUUT_VERZUIM_PUPILS));
    Dataset<Row> exemptionCounts = LeerplichtReportCounts.withResidence(exemptions, Exemptions.RESIDENCE_MUNICIPALITY)
        .groupBy(col(Exemptions.SCHOOL_YEAR).as(SCHOOL_YEAR), col(RESIDENCE_MUNICIPALITY))
        .agg(count_distinct(col(Exemptions.PUPIL_KEY)).as(EXEMPTED_PUPILS));
    Dataset<Row> thuiszitterCounts = LeerplichtReportCounts.withResidence(thuiszitters,
            Thuiszitters.RESIDENCE_MUNICIPALITY)
        .groupBy(col(Thuiszitters.SCHOOL_YEAR).as(SCHOOL_YEAR), col(RESIDENCE_MUNICIPALITY))
        .agg(count(lit(1)).as(THUISZITTERS),
            countWhere(col(Thuiszitters.LONGER_THAN_3_MONTHS).unary_$bang()).as(THUISZITTERS_UP_TO_3_MONTHS),
            countWhere(col(Thuiszitters.LONGER_THAN_3_MONTHS)).as(THUISZITTERS_LONGER));

    String[] key = {SCHOOL_YEAR, RESIDENCE_MUNICIPALITY};
    Dataset<Row> seen = reportCounts.select(SCHOOL_YEAR, RESIDENCE_MUNICIPALITY)
        .union(exemptionCounts.select(SCHOOL_YEAR, RESIDENCE_MUNICIPALITY))
        .union(thuiszitterCounts.select(SCHOOL_YEAR, RESIDENCE_MUNICIPALITY));
    Dataset<Row> units = seen.select(SCHOOL_YEAR).distinct()
        .crossJoin(municipalities.select(col(Municipalities.MUNICIPALITY_CODE).as(RESIDENCE_MUNICIPALITY)))
        .union(seen).distinct();
    Dataset<Row> residents = municipalities.select(col(Municipalities.MUNICIPALITY_CODE).as(RESIDENCE_MUNICIPALITY),
        col(Municipalities.RESIDENTS_5_18));
    return Schemas.conform(units
        .join(reportCounts, key, "left")
        .join(exemptionCounts, key, "left")
        .join(thuiszitterCounts, key, "left")
        .join(LeerplichtReportCounts.names(municipalities), new String[] {RESIDENCE_MUNICIPALITY}, "left")
        .join(residents, new String[] {RESIDENCE_MUNICIPALITY}, "left")
        .select(col(SCHOOL_YEAR), col(RESIDENCE_MUNICIPALITY), col(MUNICIPALITY_NAME), col(RESIDENTS_5_18),
            zero(REPORTS), zero(PUPILS_REPORTED), zero(PUPILS_REPORTED_REPEATEDLY),
            zero(REPORTS).minus(zero(PUPILS_REPORTED)).as(REPEAT_REPORTS),
            zero(RELATIEF_VERZUIM_PUPILS),
            Percentages.perThousand(zero(RELATIEF_VERZUIM_PUPILS), col(RESIDENTS_5_18)).as(RELATIEF_VERZUIM_PER_1000),
            zero(ABSOLUUT_VERZUIM_PUPILS),
            Percentages.perThousand(zero(ABSOLUUT_VERZUIM_PUPILS), col(RESIDENTS_5_18)).as(ABSOLUUT_VERZUIM_PER_1000),
            zero(EXEMPTED_PUPILS), zero(THUISZITTERS), zero(THUISZITTERS_UP_TO_3_MONTHS), zero(THUISZITTERS_LONGER)), SCHEMA, TABLE);
  }

  private static Column zero(String count) {
    return coalesce(col(count).cast(LongType), lit(0L)).as(count);
  }

}
