package nl.schoolmonitor.research;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import nl.schoolmonitor.silver.LeerplichtReports;
import nl.schoolmonitor.silver.VsvLeavers;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One row per column of the research extract: type, meaning, where it comes from and how it was
 * generalised, with the values of the configuration the extract was made with. Shipped next to
 * every extract as {@code codebook.csv}.
 */
public final class Codebook {
  public static final StructType SCHEMA = new StructType()
      .add("column", DataTypes.StringType, false)
      .add("type", DataTypes.StringType, false)
      .add("meaning", DataTypes.StringType, false)
      .add("source", DataTypes.StringType, false)
      .add("generalisation", DataTypes.StringType, false);

  private Codebook() {}

  public static List<Row> rows(ResearchConfig config) {
    String kRule = "k-anonymity fallback (k=" + config.k() + "): "
        + config.fallback().stream().map(KAnonymity.Step::description).collect(Collectors.joining(", then "))
        + ", each only for rows in combinations of " + config.quasiIdentifiers() + " occurring fewer than k times";
    String windows = "gold_pupil_windows, window school_year_to_date at the reference date (earlier school years:"
        + " the same rule over silver up to the year's last day)";
    List<Row> rows = new ArrayList<>();
    for (StructField f : ResearchExtract.SCHEMA.fields()) {
      String c = f.name();
      String source;
      String generalisation = "none";
      if (c.equals(ResearchExtract.RESEARCH_KEY)) {
        source = "silver_enrolments.pupil_key";
        generalisation = "HMAC-SHA256 with the project's research key (not the operational key): cannot be joined"
            + " to the warehouse or another project's extract without that key";
      } else if (c.equals(ResearchExtract.SCHOOL_YEAR)) {
        source = "the window's school year";
      } else if (c.equals(ResearchExtract.SECTOR)) {
        source = "schools.csv of the region, via brin_vestiging (the school itself is not in the extract)";
      } else if (c.equals(ResearchExtract.SCHOOL_TYPE)) {
        source = "sector; VO: silver_enrolments.programme; MBO: silver_enrolments.level";
        generalisation = "VO programme reduced to vmbo, havo, vwo, praktijkonderwijs or vo";
      } else if (c.equals(ResearchExtract.BIRTH_YEAR)) {
        source = "silver_enrolments.birth_date";
        generalisation = "year only; " + kRule;
      } else if (c.equals(ResearchExtract.PC4)) {
        source = "silver_enrolments.pc4";
        generalisation = "null where fewer than " + config.pc4MinPupils()
            + " pupils of the school year live in the PC4 area; " + kRule;
      } else if (List.of(ResearchExtract.YEAR_GROUP, ResearchExtract.SEX, ResearchExtract.RESIDENCE_MUNICIPALITY)
          .contains(c)) {
        source = "silver_enrolments." + c + " (latest enrolment at the school begun by the window's end)";
        generalisation = kRule;
      } else if (List.of(ResearchExtract.PUPIL_WEIGHT, ResearchExtract.SPECIAL_NEEDS, ResearchExtract.NT2).contains(c)) {
        source = "silver_enrolments." + c + " (null where the school's system does not deliver it)";
      } else if (c.equals(ResearchExtract.SCHOOL_SIZE_BAND)) {
        source = "pupils of the school location in the school year (rows of the window)";
        generalisation = "bands with bounds " + config.schoolSizeBands() + "; " + kRule;
      } else if (c.equals(ResearchExtract.SCHOOL_TIER3_SHARE_BAND)) {
        source = "share of the school's pupils with a tier that are in tier 3";
        generalisation = "bands of " + config.tier3ShareBandPct() + " percentage points";
      } else if (ResearchExtract.FLAG_COLUMNS.contains(c)) {
        source = "gold_pupil_flags, flag " + c.substring("flag_".length()) + " met in the school year up to the window's end";
      } else if (c.equals(ResearchExtract.PREVIOUS_YEAR_TIER)) {
        source = "tier of the rows of the previous school year of the same pupil, highest over schools";
        generalisation = "null when the pupil has no row with a tier in that year (or the warehouse holds no such year)";
      } else if (c.equals(ResearchExtract.FOLLOWUP_END)) {
        source = "reference date and the next school year's last day";
        generalisation = "null while the next school year has not begun";
      } else if (c.equals(ResearchExtract.LATER_LEERPLICHT_REPORT) || c.equals(ResearchExtract.LATER_THUISZITTER)) {
        source = LeerplichtReports.TABLE + " (" + LeerplichtReports.PUPIL_KEY + ", " + LeerplichtReports.REPORT_DATE
            + ", " + LeerplichtReports.VERZUIMSOORT + ") in the follow-up"
            + (c.equals(ResearchExtract.LATER_THUISZITTER) ? "; verzuimsoort in " + config.thuiszitterVerzuimsoorten() : "");
        generalisation = "null when the table is missing or the follow-up has not begun";
      } else if (c.equals(ResearchExtract.LATER_VSV)) {
        source = VsvLeavers.TABLE + " (" + LeerplichtReports.PUPIL_KEY + ", " + VsvLeavers.DEREGISTRATION_DATE
            + ") with a leaving date in the follow-up";
        generalisation = "null when the table is missing or the follow-up has not begun";
      } else {
        source = windows;
        generalisation = c.endsWith("_pct") ? "rounded to 2 decimals" : "none";
      }
      String meaning = f.getComment().isDefined() ? f.getComment().get() : "";
      rows.add(RowFactory.create(c, f.dataType().simpleString().toLowerCase(Locale.ROOT), meaning, source,
          generalisation));
    }
    return rows;
  }
}
