package nl.schoolmonitor.silver;

import static nl.schoolmonitor.common.RowRules.text;
import static nl.schoolmonitor.silver.SourceFields.bySystem;
import static nl.schoolmonitor.silver.SourceFields.columns;
import static nl.schoolmonitor.silver.SourceFields.src;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import nl.schoolmonitor.bronze.ExportRows;
import nl.schoolmonitor.common.Bsn;
import nl.schoolmonitor.common.Pseudonymizer;
import nl.schoolmonitor.common.RowRules;
import nl.schoolmonitor.common.Schemas;
import nl.schoolmonitor.common.SchoolYear;
import nl.schoolmonitor.common.TextParsing;
import nl.schoolmonitor.config.Profile;
import nl.schoolmonitor.config.Profile.Field;
import nl.schoolmonitor.config.RegionConfig;
import nl.schoolmonitor.silver.Quarantine.Rule;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.storage.StorageLevel;

/**
 * Stages the municipal and national registrations (CONTRACT.md section 3) from bronze into
 * {@link LeerplichtReports}, {@link Exemptions} and {@link VsvLeavers}; every other record goes to
 * {@link Quarantine} with the first rule it fails, in this order:
 * <ol>
 *   <li>{@code malformed_row}: the record could not be split into the header's columns;</li>
 *   <li>{@code missing_value}: a required field is empty (report: Meldingsnummer, Verzuimsoort,
 *       Melddatum, Begindatum verzuim, Status; exemption: Soort, Begindatum; VSV: Schooljaar,
 *       Status);</li>
 *   <li>{@code unparseable_date}: a date not in the system's {@code date_format};</li>
 *   <li>{@code unknown_code}: a Verzuimsoort, Status or Soort outside the contract's list;</li>
 *   <li>{@code value_out_of_range}: a Woongemeente that is no CBS code, a BRIN without vestiging
 *       (or the other way round), absoluut verzuim naming a school, a Schooljaar not like
 *       {@code 2024-2025};</li>
 *   <li>{@code end_before_begin}: Einddatum before Begindatum;</li>
 *   <li>{@code invalid_bsn}: a BSN that fails the 11-test; not pseudonymised, because a mistyped
 *       BSN may be another child's;</li>
 *   <li>{@code missing_identifier}: neither BSN nor onderwijsnummer;</li>
 *   <li>{@code value_out_of_range}: without a BSN, an onderwijsnummer that is not nine digits;</li>
 *   <li>{@code duplicate_row} / {@code superseded}: the same registration (report: Meldingsnummer;
 *       exemption: pupil, Soort and Begindatum; VSV: pupil, Schooljaar and school) is in a later
 *       record (received later, then the later file path, then the later line), which wins:
 *       {@code duplicate_row} when both say the same, {@code superseded} when the later one
 *       changed something (a status moved on, an end date was filled in).</li>
 * </ol>
 * The PGN and pseudonym are those of {@link EnrolmentsStaging}: the BSN (nine digits) or else
 * the onderwijsnummer, through {@link Pseudonymizer#pupilKey}, so a report joins the pupil's
 * school registrations. Only the year of the birth date is kept (DOMAIN.md section 10).
 */
public final class RegistrationsStaging {

  private static final List<String> IDENTITY = List.of(Field.BSN, Field.ONDERWIJSNUMMER, Field.BIRTH_DATE,
      Field.RESIDENCE_MUNICIPALITY);
  private static final List<String> REPORT_FIELDS = plus(IDENTITY, Field.REPORT_NUMBER, Field.BRIN, Field.VESTIGING,
      Field.VERZUIMSOORT, Field.REPORT_DATE, Field.ABSENCE_START, Field.ABSENCE_END, Field.STATUS, Field.ACTION);
  private static final List<String> EXEMPTION_FIELDS = plus(IDENTITY, Field.EXEMPTION_KIND, Field.EXEMPTION_START,
      Field.EXEMPTION_END);
  private static final List<String> VSV_FIELDS = plus(IDENTITY, Field.RMC_REGION, Field.BRIN, Field.VESTIGING,
      Field.EDUCATION_TYPE, Field.LEVEL, Field.DEREGISTRATION_DATE, Field.SCHOOL_YEAR, Field.STATUS);

  // Intermediate columns.
  private static final String BSN9 = "bsn9";
  private static final String BIRTH_DATE = "birth_date";
  private static final String RULE = "rule";
  private static final String DETAIL = "detail";
  private static final String CONTENT = "content";
  private static final String RANK = "rank";
  private static final String LATEST_FILE = "latest_file";
  private static final String LATEST_LINE = "latest_line";
  private static final String LATEST_CONTENT = "latest_content";
  private static final String VSV_YEAR_START = "vsv_year_start";
  private static final String VSV_YEAR_END = "vsv_year_end";

  private RegistrationsStaging() {}

  /**
   * All three kinds at once.
   *
   * @param bronzeRegistrationRows bronze rows ({@link ExportRows#SCHEMA}) whose profile is of kind
   *     {@code leerplicht_reports}, {@code exemptions} or {@code vsv_list} (the rows with a null
   *     {@code brin_vestiging}); rows of other profiles are an error
   */
  public static StagedRegistrations stage(Dataset<Row> bronzeRegistrationRows, RegionConfig config,
      Pseudonymizer pseudonymizer) {
    Staged reports = leerplichtReports(ofKind(bronzeRegistrationRows, config, Profile.Kind.LEERPLICHT_REPORTS), config,
        pseudonymizer);
    Staged exemptions = exemptions(ofKind(bronzeRegistrationRows, config, Profile.Kind.EXEMPTIONS), config,
        pseudonymizer);
    Staged vsv = vsv(ofKind(bronzeRegistrationRows, config, Profile.Kind.VSV_LIST), config, pseudonymizer);
    List<String> registrationProfiles = config.profiles().stream()
        .filter(p -> p.kind() == Profile.Kind.LEERPLICHT_REPORTS || p.kind() == Profile.Kind.EXEMPTIONS
            || p.kind() == Profile.Kind.VSV_LIST)
        .map(Profile::name).toList();
    // Rows of another kind would vanish from all three: name them instead.
    SourceFields.profilesInUse(bronzeRegistrationRows.where(
        coalesce(col(ExportRows.PROFILE).isin(registrationProfiles.toArray()), lit(false)).unary_$bang()),
        config, Profile.Kind.LEERPLICHT_REPORTS);
    return new StagedRegistrations(reports.accepted(), exemptions.accepted(), vsv.accepted(),
        reports.quarantined().unionByName(exemptions.quarantined()).unionByName(vsv.quarantined()),
        List.of(reports, exemptions, vsv));
  }

  /** Bronze rows of leerplicht report profiles to {@link LeerplichtReports}. */
  public static Staged leerplichtReports(Dataset<Row> bronze, RegionConfig config, Pseudonymizer pseudonymizer) {
    List<Profile> profiles = SourceFields.profilesInUse(bronze, config, Profile.Kind.LEERPLICHT_REPORTS);
    Set<String> systems = SourceFields.systemsOf(config, profiles);
    Dataset<Row> parsed = withIdentity(SourceFields.withSourceFields(bronze, profiles, REPORT_FIELDS), config, systems)
        .withColumns(columns(
            LeerplichtReports.REPORT_NUMBER, col(src(Field.REPORT_NUMBER)),
            LeerplichtReports.BRIN_VESTIGING, brinVestiging(),
            LeerplichtReports.VERZUIMSOORT, upper(col(src(Field.VERZUIMSOORT))),
            LeerplichtReports.REPORT_DATE, date(config, systems, Field.REPORT_DATE),
            LeerplichtReports.ABSENCE_START, date(config, systems, Field.ABSENCE_START),
            LeerplichtReports.ABSENCE_END, date(config, systems, Field.ABSENCE_END),
            LeerplichtReports.STATUS, upper(col(src(Field.STATUS))),
            LeerplichtReports.ACTION, col(src(Field.ACTION))))
        .withColumn(LeerplichtReports.SCHOOL_YEAR, SchoolYear.labelOf(col(LeerplichtReports.REPORT_DATE)));

    Column isAbsoluut = col(LeerplichtReports.VERZUIMSOORT).equalTo(LeerplichtReports.ABSOLUUT);
    RowRules rules = RowRules.inOrder()
        .then(malformed())
        .then(required(Field.REPORT_NUMBER, Field.VERZUIMSOORT, Field.REPORT_DATE, Field.ABSENCE_START, Field.STATUS))
        .then(dates(config, systems, Field.BIRTH_DATE, Field.REPORT_DATE, Field.ABSENCE_START, Field.ABSENCE_END))
        .then(code(Field.VERZUIMSOORT, LeerplichtReports.VERZUIMSOORT, LeerplichtReports.VERZUIMSOORTEN))
        .then(code(Field.STATUS, LeerplichtReports.STATUS, LeerplichtReports.STATUSES))
        .then(municipality())
        .then(school())
        .check(Rule.VALUE_OUT_OF_RANGE, isAbsoluut.and(col(LeerplichtReports.BRIN_VESTIGING).isNotNull()),
            text("verzuimsoort ABS (absoluut verzuim) names school ", col(LeerplichtReports.BRIN_VESTIGING),
                ": an absoluut verzuimer is enrolled nowhere"))
        .then(endBeforeBegin(LeerplichtReports.ABSENCE_START, LeerplichtReports.ABSENCE_END, "absence"))
        .then(identifier());
    Column sameReport = col(LeerplichtReports.REPORT_NUMBER);
    return checkedAndDeduplicated(parsed, rules, pseudonymizer, REPORT_FIELDS, LeerplichtReports.SCHEMA,
        LeerplichtReports.TABLE, "report number ", sameReport);
  }

  /** Bronze rows of exemption profiles to {@link Exemptions}. */
  public static Staged exemptions(Dataset<Row> bronze, RegionConfig config, Pseudonymizer pseudonymizer) {
    List<Profile> profiles = SourceFields.profilesInUse(bronze, config, Profile.Kind.EXEMPTIONS);
    Set<String> systems = SourceFields.systemsOf(config, profiles);
    Dataset<Row> parsed = withIdentity(SourceFields.withSourceFields(bronze, profiles, EXEMPTION_FIELDS), config,
        systems)
        .withColumns(columns(
            Exemptions.EXEMPTION_KIND, lower(col(src(Field.EXEMPTION_KIND))),
            Exemptions.EXEMPTION_START, date(config, systems, Field.EXEMPTION_START),
            Exemptions.EXEMPTION_END, date(config, systems, Field.EXEMPTION_END)))
        .withColumn(Exemptions.SCHOOL_YEAR, SchoolYear.labelOf(col(Exemptions.EXEMPTION_START)));
    RowRules rules = RowRules.inOrder()
        .then(malformed())
        .then(required(Field.EXEMPTION_KIND, Field.EXEMPTION_START))
        .then(dates(config, systems, Field.BIRTH_DATE, Field.EXEMPTION_START, Field.EXEMPTION_END))
        .then(code(Field.EXEMPTION_KIND, Exemptions.EXEMPTION_KIND, Exemptions.KINDS))
        .then(municipality())
        .then(endBeforeBegin(Exemptions.EXEMPTION_START, Exemptions.EXEMPTION_END, "exemption"))
        .then(identifier());
    return checkedAndDeduplicated(parsed, rules, pseudonymizer, EXEMPTION_FIELDS, Exemptions.SCHEMA, Exemptions.TABLE,
        "pupil, kind and start date ", col(Exemptions.PUPIL_KEY), col(Exemptions.EXEMPTION_KIND),
        col(Exemptions.EXEMPTION_START));
  }

  /** Bronze rows of VSV list profiles to {@link VsvLeavers}. */
  public static Staged vsv(Dataset<Row> bronze, RegionConfig config, Pseudonymizer pseudonymizer) {
    List<Profile> profiles = SourceFields.profilesInUse(bronze, config, Profile.Kind.VSV_LIST);
    Set<String> systems = SourceFields.systemsOf(config, profiles);
    String yearPattern = "^([0-9]{4})\\s*[-/]\\s*([0-9]{4})$";
    Dataset<Row> parsed = withIdentity(SourceFields.withSourceFields(bronze, profiles, VSV_FIELDS), config, systems)
        .withColumns(columns(
            VsvLeavers.RMC_REGION, col(src(Field.RMC_REGION)),
            VsvLeavers.BRIN_VESTIGING, brinVestiging(),
            VsvLeavers.EDUCATION_TYPE, col(src(Field.EDUCATION_TYPE)),
            VsvLeavers.LEVEL, col(src(Field.LEVEL)),
            VsvLeavers.DEREGISTRATION_DATE, date(config, systems, Field.DEREGISTRATION_DATE),
            VsvLeavers.STATUS, lower(col(src(Field.STATUS))),
            VSV_YEAR_START, regexp_extract(col(src(Field.SCHOOL_YEAR)), yearPattern, 1).try_cast("int"),
            VSV_YEAR_END, regexp_extract(col(src(Field.SCHOOL_YEAR)), yearPattern, 2).try_cast("int")))
        .withColumn(VsvLeavers.SCHOOL_YEAR, when(col(VSV_YEAR_END).equalTo(col(VSV_YEAR_START).plus(1)),
            concat(col(VSV_YEAR_START).cast("string"), lit("-"), col(VSV_YEAR_END).cast("string"))));
    RowRules rules = RowRules.inOrder()
        .then(malformed())
        .then(required(Field.SCHOOL_YEAR, Field.STATUS))
        .then(dates(config, systems, Field.BIRTH_DATE, Field.DEREGISTRATION_DATE))
        .then(code(Field.STATUS, VsvLeavers.STATUS, VsvLeavers.STATUSES))
        .check(Rule.VALUE_OUT_OF_RANGE, col(VsvLeavers.SCHOOL_YEAR).isNull(),
            text("school_year '", col(src(Field.SCHOOL_YEAR)), "' is not a school year like 2024-2025"))
        .then(municipality())
        .then(school())
        .then(identifier());
    return checkedAndDeduplicated(parsed, rules, pseudonymizer, VSV_FIELDS, VsvLeavers.SCHEMA, VsvLeavers.TABLE,
        "pupil, school year and school ", col(VsvLeavers.PUPIL_KEY), col(VsvLeavers.SCHOOL_YEAR),
        coalesce(col(VsvLeavers.BRIN_VESTIGING), lit("")));
  }

  private static Dataset<Row> ofKind(Dataset<Row> bronze, RegionConfig config, Profile.Kind kind) {
    Object[] names = config.profiles().stream().filter(p -> p.kind() == kind).map(Profile::name).toArray();
    return bronze.where(coalesce(col(ExportRows.PROFILE).isin(names), lit(false)));
  }

  /** The BSN's nine digits, the birth date and year, and the municipality of residence as GMxxxx. */
  private static Dataset<Row> withIdentity(Dataset<Row> df, RegionConfig config, Set<String> systems) {
    Column code = regexp_extract(col(src(Field.RESIDENCE_MUNICIPALITY)), "^(?i)(GM)?([0-9]{1,4})$", 2);
    return df.withColumns(columns(
        BSN9, Bsn.normalised(col(src(Field.BSN))),
        BIRTH_DATE, date(config, systems, Field.BIRTH_DATE),
        LeerplichtReports.RESIDENCE_MUNICIPALITY,
        when(code.notEqual(lit("")), concat(lit("GM"), lpad(code, 4, "0")))))
        .withColumn(LeerplichtReports.BIRTH_YEAR, year(col(BIRTH_DATE)));
  }

  /** BRIN (four characters) and vestiging (one or two digits) as one code, e.g. 21CD00; null when both are empty. */
  private static Column brinVestiging() {
    Column brin = col(src(Field.BRIN));
    Column vestiging = col(src(Field.VESTIGING));
    return when(brin.rlike("^[0-9A-Za-z]{4}$").and(vestiging.rlike("^[0-9]{1,2}$")),
        concat(upper(brin), lpad(vestiging, 2, "0")));
  }

  /**
   * Applies {@code rules}, pseudonymises the rows that pass, and keeps the latest record of each
   * registration ({@code key}); the earlier ones are quarantined as duplicate or superseded.
   */
  private static Staged checkedAndDeduplicated(Dataset<Row> parsed, RowRules rules, Pseudonymizer pseudonymizer,
      List<String> fields, org.apache.spark.sql.types.StructType schema, String table, String keyName,
      Column... key) {
    Dataset<Row> checked = rules.applyTo(parsed, RULE, DETAIL).persist(StorageLevel.MEMORY_AND_DISK());
    Column pgn = coalesce(col(BSN9), col(src(Field.ONDERWIJSNUMMER)));
    Column[] content = fields.stream().filter(f -> !f.equals(Field.BSN) && !f.equals(Field.ONDERWIJSNUMMER))
        .map(f -> coalesce(col(src(f)), lit(""))).toArray(Column[]::new);
    Dataset<Row> valid = checked.where(col(RULE).isNull())
        .withColumn(LeerplichtReports.PUPIL_KEY, pseudonymizer.pupilKey(pgn))
        .withColumn(CONTENT, sha2(concat_ws("\u0001", concatWith(col(LeerplichtReports.PUPIL_KEY), content)), 256));
    WindowSpec same = Window.partitionBy(key)
        .orderBy(col(ExportRows.RECEIVED_AT).desc(), col(ExportRows.SOURCE_FILE).desc(),
            col(ExportRows.LINE_NUMBER).desc());
    Dataset<Row> ranked = valid.withColumns(columns(
        RANK, row_number().over(same),
        LATEST_FILE, first(ExportRows.SOURCE_FILE).over(same),
        LATEST_LINE, first(ExportRows.LINE_NUMBER).over(same),
        LATEST_CONTENT, first(CONTENT).over(same)));
    Column sameContent = col(CONTENT).equalTo(col(LATEST_CONTENT));
    Dataset<Row> earlier = ranked.where(col(RANK).gt(1))
        .withColumn(RULE, when(sameContent, lit(Rule.DUPLICATE_ROW)).otherwise(lit(Rule.SUPERSEDED)))
        .withColumn(DETAIL, when(sameContent, text("the same ", keyName, "is in ", col(LATEST_FILE), " line ",
                col(LATEST_LINE), " with the same values"))
            .otherwise(text("the same ", keyName, "is in the later record ", col(LATEST_FILE), " line ",
                col(LATEST_LINE), ", which replaces this one")));
    Dataset<Row> accepted = Schemas.conform(ranked.where(col(RANK).equalTo(1)), schema, table);
    Dataset<Row> quarantined = EnrolmentsStaging.quarantine(checked.where(col(RULE).isNotNull()))
        .unionByName(EnrolmentsStaging.quarantine(earlier));
    return new Staged(accepted, quarantined, List.of(checked));
  }

  private static Column[] concatWith(Column head, Column[] tail) {
    Column[] all = new Column[tail.length + 1];
    all[0] = head;
    System.arraycopy(tail, 0, all, 1, tail.length);
    return all;
  }

  private static RowRules malformed() {
    return RowRules.inOrder().check(Rule.MALFORMED_ROW, col(ExportRows.MALFORMED).isNotNull(),
        text("the record could not be split into the header's columns: ", col(ExportRows.MALFORMED)));
  }

  private static RowRules required(String... fields) {
    RowRules rules = RowRules.inOrder();
    for (String f : fields) {
      rules.check(Rule.MISSING_VALUE, col(src(f)).isNull(), text(f + " is empty"));
    }
    return rules;
  }

  private static RowRules dates(RegionConfig config, Set<String> systems, String... fields) {
    Column format = bySystem(config, systems, s -> lit(s.dateFormat()));
    RowRules rules = RowRules.inOrder();
    for (String f : fields) {
      rules.check(Rule.UNPARSEABLE_DATE, col(src(f)).isNotNull().and(date(config, systems, f).isNull()),
          text(f + " '", col(src(f)), "' is not a date in format ", format));
    }
    return rules;
  }

  private static RowRules code(String field, String normalised, List<String> known) {
    return RowRules.inOrder().check(Rule.UNKNOWN_CODE,
        col(src(field)).isNotNull().and(col(normalised).isin(known.toArray()).unary_$bang()),
        text(field + " '", col(src(field)), "' is not one of " + String.join(", ", known)));
  }

  private static RowRules municipality() {
    return RowRules.inOrder().check(Rule.VALUE_OUT_OF_RANGE,
        col(src(Field.RESIDENCE_MUNICIPALITY)).isNotNull().and(col(LeerplichtReports.RESIDENCE_MUNICIPALITY).isNull()),
        text("residence_municipality '", col(src(Field.RESIDENCE_MUNICIPALITY)),
            "' is not a CBS municipality code (GMxxxx or four digits)"));
  }

  private static RowRules school() {
    Column given = col(src(Field.BRIN)).isNotNull().or(col(src(Field.VESTIGING)).isNotNull());
    return RowRules.inOrder().check(Rule.VALUE_OUT_OF_RANGE,
        given.and(col(LeerplichtReports.BRIN_VESTIGING).isNull()),
        text("BRIN '", col(src(Field.BRIN)), "' and vestiging '", col(src(Field.VESTIGING)),
            "' are not a school location (four characters and one or two digits, both or neither)"));
  }

  private static RowRules endBeforeBegin(String start, String end, String what) {
    return RowRules.inOrder().check(Rule.END_BEFORE_BEGIN, col(end).lt(col(start)),
        text(what + " end ", col(end), " is before its start ", col(start)));
  }

  /** The PGN rules of {@link EnrolmentsStaging}, in the same order. */
  private static RowRules identifier() {
    return RowRules.inOrder()
        .check(Rule.INVALID_BSN, col(src(Field.BSN)).isNotNull().and(col(BSN9).isNull()),
            text("BSN ", EnrolmentsStaging.masked(col(src(Field.BSN))), " fails the 11-test (or is not 8-9 digits)"))
        .check(Rule.MISSING_IDENTIFIER, col(src(Field.BSN)).isNull().and(col(src(Field.ONDERWIJSNUMMER)).isNull()),
            text("neither BSN nor onderwijsnummer: the pupil cannot be linked across sources"))
        .check(Rule.VALUE_OUT_OF_RANGE,
            col(src(Field.BSN)).isNull().and(col(src(Field.ONDERWIJSNUMMER)).rlike("^[0-9]{9}$").unary_$bang()),
            text("onderwijsnummer ", EnrolmentsStaging.masked(col(src(Field.ONDERWIJSNUMMER))), " is not nine digits"));
  }

  private static Column date(RegionConfig config, Set<String> systems, String field) {
    return bySystem(config, systems, s -> TextParsing.date(col(src(field)), s.dateFormat())).cast("date");
  }

  private static List<String> plus(List<String> head, String... more) {
    List<String> all = new ArrayList<>(head);
    all.addAll(List.of(more));
    return all;
  }
}
