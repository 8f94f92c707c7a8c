package io.etlx.jdbc;

import io.etlx.spi.ColumnType;
import io.etlx.spi.ColumnType.Kind;

/**
 * Decides what an existing column becomes when a load declares another type for it: kept when it
 * already holds every value of the new type, widened when the new type holds every value of the old
 * one (text holds anything, bigint holds integer, a decimal with more digits holds a smaller one,
 * timestamp holds date), refused otherwise (e.g. boolean vs date), since that would lose data.
 */
public final class TypeWidening {
  private TypeWidening() {}

  /** The type the column must have to take both, or null when no lossless type exists. */
  public static ColumnType widest(ColumnType existing, ColumnType incoming) {
    if (existing.equals(incoming) || holds(existing, incoming)) {
      return existing;
    }
    if (holds(incoming, existing)) {
      return incoming;
    }
    if (existing.kind() == Kind.DECIMAL || incoming.kind() == Kind.DECIMAL) {
      return commonDecimal(asDecimal(existing), asDecimal(incoming));
    }
    return null;
  }

  /** Whether every value of {@code narrow} fits {@code wide} without loss. */
  static boolean holds(ColumnType wide, ColumnType narrow) {
    if (wide.equals(narrow) || wide.kind() == Kind.STRING) {
      return true;
    }
    return switch (wide.kind()) {
      case BIGINT -> narrow.kind() == Kind.INTEGER;
      case DOUBLE -> narrow.kind() == Kind.INTEGER;
      case TIMESTAMP -> narrow.kind() == Kind.DATE;
      case DECIMAL -> {
        ColumnType n = asDecimal(narrow);
        yield n != null
            && wide.scale() >= n.scale()
            && wide.precision() - wide.scale() >= n.precision() - n.scale();
      }
      default -> false;
    };
  }

  private static ColumnType asDecimal(ColumnType type) {
    return switch (type.kind()) {
      case DECIMAL -> type;
      case INTEGER -> new ColumnType(Kind.DECIMAL, 10, 0);
      case BIGINT -> new ColumnType(Kind.DECIMAL, 19, 0);
      default -> null;
    };
  }

  private static ColumnType commonDecimal(ColumnType a, ColumnType b) {
    if (a == null || b == null) {
      return null;
    }
    int scale = Math.max(a.scale(), b.scale());
    int digits = Math.max(a.precision() - a.scale(), b.precision() - b.scale());
    return digits + scale > ColumnType.MAX_DECIMAL_PRECISION
        ? null
        : new ColumnType(Kind.DECIMAL, digits + scale, scale);
  }
}
