package nl.schoolmonitor.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One export layout: recognised by its header row (never by the file name) and mapped to the
 * canonical field names the pipeline uses. Fields the pipeline does not need (names, addresses,
 * free text) are in {@code header} but not in {@code fields}: they never leave bronze.
 *
 * @param name   e.g. {@code magister-absences}
 * @param kind   what the rows are
 * @param header the source column names, in the order the system writes them
 * @param fields canonical field name (see {@link Field}) to source column name
 */
public record Profile(String name, Kind kind, List<String> header, Map<String, String> fields) {

  public enum Kind {
    PUPILS, ABSENCES, LEERPLICHT_REPORTS, EXEMPTIONS, VSV_LIST;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Canonical field names a profile can map to. */
  public static final class Field {
    // pupils
    public static final String PUPIL_NUMBER = "pupil_number";
    public static final String BSN = "bsn";
    public static final String ONDERWIJSNUMMER = "onderwijsnummer";
    public static final String BIRTH_DATE = "birth_date";
    public static final String SEX = "sex";
    public static final String POSTCODE = "postcode";
    public static final String RESIDENCE_PLACE = "residence_place";
    public static final String RESIDENCE_MUNICIPALITY = "residence_municipality";
    public static final String CLASS_CODE = "class_code";
    public static final String YEAR_GROUP = "year_group";
    public static final String PROGRAMME = "programme";
    public static final String LEVEL = "level";
    public static final String ENROLMENT_START = "enrolment_start";
    public static final String ENROLMENT_END = "enrolment_end";
    public static final String PUPIL_WEIGHT = "pupil_weight";
    public static final String SPECIAL_NEEDS = "special_needs";
    public static final String NT2 = "nt2";
    // absences
    public static final String DATE = "date";
    public static final String PART_OF_DAY = "part_of_day";
    public static final String MINUTES = "minutes";
    public static final String LESSON = "lesson";
    public static final String BEGIN_LESSON = "begin_lesson";
    public static final String END_LESSON = "end_lesson";
    public static final String START_TIME = "start_time";
    public static final String END_TIME = "end_time";
    public static final String BEGIN_DATETIME = "begin_datetime";
    public static final String END_DATETIME = "end_datetime";
    public static final String SYSTEM_TYPE = "system_type";
    public static final String CODE = "code";
    public static final String DESCRIPTION = "description";
    public static final String AUTHORISED = "authorised";
    public static final String HANDLED = "handled";
    // leerplicht reports, exemptions and VSV lists (CONTRACT.md section 3)
    public static final String REPORT_NUMBER = "report_number";
    public static final String BRIN = "brin";
    public static final String VESTIGING = "vestiging";
    public static final String VERZUIMSOORT = "verzuimsoort";
    public static final String REPORT_DATE = "report_date";
    public static final String ABSENCE_START = "absence_start";
    public static final String ABSENCE_END = "absence_end";
    public static final String STATUS = "status";
    public static final String ACTION = "action";
    public static final String EXEMPTION_KIND = "exemption_kind";
    public static final String EXEMPTION_START = "exemption_start";
    public static final String EXEMPTION_END = "exemption_end";
    public static final String RMC_REGION = "rmc_region";
    public static final String EDUCATION_TYPE = "education_type";
    public static final String DEREGISTRATION_DATE = "deregistration_date";
    public static final String SCHOOL_YEAR = "school_year";

    private Field() {}
  }

  /** Header names compare ignoring case and runs of white space (never guessing otherwise). */
  public static String normalise(String headerName) {
    return headerName.replace("\uFEFF", "").trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  /** True when {@code columns} are exactly this profile's header, in any order, after normalising. */
  public boolean matches(List<String> columns) {
    var mine = header.stream().map(Profile::normalise).sorted().toList();
    var theirs = columns.stream().map(Profile::normalise).sorted().toList();
    return mine.equals(theirs);
  }

  /** The source column of a canonical field, or null when this profile does not carry it. */
  public String source(String field) {
    return fields.get(field);
  }
}
