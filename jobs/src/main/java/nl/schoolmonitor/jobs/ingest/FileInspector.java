package nl.schoolmonitor.jobs.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import nl.schoolmonitor.config.Profile;
import nl.schoolmonitor.config.RegionConfig;
import nl.schoolmonitor.config.SystemConfig;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Looks at a landing file once, streaming its bytes: the SHA-256, whether it is valid UTF-8
 * (else Windows-1252, what ParnasSys and DUO write), the separator of the header row and the
 * profile the header matches. A header that matches no profile, or more than one, rejects the file
 * whole: the kind of a file is recognised from its header, never guessed from its name.
 */
public final class FileInspector {

  static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  private static final int MAX_HEADER_BYTES = 64 * 1024;
  private static final char[] SEPARATORS = {';', ',', '\t', '|'};

  private final RegionConfig config;

  public FileInspector(RegionConfig config) {
    this.config = config;
  }

  /**
   * Inspects {@code in} (the whole file); {@code area} and {@code brin} come from its folder,
   * {@code receivedAt} from the file system.
   */
  public LandingFile inspect(String path, String relativePath, String area, String brin, Instant receivedAt,
      InputStream in) throws IOException {
    Scan scan = scan(in);
    LandingFile file = new LandingFile(path, relativePath, area, brin, scan.sha256, scan.size, receivedAt,
        scan.utf8 ? "UTF-8" : "windows-1252", ';', List.of(), null, null, Optional.empty());
    if (scan.size == 0 || scan.headerLine.length == 0) {
      return file.rejected("empty file: no header row");
    }
    String headerLine = scan.utf8
        ? new String(scan.headerLine, StandardCharsets.UTF_8)
        : new String(scan.headerLine, WINDOWS_1252);
    char separator = separatorOf(headerLine);
    List<String> header = headerOf(headerLine, separator);
    file = new LandingFile(path, relativePath, area, brin, scan.sha256, scan.size, receivedAt, file.encoding(), separator, header,
        null, null, Optional.empty());

    List<Profile> matches = config.profiles().stream().filter(p -> p.matches(header)).toList();
    if (matches.isEmpty()) {
      return file.rejected("no profile matches header " + header + " (separator '" + printable(separator)
          + "'); known profiles: " + config.profiles().stream().map(Profile::name).toList());
    }
    if (matches.size() > 1) {
      return file.rejected("header " + header + " matches more than one profile: "
          + matches.stream().map(Profile::name).toList() + "; make the profiles distinguishable");
    }
    Profile profile = matches.get(0);
    SystemConfig system = config.systemOf(profile);
    file = new LandingFile(path, relativePath, area, brin, scan.sha256, scan.size, receivedAt, file.encoding(), separator, header,
        system, profile, Optional.empty());
    return placementProblem(file).map(file::rejected).orElse(file);
  }

  /** A school export must be in a school folder, a registration in its own area. */
  private static Optional<String> placementProblem(LandingFile f) {
    boolean schoolExport = f.profile().kind() == Profile.Kind.PUPILS || f.profile().kind() == Profile.Kind.ABSENCES;
    if (schoolExport && !f.area().equals(LandingZone.SCHOOLS)) {
      return Optional.of("a school export (" + f.profile().name() + ") outside schools/<brin_vestiging>/");
    }
    if (!schoolExport && f.area().equals(LandingZone.SCHOOLS)) {
      return Optional.of("a " + f.profile().kind().code() + " file (" + f.profile().name() + ") inside a school folder");
    }
    return Optional.empty();
  }

  static char separatorOf(String headerLine) {
    char best = ';';
    long bestCount = -1;
    for (char c : SEPARATORS) {
      long count = headerLine.chars().filter(ch -> ch == c).count();
      if (count > bestCount) {
        best = c;
        bestCount = count;
      }
    }
    return best;
  }

  static List<String> headerOf(String headerLine, char separator) throws IOException {
    CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(separator).get();
    try (CSVParser parser = CSVParser.parse(new StringReader(headerLine), format)) {
      List<CSVRecord> records = parser.getRecords();
      List<String> names = new ArrayList<>();
      if (!records.isEmpty()) {
        records.get(0).forEach(v -> names.add(v.replace("\uFEFF", "").trim()));
      }
      return names;
    }
  }

  private static String printable(char c) {
    return c == '\t' ? "\\t" : String.valueOf(c);
  }

  private record Scan(String sha256, long size, boolean utf8, byte[] headerLine) {}

  /** One pass over the bytes: hash, size, UTF-8 validity and the first line. */
  private static Scan scan(InputStream in) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    CharBuffer sink = CharBuffer.allocate(16 * 1024);
    ByteBuffer pending = ByteBuffer.allocate(64 * 1024 + 8);
    boolean valid = true;
    long size = 0;
    java.io.ByteArrayOutputStream header = new java.io.ByteArrayOutputStream();
    boolean headerDone = false;
    byte[] chunk = new byte[64 * 1024];
    int n;
    while ((n = in.read(chunk)) > 0) {
      sha.update(chunk, 0, n);
      size += n;
      if (!headerDone) {
        for (int i = 0; i < n && !headerDone; i++) {
          if (chunk[i] == '\n' || chunk[i] == '\r' || header.size() >= MAX_HEADER_BYTES) {
            headerDone = true;
          } else {
            header.write(chunk[i]);
          }
        }
      }
      if (valid) {
        pending.put(chunk, 0, n);
        pending.flip();
        valid = decode(utf8, pending, sink, false);
        pending.compact();
      }
    }
    if (valid) {
      pending.flip();
      valid = decode(utf8, pending, sink, true);
    }
    byte[] headerBytes = header.toByteArray();
    if (headerBytes.length >= 3 && (headerBytes[0] & 0xFF) == 0xEF && (headerBytes[1] & 0xFF) == 0xBB
        && (headerBytes[2] & 0xFF) == 0xBF) {
      headerBytes = java.util.Arrays.copyOfRange(headerBytes, 3, headerBytes.length);
    }
    return new Scan(HexFormat.of().formatHex(sha.digest()), size, valid, headerBytes);
  }

  private static boolean decode(CharsetDecoder decoder, ByteBuffer in, CharBuffer sink, boolean last) {
    while (true) {
      sink.clear();
      var result = decoder.decode(in, sink, last);
      if (result.isError()) {
        return false;
      }
      if (result.isUnderflow()) {
        return true;
      }
    }
  }
}
