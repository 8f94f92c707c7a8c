package io.etlx.source.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {
  @Test
  void aValueLongerThanTheLimitIsRefusedNamingTheLine() {
    String huge = "x".repeat(io.etlx.spi.RecordSink.MAX_VALUE_CHARS + 1);

    Throwable unquoted = catchThrowable(() -> rows("a\n" + huge + "\n"));
    Throwable quoted = catchThrowable(() -> rows("a\n\"" + huge + "\"\n"));

    for (Throwable e : List.of(unquoted, quoted)) {
      assertThat(((io.etlx.error.EtlxException) e).code())
          .isEqualTo(io.etlx.error.ErrorCode.SOURCE_GARBAGE);
      assertThat(e.getMessage()).contains("line 2 of", "longer than 16777216 characters");
    }
  }

  @Test
  void unquotedEmptyIsNullAndQuotedEmptyIsEmptyText() throws IOException {
    assertThat(rows("a,,\"\",\n")).containsExactly(Arrays.asList("a", null, "", null));
  }

  @Test
  void rowsEndWithCrlfLfOrALoneCr() throws IOException {
    assertThat(rows("a\r\nb\nc\rd"))
        .containsExactly(List.of("a"), List.of("b"), List.of("c"), List.of("d"));
  }

  @Test
  void quotedFieldsHoldDelimitersQuotesAndLineBreaks() throws IOException {
    assertThat(rows("\"x,y\",\"say \"\"hi\"\"\",\"1\r\n2\"\n"))
        .containsExactly(List.of("x,y", "say \"hi\"", "1\r\n2"));
  }

  @Test
  void aQuoteInsideAnUnquotedFieldIsText() throws IOException {
    assertThat(rows("5\" screen,ok\n")).containsExactly(List.of("5\" screen", "ok"));
  }

  @Test
  void lineNumbersCountLineBreaksInsideQuotes() throws IOException {
    CsvReader csv = new CsvReader(new StringReader("h\n\"a\nb\nc\"\nd\n"), ',', "x.csv");
    csv.next();
    csv.next();
    assertThat(csv.line()).isEqualTo(2);
    csv.next();
    assertThat(csv.line()).isEqualTo(5);
  }

  @Test
  void anUnclosedQuoteIsGarbage() {
    EtlxException e = (EtlxException) catchThrowable(() -> rows("a\n\"open,b\n"));

    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_GARBAGE);
    assertThat(e.getMessage())
        .isEqualTo(
            "the quoted field starting on line 2 of x.csv is never closed; check for a missing"
                + " quote");
  }

  @Test
  void textAfterAClosingQuoteIsGarbage() {
    EtlxException e = (EtlxException) catchThrowable(() -> rows("a\n\"x\"y\n"));

    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_GARBAGE);
    assertThat(e.getMessage())
        .isEqualTo(
            "line 2 of x.csv has text after a closing quote;"
                + " quote the whole field and write a quote inside it as \"\"");
  }

  @Test
  void aTabDelimiter() throws IOException {
    CsvReader csv = new CsvReader(new StringReader("a\tb,c\n"), '\t', "x.tsv");
    assertThat(csv.next()).containsExactly("a", "b,c");
  }

  private static List<List<String>> rows(String text) throws IOException {
    CsvReader csv = new CsvReader(new StringReader(text), ',', "x.csv");
    List<List<String>> rows = new ArrayList<>();
    for (List<String> row = csv.next(); row != null; row = csv.next()) {
      rows.add(row);
    }
    return rows;
  }
}
