package nl.schoolmonitor.jobs.generate;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * One CSV file as a source system writes it: separator, encoding, byte-order mark and line ending exactly as in
 * the samples (CONTRACT.md). Values are written as they are, never quoted: the systems do not quote, and no
 * generated value holds a separator, a line break or a backslash (checked, so a mistake fails loudly instead of
 * shifting columns). A character the encoding cannot hold fails the same way instead of becoming {@code ?}.
 */
final class CsvOut implements Closeable {

  /** The conventions of one kind of file. */
  enum Dialect {
    /** ParnasSys and the VSV list: {@code ;}, Windows-1252, CRLF. */
    SEMICOLON_WINDOWS_1252_CRLF(';', Charset.forName("windows-1252"), "\r\n", false),
    /** Magister: {@code ;}, UTF-8 with byte-order mark, LF. */
    SEMICOLON_UTF8_BOM(';', StandardCharsets.UTF_8, "\n", true),
    /** EduArte and the leerplicht administration: {@code ;}, UTF-8, LF. */
    SEMICOLON_UTF8(';', StandardCharsets.UTF_8, "\n", false),
    /** SOMtoday: {@code ,}, UTF-8, LF. */
    COMMA_UTF8(',', StandardCharsets.UTF_8, "\n", false);

    final char delimiter;
    final Charset charset;
    final String recordSeparator;
    final boolean byteOrderMark;

    Dialect(char delimiter, Charset charset, String recordSeparator, boolean byteOrderMark) {
      this.delimiter = delimiter;
      this.charset = charset;
      this.recordSeparator = recordSeparator;
      this.byteOrderMark = byteOrderMark;
    }
  }

  final Path path;
  private final Dialect dialect;
  private final int columns;
  private final CSVPrinter printer;
  private long rows;

  CsvOut(Path path, Dialect dialect, List<String> header) throws IOException {
    this.path = path;
    this.dialect = dialect;
    this.columns = header.size();
    Files.createDirectories(path.getParent());
    Writer writer = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(path),
        dialect.charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
    if (dialect.byteOrderMark) {
      writer.write('\uFEFF');
    }
    CSVFormat format = CSVFormat.Builder.create().setDelimiter(dialect.delimiter)
        .setRecordSeparator(dialect.recordSeparator).setQuote(null).setQuoteMode(QuoteMode.NONE).setEscape('\\')
        .get();
    this.printer = new CSVPrinter(writer, format);
    printChecked(header.toArray(new String[0]));
  }

  /** Writes one data row; it must have as many values as the header (null is written empty). */
  void row(String... values) throws IOException {
    if (values.length != columns) {
      throw new IllegalStateException(path + ": row has " + values.length + " values, header has " + columns + ": "
          + Arrays.toString(values));
    }
    printChecked(values);
    rows++;
  }

  /** Writes a row with the wrong number of values on purpose (a malformed row for the pipeline to quarantine). */
  void malformedRow(String... values) throws IOException {
    if (values.length == columns) {
      throw new IllegalStateException(path + ": a malformed row must not have the header's " + columns + " values");
    }
    printChecked(values);
    rows++;
  }

  long rows() {
    return rows;
  }

  private void printChecked(String[] values) throws IOException {
    Object[] checked = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      String v = values[i] == null ? "" : values[i];
      if (v.indexOf(dialect.delimiter) >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0
          || v.indexOf('\\') >= 0) {
        throw new IllegalStateException(path + ": value '" + v + "' holds the separator, a line break or a backslash");
      }
      checked[i] = v;
    }
    printer.printRecord(checked);
  }

  @Override
  public void close() throws IOException {
    printer.close(true);
  }
}
