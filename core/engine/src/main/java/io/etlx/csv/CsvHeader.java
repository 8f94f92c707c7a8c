package io.etlx.csv;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The header row of a CSV file, read with the file source's rules. */
public final class CsvHeader {
  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private CsvHeader() {}

  /**
   * The names of a header row: an Excel byte order mark is not part of the first; every column
   * needs a name, and names are unique.
   */
  public static List<String> names(CsvParser row, String from) {
    List<String> names = new ArrayList<>(row.fields());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < row.fields(); i++) {
      String name = row.text(i);
      if (i == 0 && name != null && !name.isEmpty() && name.charAt(0) == BYTE_ORDER_MARK) {
        name = name.substring(1);
      }
      if (name == null || name.isEmpty()) {
        throw new EtlxException(
            ErrorCode.SOURCE_GARBAGE,
            "the header of "
                + from
                + " has no name for column "
                + (i + 1)
                + "; every column needs a name");
      }
      if (!seen.add(name)) {
        throw new EtlxException(
            ErrorCode.SOURCE_GARBAGE,
            "the header of "
                + from
                + " names column '"
                + name
                + "' twice; column names must be unique");
      }
      names.add(name);
    }
    return names;
  }
}
