package io.etlx.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvParserTest {
  @Test
  void readsQuotesEscapesNullsAndEveryLineEnd() {
    List<List<String>> rows =
        rows("a,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\r\"\",,z\n1,\"two\nlines\",3");

    assertThat(rows)
        .containsExactly(
            List.of("a", "b", "c"),
            Arrays.asList("x,1", "say \"hi\"", null),
            Arrays.asList("", null, "z"),
            List.of("1", "two\nlines", "3"));
  }

  @Test
  void blankLinesAreLayoutButSpacesAreData() {
    assertThat(rows("a\n\n \n\r\n\nb\n\n"))
        .containsExactly(List.of("a"), List.of(" "), List.of("b"));
  }

  @Test
  void aCustomDelimiterAndMultiByteCharacters() {
    CsvParser parser = parser("naïve;日本;\"€;x\"\n", true, ';');
    assertThat(parser.next()).isTrue();
    assertThat(List.of(parser.text(0), parser.text(1), parser.text(2)))
        .containsExactly("naïve", "日本", "€;x");
  }

  @Test
  void rowLinesCountPhysicalLinesIncludingQuotedLineBreaks() {
    CsvParser parser = parser("h\n\"a\nb\nc\"\n\nx\n", true, ',');
    List<Integer> lines = new ArrayList<>();
    while (parser.next()) {
      lines.add(parser.rowLine());
    }
    assertThat(lines).containsExactly(1, 2, 6);
  }

  @Test
  void aSegmentThatIsNotLastStopsBeforeARowThatRunsPastIt() {
    // cut inside a quoted field, between CR and LF, and after a closing quote that may be doubled
    for (String text : List.of("a,b\n\"open", "a,b\nx,y\r", "a,b\n\"q\"")) {
      CsvParser parser = parser(text, false, ',');
      assertThat(parser.next()).isTrue();
      assertThat(parser.next()).as(text).isFalse();
      assertThat(parser.incomplete()).isTrue();
      assertThat(parser.position()).isEqualTo(4);
      assertThat(parser.line()).isEqualTo(2);
    }
  }

  @Test
  void aRowWithoutALineBreakEndsTheLastSegment() {
    CsvParser parser = parser("a,b\nx,y", true, ',');
    assertThat(parser.next()).isTrue();
    assertThat(parser.next()).isTrue();
    assertThat(parser.text(1)).isEqualTo("y");
    assertThat(parser.next()).isFalse();
    assertThat(parser.incomplete()).isFalse();
  }

  @Test
  void anUnclosedQuoteAndTextAfterAClosingQuoteAreGarbageNamingTheLine() {
    assertThatThrownBy(() -> rows("a\nb\n\"never closed\nmore"))
        .isInstanceOfSatisfying(
            EtlxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_GARBAGE))
        .hasMessageContaining("the quoted field starting on line 3 of test.csv is never closed");
    assertThatThrownBy(() -> rows("a,b\n\"x\"y,1\n"))
        .isInstanceOfSatisfying(
            EtlxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_GARBAGE))
        .hasMessageContaining("line 2 of test.csv has text after a closing quote");
  }

  private static CsvParser parser(String text, boolean last, char delimiter) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return new CsvParser(bytes, 0, bytes.length, last, delimiter, 1, "test.csv");
  }

  static List<List<String>> rows(String text) {
    CsvParser parser = parser(text, true, ',');
    List<List<String>> rows = new ArrayList<>();
    while (parser.next()) {
      List<String> row = new ArrayList<>();
      for (int i = 0; i < parser.fields(); i++) {
        row.add(parser.text(i));
      }
      rows.add(row);
    }
    return rows;
  }
}
