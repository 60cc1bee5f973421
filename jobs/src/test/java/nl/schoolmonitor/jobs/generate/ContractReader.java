package nl.schoolmonitor.jobs.generate;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a generated landing zone the way CONTRACT.md section 5 counts time, independently of the generator's own
 * model: school days from the calendar files, scheduled and missed minutes from the pupil lists and absence
 * exports, malformed rows set aside by kind. Only the latest year's files (the sample names) are read.
 */
final class ContractReader {

  /** Scheduled and missed minutes and school days of one enrolment in the window. */
  record Minutes(long scheduled, long missed, int schoolDays) {}

  /**
   * @param perEnrolment        minutes per {@code brin_vestiging:pupil number}
   * @param malformed           rows set aside, by kind
   * @param sickPrimaryPerDay   ParnasSys pupils with a {@code Ziek} registration, per date
   * @param holidays            the holiday dates of region noord
   */
  record Result(Map<String, Minutes> perEnrolment, Map<String, Integer> malformed,
      Map<LocalDate, Integer> sickPrimaryPerDay, Set<LocalDate> holidays) {}

  private static final DateTimeFormatter DUTCH =
      DateTimeFormatter.ofPattern("dd-MM-uuuu").withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter ISO_DATE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);
  private static final Set<String> MAGISTER_MISSED = Set.of("Z", "Zb", "ZH", "M", "Ma", "V", "P", "EH", "A", "AA",
      "S", "SA", "U", "GE", "GI");
  private static final Set<String> MAGISTER_OTHER = Set.of("L", "La", "T", "BV", "HV", "PR");
  private static final Set<String> PARNASSYS_MISSED = Set.of("Ziek", "Medisch", "Verlof", "Ongeoorloofd",
      "Luxe verzuim", "Geschorst");

  private final Path landing;
  private final LocalDate from;
  private final LocalDate until;
  private final Set<LocalDate> holidays = new HashSet<>();
  private final Map<String, Set<LocalDate>> studyDays = new HashMap<>();
  private final Map<String, Minutes> perEnrolment = new TreeMap<>();
  private final Map<String, Integer> malformed = new TreeMap<>();
  private final Set<String> sickPrimary = new HashSet<>();

  private ContractReader(Path landing, Path conf, LocalDate from, LocalDate until) throws IOException {
    this.landing = landing;
    this.from = from;
    this.until = until;
    for (CSVRecord r : records(conf.resolve("holidays.csv"), StandardCharsets.UTF_8, ',')) {
      if (r.get(0).equals("noord")) {
        for (LocalDate d = LocalDate.parse(r.get(2)); !d.isAfter(LocalDate.parse(r.get(3))); d = d.plusDays(1)) {
          holidays.add(d);
        }
      }
    }
    for (CSVRecord r : records(conf.resolve("study_days.csv"), StandardCharsets.UTF_8, ',')) {
      studyDays.computeIfAbsent(r.get(0), b -> new HashSet<>()).add(LocalDate.parse(r.get(1)));
    }
  }

  static Result read(Path landing, Path conf, LocalDate from, LocalDate until) throws IOException {
    ContractReader reader = new ContractReader(landing, conf, from, until);
    for (CSVRecord school : records(conf.resolve("schools.csv"), StandardCharsets.UTF_8, ',')) {
      String brin = school.get(0);
      switch (school.get(7)) {
        case "parnassys" -> reader.parnassys(brin);
        case "magister" -> reader.magister(brin);
        case "somtoday" -> reader.somtoday(brin);
        case "eduarte" -> reader.eduarte(brin);
        default -> throw new IllegalStateException(school.get(7));
      }
    }
    Map<LocalDate, Integer> sickPerDay = new TreeMap<>();
    for (String pupilDay : reader.sickPrimary) {
      sickPerDay.merge(LocalDate.parse(pupilDay.substring(pupilDay.lastIndexOf('|') + 1)), 1, Integer::sum);
    }
    return new Result(reader.perEnrolment, reader.malformed, sickPerDay, Set.copyOf(reader.holidays));
  }

  /** Enrolment dates of one pupil. */
  private record Enrolled(LocalDate start, LocalDate end) {
    boolean on(LocalDate d) {
      return !d.isBefore(start) && (end == null || !d.isAfter(end));
    }
  }

  private void parnassys(String brin) throws IOException {
    Path folder = landing.resolve("schools").resolve(brin);
    Charset cp1252 = Charset.forName("windows-1252");
    Map<String, Enrolled> pupils = pupils(folder.resolve("leerlingen_export.csv"), cp1252, ';', 0, 12, 13, DUTCH);
    Map<String, Set<String>> missedParts = new HashMap<>();
    for (CSVRecord r : records(folder.resolve("absenties_" + until + ".csv"), cp1252, ';')) {
      LocalDate date = checked(r, 7, pupils, 0, () -> LocalDate.parse(r.get(1), DUTCH));
      if (date == null) {
        continue;
      }
      String code = r.get(3);
      boolean missed = PARNASSYS_MISSED.contains(code)
          || (!code.equals("Te laat") && !code.equals("Vrijstelling") && !code.isEmpty());
      if (missed) {
        Set<String> parts = missedParts.computeIfAbsent(r.get(0) + "|" + date, k -> new HashSet<>());
        switch (r.get(2)) {
          case "Ochtend" -> parts.add("O");
          case "Middag" -> parts.add("M");
          default -> parts.addAll(List.of("O", "M"));
        }
        if (code.equals("Ziek")) {
          sickPrimary.add(brin + "|" + r.get(0) + "|" + date);
        }
      }
    }
    for (var p : pupils.entrySet()) {
      long scheduled = 0;
      long missed = 0;
      int days = 0;
      for (LocalDate d : schoolDays(brin, p.getValue())) {
        boolean wednesday = d.getDayOfWeek() == DayOfWeek.WEDNESDAY;
        int morning = wednesday ? 225 : 210;
        int afternoon = wednesday ? 0 : 120;
        scheduled += morning + afternoon;
        days++;
        Set<String> parts = missedParts.getOrDefault(p.getKey() + "|" + d, Set.of());
        missed += (parts.contains("O") ? morning : 0) + (parts.contains("M") ? afternoon : 0);
      }
      perEnrolment.put(brin + ":" + p.getKey(), new Minutes(scheduled, missed, days));
    }
  }

  private void magister(String brin) throws IOException {
    Path folder = landing.resolve("schools").resolve(brin);
    Map<String, Enrolled> pupils = pupils(folder.resolve("Leerlingen.csv"), StandardCharsets.UTF_8, ';', 0, 13, 14,
        DUTCH);
    Map<String, Map<LocalDate, Map<Integer, Integer>>> missed = new HashMap<>();
    Map<String, Map<LocalDate, Map<Integer, Integer>>> exempt = new HashMap<>();
    for (CSVRecord r : records(folder.resolve("Absenties_" + until + ".csv"), StandardCharsets.UTF_8, ';')) {
      LocalDate date = checked(r, 11, pupils, 0, () -> LocalDate.parse(r.get(2), DUTCH));
      if (date == null) {
        continue;
      }
      int lesson = Integer.parseInt(r.get(3));
      int minutes = r.get(4).isEmpty() ? 50
          : (int) Duration.between(LocalTime.parse(r.get(4)), LocalTime.parse(r.get(5))).toMinutes();
      String code = r.get(6);
      String type = r.get(8);
      boolean isExempt = code.equals("VR") || (!MAGISTER_MISSED.contains(code) && !MAGISTER_OTHER.contains(code)
          && type.equals("6"));
      boolean isMissed = MAGISTER_MISSED.contains(code) || (!code.equals("VR") && !MAGISTER_OTHER.contains(code)
          && Set.of("1", "3", "4").contains(type));
      if (lesson <= 6 && (isExempt || isMissed)) {
        (isExempt ? exempt : missed).computeIfAbsent(r.get(0), k -> new HashMap<>())
            .computeIfAbsent(date, k -> new TreeMap<>()).put(lesson, minutes);
      }
    }
    lessonPupils(brin, pupils, missed, exempt);
  }

  private void somtoday(String brin) throws IOException {
    Path folder = landing.resolve("schools").resolve(brin);
    Map<String, Enrolled> pupils = pupils(folder.resolve("leerlingen.csv"), StandardCharsets.UTF_8, ',', 0, 12, 13,
        ISO);
    Map<String, Map<LocalDate, Map<Integer, Integer>>> missed = new HashMap<>();
    for (CSVRecord r : records(folder.resolve("absentiemeldingen.csv"), StandardCharsets.UTF_8, ',')) {
      LocalDateTime begin = checked(r, 10, pupils, 0, () -> LocalDateTime.parse(r.get(1), ISO_DATE_TIME));
      if (begin == null || r.get(5).equals("Telaat")) {
        continue;
      }
      boolean open = r.get(2).isEmpty();
      LocalDate first = begin.toLocalDate();
      LocalDate last = open ? until : LocalDateTime.parse(r.get(2), ISO_DATE_TIME).toLocalDate();
      int beginLesson = r.get(3).isEmpty() ? 1 : Integer.parseInt(r.get(3));
      int endLesson = open || r.get(4).isEmpty() ? 6 : Integer.parseInt(r.get(4));
      Enrolled enrolled = pupils.get(r.get(0));
      for (LocalDate d : schoolDays(brin, enrolled)) {
        if (d.isBefore(first) || d.isAfter(last)) {
          continue;
        }
        int fromLesson = d.equals(first) ? beginLesson : 1;
        int toLesson = d.equals(last) ? endLesson : 6;
        for (int lesson = fromLesson; lesson <= Math.min(6, toLesson); lesson++) {
          missed.computeIfAbsent(r.get(0), k -> new HashMap<>()).computeIfAbsent(d, k -> new TreeMap<>())
              .put(lesson, 50);
        }
      }
    }
    lessonPupils(brin, pupils, missed, Map.of());
  }

  private void lessonPupils(String brin, Map<String, Enrolled> pupils,
      Map<String, Map<LocalDate, Map<Integer, Integer>>> missed,
      Map<String, Map<LocalDate, Map<Integer, Integer>>> exempt) {
    for (var p : pupils.entrySet()) {
      long scheduled = 0;
      long miss = 0;
      int days = 0;
      for (LocalDate d : schoolDays(brin, p.getValue())) {
        Map<Integer, Integer> ex = exempt.getOrDefault(p.getKey(), Map.of()).getOrDefault(d, Map.of());
        Map<Integer, Integer> mi = missed.getOrDefault(p.getKey(), Map.of()).getOrDefault(d, Map.of());
        scheduled += 300 - ex.values().stream().mapToInt(Integer::intValue).sum();
        for (var lesson : mi.entrySet()) {
          if (!ex.containsKey(lesson.getKey())) {
            miss += lesson.getValue();
          }
        }
        days++;
      }
      perEnrolment.put(brin + ":" + p.getKey(), new Minutes(scheduled, miss, days));
    }
  }

  private void eduarte(String brin) throws IOException {
    Path folder = landing.resolve("schools").resolve(brin);
    Map<String, Enrolled> pupils = pupils(folder.resolve("deelnemers.csv"), StandardCharsets.UTF_8, ';', 0, 14, 15,
        ISO);
    Map<String, long[]> minutes = new TreeMap<>();
    Map<String, Set<LocalDate>> days = new HashMap<>();
    for (CSVRecord r : records(folder.resolve("waarnemingen.csv"), StandardCharsets.UTF_8, ';')) {
      LocalDate date = checked(r, 10, pupils, 0, () -> LocalDate.parse(r.get(1), ISO));
      if (date == null || r.get(6).equals("N") || date.isAfter(until)) {
        continue;
      }
      long lesson = Duration.between(LocalTime.parse(r.get(2)), LocalTime.parse(r.get(3))).toMinutes();
      long[] m = minutes.computeIfAbsent(r.get(0), k -> new long[2]);
      m[0] += lesson;
      m[1] += switch (r.get(6)) {
        case "A" -> lesson;
        case "D" -> lesson / 2;
        default -> 0;
      };
      days.computeIfAbsent(r.get(0), k -> new HashSet<>()).add(date);
    }
    for (String number : pupils.keySet()) {
      long[] m = minutes.getOrDefault(number, new long[2]);
      perEnrolment.put(brin + ":" + number, new Minutes(m[0], m[1], days.getOrDefault(number, Set.of()).size()));
    }
  }

  private interface Parse<T> {
    T get();
  }

  /** The row's date, or null when the row is malformed (counted by kind). */
  private <T> T checked(CSVRecord r, int columns, Map<String, Enrolled> pupils, int numberColumn, Parse<T> date) {
    if (r.size() != columns) {
      malformed.merge("wrong_column_count", 1, Integer::sum);
      return null;
    }
    if (!pupils.containsKey(r.get(numberColumn))) {
      malformed.merge("unknown_pupil", 1, Integer::sum);
      return null;
    }
    try {
      return date.get();
    } catch (DateTimeParseException e) {
      malformed.merge("impossible_date", 1, Integer::sum);
      return null;
    }
  }

  private Map<String, Enrolled> pupils(Path file, Charset charset, char separator, int number, int start, int end,
      DateTimeFormatter format) throws IOException {
    Map<String, Enrolled> pupils = new HashMap<>();
    for (CSVRecord r : records(file, charset, separator)) {
      Enrolled e = new Enrolled(LocalDate.parse(r.get(start), format),
          r.get(end).isEmpty() ? null : LocalDate.parse(r.get(end), format));
      if (pupils.put(r.get(number), e) != null) {
        throw new IllegalStateException(file + ": pupil number " + r.get(number) + " twice");
      }
    }
    return pupils;
  }

  private List<LocalDate> schoolDays(String brin, Enrolled enrolled) {
    List<LocalDate> days = new ArrayList<>();
    Set<LocalDate> study = studyDays.getOrDefault(brin, Set.of());
    for (LocalDate d = from; !d.isAfter(until); d = d.plusDays(1)) {
      if (d.getDayOfWeek().getValue() <= 5 && !holidays.contains(d) && !study.contains(d) && enrolled.on(d)) {
        days.add(d);
      }
    }
    return days;
  }

  static List<CSVRecord> records(Path file, Charset charset, char separator) throws IOException {
    String text = Files.readString(file, charset);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    CSVFormat format = CSVFormat.Builder.create(CSVFormat.DEFAULT).setDelimiter(separator).setHeader()
        .setSkipHeaderRecord(true).setAllowMissingColumnNames(true).get();
    try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get()) {
      return parser.getRecords();
    }
  }
}
