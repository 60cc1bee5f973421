package nl.schoolmonitor.research;

/**
 * The silver tables of the leerplicht and VSV administrations that the research extract reads for
 * its outcomes, when the warehouse has them (they come with the registrations issue). When a table
 * is missing its outcome columns are null (unknown), never false. The names here are what the
 * extract expects; a table that exists without them stops the extract with a message naming them.
 */
public final class OutcomeTables {
  /** One row per leerplicht report (verzuimmelding). */
  public static final String LEERPLICHT_REPORTS = "silver_leerplicht_reports";
  /** One row per pupil on a VSV list. */
  public static final String VSV = "silver_vsv";

  public static final String PUPIL_KEY = "pupil_key";
  /** Leerplicht report: Melddatum. */
  public static final String REPORT_DATE = "report_date";
  /** Leerplicht report: V1, V2, V3, V4, RMC, L, LRV, O, ABS. */
  public static final String VERZUIMSOORT = "verzuimsoort";
  /** VSV list: Datum uitschrijving. */
  public static final String LEAVING_DATE = "leaving_date";

  private OutcomeTables() {}
}
