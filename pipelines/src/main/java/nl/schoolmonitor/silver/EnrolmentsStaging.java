package nl.schoolmonitor.silver;

import static nl.schoolmonitor.common.RowRules.text;
import static nl.schoolmonitor.silver.SourceFields.bySystem;
import static nl.schoolmonitor.silver.SourceFields.columns;
import static nl.schoolmonitor.silver.SourceFields.src;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Set;
import nl.schoolmonitor.bronze.ExportRows;
import nl.schoolmonitor.common.Bsn;
import nl.schoolmonitor.common.Pseudonymizer;
import nl.schoolmonitor.common.RowRules;
import nl.schoolmonitor.common.Schemas;
import nl.schoolmonitor.common.TextParsing;
import nl.schoolmonitor.config.Profile;
import nl.schoolmonitor.config.Profile.Field;
import nl.schoolmonitor.config.RegionConfig;
import nl.schoolmonitor.config.SystemConfig;
import nl.schoolmonitor.silver.Quarantine.Rule;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.storage.StorageLevel;

/**
 * One row per pupil per school location enrolment ({@link Enrolments}), staged from the bronze
 * rows of every school's pupil lists; every other record goes to {@link Quarantine} with the
 * first rule it fails, in this order:
 * <ol>
 *   <li>{@code malformed_row}: the record could not be split into the header's columns;</li>
 *   <li>{@code missing_value}: no pupil number, or no enrolment start;</li>
 *   <li>{@code unparseable_date}: birth date, enrolment start or end not in the system's
 *       {@code date_format};</li>
 *   <li>{@code unparseable_number}: year group not a whole number, pupil weight not a number;</li>
 *   <li>{@code value_out_of_range}: a sex, yes/no or municipality code the system does not
 *       write;</li>
 *   <li>{@code end_before_begin}: uitschrijving before inschrijving;</li>
 *   <li>{@code invalid_bsn}: a BSN that fails the 11-test; it is not pseudonymised, because a
 *       mistyped BSN may be another child's;</li>
 *   <li>{@code missing_identifier}: neither BSN nor onderwijsnummer, so no PGN to link sources;</li>
 *   <li>{@code value_out_of_range}: without a BSN, an onderwijsnummer that is not nine digits;</li>
 *   <li>{@code superseded}: the same enrolment (school, pupil number, enrolment start) is in a
 *       later pupil list (received later: {@code received_at}, then the file path), which wins:
 *       schools correct their registrations (CONTRACT.md section 1).
 *       "Later" is the greatest {@code load_id}, then {@code source_file}, then
 *       {@code line_number}.</li>
 * </ol>
 *
 * <p>Derived values: the PGN is the BSN (nine digits) or else the onderwijsnummer (DOMAIN.md
 * section 6); {@code pc4} is the four digits of a Dutch postcode and null for any other
 * postcode (pupils near the German border may live abroad); the municipality of residence is the
 * export's CBS code ({@code 0153} and {@code GM0153} both give {@code GM0153}), or else the
 * municipality whose name equals the place of residence, ignoring case, or else null (a place
 * that is not a municipality name, e.g. Glanerbrug, is not guessed).
 */
public final class EnrolmentsStaging {

  private static final List<String> FIELDS = List.of(
      Field.PUPIL_NUMBER, Field.BSN, Field.ONDERWIJSNUMMER, Field.BIRTH_DATE, Field.SEX, Field.POSTCODE,
      Field.RESIDENCE_PLACE, Field.RESIDENCE_MUNICIPALITY, Field.CLASS_CODE, Field.YEAR_GROUP, Field.PROGRAMME,
      Field.LEVEL, Field.ENROLMENT_START, Field.ENROLMENT_END, Field.PUPIL_WEIGHT, Field.SPECIAL_NEEDS, Field.NT2);

  private static final String BSN9 = "bsn9";
  private static final String RESIDENCE_CODE = "residence_code";
  private static final String RULE = "rule";
  private static final String DETAIL = "detail";
  private static final String MUNICIPALITY_BY_NAME = "municipality_by_name";
  private static final String NAME_KEY = "name_key";
  private static final String RANK = "rank";
  private static final String LATEST_FILE = "latest_file";
  private static final String LATEST_LINE = "latest_line";

  private EnrolmentsStaging() {}

  /**
   * @param bronzePupilRows bronze rows ({@link ExportRows#SCHEMA}) of pupil-list profiles, any schools
   * @param municipalities  the region's municipalities ({@link Municipalities#SCHEMA}), to find the
   *                        municipality of residence from the place name when the export has no code
   */
  public static Staged stage(Dataset<Row> bronzePupilRows, Dataset<Row> municipalities, RegionConfig config,
      Pseudonymizer pseudonymizer) {
    List<Profile> profiles = SourceFields.profilesInUse(bronzePupilRows, config, Profile.Kind.PUPILS);
    Set<String> systems = SourceFields.systemsOf(config, profiles);

    Dataset<Row> fields = SourceFields.withSourceFields(bronzePupilRows, profiles, FIELDS);
    Dataset<Row> parsed = withParsedValues(fields, config, systems);
    Dataset<Row> located = withResidenceMunicipality(parsed, municipalities);
    // The accepted and the quarantined records both come from these rows: computed once.
    Dataset<Row> checked = withRuleFailed(located, config, systems).persist(StorageLevel.MEMORY_AND_DISK());

    Dataset<Row> valid = withKeys(checked.filter(col(RULE).isNull()), pseudonymizer);
    WindowSpec sameEnrolment = Window
        .partitionBy(Enrolments.BRIN_VESTIGING, Enrolments.SCHOOL_PUPIL_KEY, Enrolments.ENROLMENT_START)
        .orderBy(col(ExportRows.RECEIVED_AT).desc(), col(ExportRows.SOURCE_FILE).desc(), col(ExportRows.LINE_NUMBER).desc());
    Dataset<Row> ranked = valid.withColumns(columns(
        RANK, row_number().over(sameEnrolment),
        LATEST_FILE, first(ExportRows.SOURCE_FILE).over(sameEnrolment),
        LATEST_LINE, first(ExportRows.LINE_NUMBER).over(sameEnrolment)));

    Dataset<Row> superseded = ranked.filter(col(RANK).gt(1))
        .withColumn(RULE, lit(Rule.SUPERSEDED))
        .withColumn(DETAIL, text("the same enrolment (pupil number, enrolment start ", col(Enrolments.ENROLMENT_START),
            ") is in the later pupil list ", col(LATEST_FILE), " line ", col(LATEST_LINE), ", which replaces it"));

    Dataset<Row> accepted = Schemas.conform(ranked.filter(col(RANK).equalTo(1)), Enrolments.SCHEMA, Enrolments.TABLE);
    Dataset<Row> quarantined = quarantine(checked.filter(col(RULE).isNotNull()))
        .unionByName(quarantine(superseded));
    return new Staged(accepted, quarantined, List.of(checked));
  }

  /** Typed values next to the source text; null where the text is empty or unreadable. */
  private static Dataset<Row> withParsedValues(Dataset<Row> df, RegionConfig config, Set<String> systems) {
    Column municipalityCode = regexp_extract(col(src(Field.RESIDENCE_MUNICIPALITY)), "^(?i)(GM)?([0-9]{1,4})$", 2);
    return df.withColumns(columns(
        BSN9, Bsn.normalised(col(src(Field.BSN))),
        Enrolments.BIRTH_DATE, date(config, systems, Field.BIRTH_DATE),
        Enrolments.ENROLMENT_START, date(config, systems, Field.ENROLMENT_START),
        Enrolments.ENROLMENT_END, date(config, systems, Field.ENROLMENT_END),
        Enrolments.SEX, bySystem(config, systems, s -> TextParsing.mapped(col(src(Field.SEX)), s.sexValues())).cast("string"),
        Enrolments.SPECIAL_NEEDS, bool(config, systems, Field.SPECIAL_NEEDS),
        Enrolments.NT2, bool(config, systems, Field.NT2),
        Enrolments.YEAR_GROUP, TextParsing.integer(col(src(Field.YEAR_GROUP))),
        Enrolments.PUPIL_WEIGHT, TextParsing.decimal(col(src(Field.PUPIL_WEIGHT))),
        Enrolments.PC4, when(col(src(Field.POSTCODE)).rlike("^[1-9][0-9]{3}(\\s?[A-Za-z]{2})?$"),
            regexp_extract(col(src(Field.POSTCODE)), "^([0-9]{4})", 1)),
        RESIDENCE_CODE, when(municipalityCode.notEqual(lit("")), concat(lit("GM"), lpad(municipalityCode, 4, "0"))),
        Enrolments.CLASS_CODE, col(src(Field.CLASS_CODE)),
        Enrolments.PROGRAMME, col(src(Field.PROGRAMME)),
        Enrolments.LEVEL, col(src(Field.LEVEL))));
  }

  /**
   * The export's municipality code, else the municipality named like the place of residence.
   * Municipality names are unique in the CBS list; min() only keeps the join from ever adding rows.
   */
  private static Dataset<Row> withResidenceMunicipality(Dataset<Row> df, Dataset<Row> municipalities) {
    Dataset<Row> byName = municipalities
        .groupBy(lower(col(Municipalities.NAME)).as(NAME_KEY))
        .agg(min(Municipalities.MUNICIPALITY_CODE).as(MUNICIPALITY_BY_NAME));
    return df
        .join(byName, lower(col(src(Field.RESIDENCE_PLACE))).equalTo(col(NAME_KEY)), "left")
        .withColumn(Enrolments.RESIDENCE_MUNICIPALITY, coalesce(col(RESIDENCE_CODE), col(MUNICIPALITY_BY_NAME)));
  }

  private static Dataset<Row> withRuleFailed(Dataset<Row> df, RegionConfig config, Set<String> systems) {
    Column dateFormat = bySystem(config, systems, s -> lit(s.dateFormat()));
    RowRules rules = RowRules.inOrder()
        .check(Rule.MALFORMED_ROW, col(ExportRows.MALFORMED).isNotNull(),
            text("the record could not be split into the header's columns: ", col(ExportRows.MALFORMED)))
        .check(Rule.MISSING_VALUE, col(src(Field.PUPIL_NUMBER)).isNull(), text("pupil_number is empty"))
        .check(Rule.MISSING_VALUE, col(src(Field.ENROLMENT_START)).isNull(), text("enrolment_start is empty"));
    for (String field : List.of(Field.BIRTH_DATE, Field.ENROLMENT_START, Field.ENROLMENT_END)) {
      rules.check(Rule.UNPARSEABLE_DATE, unreadable(field, field),
          text(field + " '", col(src(field)), "' is not a date in format ", dateFormat));
    }
    rules
        .check(Rule.UNPARSEABLE_NUMBER, unreadable(Field.YEAR_GROUP, Enrolments.YEAR_GROUP),
            text("year_group '", col(src(Field.YEAR_GROUP)), "' is not a whole number"))
        .check(Rule.UNPARSEABLE_NUMBER, unreadable(Field.PUPIL_WEIGHT, Enrolments.PUPIL_WEIGHT),
            text("pupil_weight '", col(src(Field.PUPIL_WEIGHT)), "' is not a number"))
        .check(Rule.VALUE_OUT_OF_RANGE, unreadable(Field.SEX, Enrolments.SEX),
            text("sex '", col(src(Field.SEX)), "' is not one of ",
                bySystem(config, systems, s -> lit(s.sexValues().keySet().toString()))))
        .check(Rule.VALUE_OUT_OF_RANGE, unreadable(Field.SPECIAL_NEEDS, Enrolments.SPECIAL_NEEDS),
            text("special_needs '", col(src(Field.SPECIAL_NEEDS)), "' is not one of ", yesNo(config, systems)))
        .check(Rule.VALUE_OUT_OF_RANGE, unreadable(Field.NT2, Enrolments.NT2),
            text("nt2 '", col(src(Field.NT2)), "' is not one of ", yesNo(config, systems)))
        .check(Rule.VALUE_OUT_OF_RANGE, unreadable(Field.RESIDENCE_MUNICIPALITY, RESIDENCE_CODE),
            text("residence_municipality '", col(src(Field.RESIDENCE_MUNICIPALITY)),
                "' is not a CBS municipality code (GMxxxx or four digits)"))
        .check(Rule.END_BEFORE_BEGIN, col(Enrolments.ENROLMENT_END).lt(col(Enrolments.ENROLMENT_START)),
            text("enrolment_end ", col(Enrolments.ENROLMENT_END), " is before enrolment_start ",
                col(Enrolments.ENROLMENT_START)))
        .check(Rule.INVALID_BSN, col(src(Field.BSN)).isNotNull().and(col(BSN9).isNull()),
            text("BSN ", masked(col(src(Field.BSN))), " fails the 11-test (or is not 8-9 digits)"))
        .check(Rule.MISSING_IDENTIFIER,
            col(src(Field.BSN)).isNull().and(col(src(Field.ONDERWIJSNUMMER)).isNull()),
            text("neither BSN nor onderwijsnummer: the pupil cannot be linked across sources"))
        .check(Rule.VALUE_OUT_OF_RANGE,
            col(src(Field.BSN)).isNull().and(col(src(Field.ONDERWIJSNUMMER)).rlike("^[0-9]{9}$").unary_$bang()),
            text("onderwijsnummer ", masked(col(src(Field.ONDERWIJSNUMMER))), " is not nine digits"));
    return rules.applyTo(df, RULE, DETAIL);
  }

  private static Dataset<Row> withKeys(Dataset<Row> df, Pseudonymizer pseudonymizer) {
    Column pgn = coalesce(col(BSN9), col(src(Field.ONDERWIJSNUMMER)));
    return df.withColumns(columns(
        Enrolments.PUPIL_KEY, pseudonymizer.pupilKey(pgn),
        Enrolments.SCHOOL_PUPIL_KEY,
        pseudonymizer.schoolPupilKey(col(ExportRows.BRIN_VESTIGING), col(src(Field.PUPIL_NUMBER)))));
  }

  static Dataset<Row> quarantine(Dataset<Row> rejected) {
    return Schemas.conform(rejected.select(
        col(ExportRows.LOAD_ID).as(Quarantine.LOAD_ID),
        col(ExportRows.SOURCE_FILE).as(Quarantine.SOURCE_FILE),
        col(ExportRows.LINE_NUMBER).as(Quarantine.LINE_NUMBER),
        col(ExportRows.BRIN_VESTIGING).as(Quarantine.BRIN_VESTIGING),
        col(ExportRows.PROFILE).as(Quarantine.PROFILE),
        col(RULE).as(Quarantine.RULE),
        col(DETAIL).as(Quarantine.DETAIL),
        col(SourceFields.RAW).as(Quarantine.RAW)), Quarantine.SCHEMA, Quarantine.TABLE);
  }

  /** Text present but the typed value null: the text is unreadable. */
  private static Column unreadable(String field, String typedColumn) {
    return col(src(field)).isNotNull().and(col(typedColumn).isNull());
  }

  private static Column date(RegionConfig config, Set<String> systems, String field) {
    return bySystem(config, systems, s -> TextParsing.date(col(src(field)), s.dateFormat())).cast("date");
  }

  private static Column bool(RegionConfig config, Set<String> systems, String field) {
    return bySystem(config, systems,
        s -> TextParsing.bool(col(src(field)), s.trueValues(), s.falseValues())).cast("boolean");
  }

  private static Column yesNo(RegionConfig config, Set<String> systems) {
    return bySystem(config, systems, (SystemConfig s) -> lit(
        String.join(", ", s.trueValues()) + " / " + String.join(", ", s.falseValues())));
  }

  /** All but the last three characters as {@code *}: enough to find the record, not to identify the child. */
  static Column masked(Column identifier) {
    return regexp_replace(identifier, ".(?=.{3})", "*");
  }
}
