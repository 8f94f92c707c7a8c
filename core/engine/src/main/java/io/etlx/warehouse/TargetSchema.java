package io.etlx.warehouse;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.interpolate.Interpolator;
import io.etlx.spec.EnvironmentSpec;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Resolves an environment's {@code schema:} (e.g. {@code ${USER:-local}_dev}) to a valid
 * identifier.
 */
public final class TargetSchema {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private TargetSchema() {}

  public static String resolve(EnvironmentSpec environment, Interpolator interpolator) {
    String schema = interpolator.resolve(environment.schema()).toLowerCase(Locale.ROOT);
    if (!IDENTIFIER.matcher(schema).matches()) {
      throw new EtlxException(
          ErrorCode.INVALID_VALUE,
          environment.file()
              + ": schema resolves to '"
              + schema
              + "', which is not a valid identifier"
              + " (letters, digits and '_'); set schema: explicitly or fix the variable it uses");
    }
    return schema;
  }
}
