package io.etlx.interpolate;

/** One {@code ${…}} reference found in a spec string. */
public sealed interface Reference {
  /** The reference as written, e.g. {@code ${date:yyyyMMdd}}. */
  String written();

  /** {@code ${date}} or {@code ${date:PATTERN}}: the run's logical date, never the wall clock. */
  record LogicalDate(String written, String pattern) implements Reference {}

  /** {@code ${env.NAME}}: a value from the environment overlay's {@code vars}. */
  record OverlayVar(String written, String name) implements Reference {}

  /**
   * {@code ${NAME}} or {@code ${NAME:-default}}: a process environment variable, the only place
   * secrets come from. {@code fallback} is null when no default is given.
   */
  record ProcessVar(String written, String name, String fallback) implements Reference {
    public boolean required() {
      return fallback == null;
    }
  }
}
