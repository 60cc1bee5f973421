package nl.schoolmonitor.jobs.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The operator's upload area (CONTRACT.md section 1), read through Hadoop's FileSystem so that
 * the same code reads a local folder, HDFS or an object store. Nothing here is ever modified.
 * <pre>
 * schools/&lt;brin_vestiging&gt;/*.csv   pupil lists and absence exports of one school location
 * leerplicht/*.csv                 leerplicht reports and exemptions
 * vsv/*.csv                        early-school-leaver lists
 * </pre>
 * Every file found is returned, accepted or with the reason it is rejected: a stray file is
 * reported, never ignored.
 */
public final class LandingZone {
  public static final String SCHOOLS = "schools";
  public static final String LEERPLICHT = "leerplicht";
  public static final String VSV = "vsv";

  private LandingZone() {}

  /**
   * Inspects every file under {@code root}, in path order.
   *
   * @param systemBySchool the {@code lvs} of every school location in schools.csv
   */
  public static List<LandingFile> inspect(FileSystem fs, Path root, FileInspector inspector,
      Map<String, String> systemBySchool) throws IOException {
    if (!fs.exists(root)) {
      throw new IOException("Landing zone " + root + " does not exist");
    }
    String rootUri = fs.makeQualified(root).toUri().getPath();
    List<LocatedFileStatus> statuses = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
    while (it.hasNext()) {
      statuses.add(it.next());
    }
    statuses.sort(Comparator.comparing((FileStatus s) -> s.getPath().toString()));

    List<LandingFile> files = new ArrayList<>();
    for (LocatedFileStatus status : statuses) {
      String full = status.getPath().toUri().getPath();
      String relative = full.startsWith(rootUri) ? full.substring(rootUri.length()).replaceFirst("^/", "") : full;
      String[] parts = relative.split("/");
      if (parts[parts.length - 1].startsWith(".") || parts[parts.length - 1].startsWith("_")) {
        continue; // hidden files and markers (e.g. .DS_Store, _SUCCESS) are not uploads
      }
      String area = parts.length > 1 ? parts[0] : "";
      String brin = area.equals(SCHOOLS) && parts.length == 3 ? parts[1] : null;
      LandingFile file;
      try (InputStream in = fs.open(status.getPath())) {
        file = inspector.inspect(status.getPath().toString(), relative, area, brin,
            Instant.ofEpochMilli(status.getModificationTime()), in);
      }
      files.add(placementProblem(file, parts, systemBySchool).map(file::rejected).orElse(file));
    }
    return files;
  }

  private static Optional<String> placementProblem(LandingFile f, String[] parts, Map<String, String> systemBySchool) {
    if (f.rejection().isPresent()) {
      return Optional.empty();
    }
    if (!parts[parts.length - 1].toLowerCase(Locale.ROOT).endsWith(".csv")) {
      return Optional.of("not a .csv file");
    }
    boolean known = switch (f.area()) {
      case SCHOOLS -> parts.length == 3;
      case LEERPLICHT, VSV -> parts.length == 2;
      default -> false;
    };
    if (!known) {
      return Optional.of("not in schools/<brin_vestiging>/, leerplicht/ or vsv/");
    }
    if (f.brinVestiging() != null) {
      String lvs = systemBySchool.get(f.brinVestiging());
      if (lvs == null) {
        return Optional.of("school folder " + f.brinVestiging() + " is not in schools.csv");
      }
      if (!lvs.equals(f.system().system())) {
        return Optional.of("header is " + f.profile().name() + " but schools.csv says " + f.brinVestiging()
            + " uses " + lvs);
      }
    }
    return Optional.empty();
  }
}
