package nl.schoolmonitor.jobs.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import nl.schoolmonitor.config.Profile;
import nl.schoolmonitor.config.SystemConfig;

/**
 * What the driver learnt about one landing file before Spark reads it: its bytes' hash, encoding,
 * separator, header and the profile the header matched, or why it is rejected whole.
 *
 * @param path          the file's full path (a Hadoop path: local, HDFS, S3...)
 * @param relativePath  the path under the landing zone, as recorded in every table
 * @param area          {@code schools}, {@code leerplicht} or {@code vsv}
 * @param brinVestiging the school folder, for files under {@code schools/}
 * @param sha256        hash of the bytes: the same file under another name counts once
 * @param size          bytes
 * @param receivedAt    when the file arrived: its modification time in the landing zone; of two exports
 *                      of the same school, the later one replaces the earlier for the dates it covers
 * @param encoding      {@code UTF-8} or {@code windows-1252}
 * @param separator     the field separator of the header row
 * @param header        the header's column names as written (BOM and outer spaces removed)
 * @param system        the system of the matched profile
 * @param profile       the matched profile
 * @param rejection     why the file is rejected whole, or empty
 */
public record LandingFile(
    String path,
    String relativePath,
    String area,
    String brinVestiging,
    String sha256,
    long size,
    Instant receivedAt,
    String encoding,
    char separator,
    List<String> header,
    SystemConfig system,
    Profile profile,
    Optional<String> rejection) {

  public boolean accepted() {
    return rejection.isEmpty();
  }

  LandingFile rejected(String reason) {
    return new LandingFile(path, relativePath, area, brinVestiging, sha256, size, receivedAt, encoding, separator, header, system,
        profile, Optional.of(reason));
  }
}
