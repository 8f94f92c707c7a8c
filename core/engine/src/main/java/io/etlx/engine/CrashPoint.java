package io.etlx.engine;

/**
 * Fault injection for the crash tests: when the environment variable {@code ETLX_CRASH_AT} names a
 * point, the process halts there at once — no finally blocks, no shutdown hooks, like {@code kill
 * -9}. Points: {@code extract:before-commit}, {@code transform:before-record}, {@code
 * load:before-commit}, {@code load:after-commit}.
 */
public final class CrashPoint {
  private static final String TARGET = System.getenv("ETLX_CRASH_AT");

  private CrashPoint() {}

  public static void reach(String point) {
    if (point.equals(TARGET)) {
      System.err.println("etlx: crashing at " + point + " (ETLX_CRASH_AT)");
      Runtime.getRuntime().halt(137);
    }
  }
}
