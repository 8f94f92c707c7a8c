package io.etlx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The CLI's stand-in for the DuckDB driver's {@code JfrMemoryMonitor} must be the one the class
 * path finds, and must keep every method of the driver's own, or a DuckDB upgrade would fail at the
 * first connection with a {@code NoSuchMethodError}.
 */
class DuckDbDriverShimTest {
  private static final String SHIM = "org.duckdb.JfrMemoryMonitor";

  @Test
  void theClassPathFindsTheCliStandInBeforeTheDrivers() throws Exception {
    Class<?> found = Class.forName(SHIM);
    URL from = found.getProtectionDomain().getCodeSource().getLocation();
    URL driver =
        Class.forName("org.duckdb.DuckDBDriver")
            .getProtectionDomain()
            .getCodeSource()
            .getLocation();
    assertTrue(!from.equals(driver), "the stand-in comes from the CLI, not " + driver);
  }

  @Test
  void theStandInHasEveryMethodOfTheDriversOwn() throws Exception {
    URL driverJar =
        Class.forName("org.duckdb.DuckDBDriver")
            .getProtectionDomain()
            .getCodeSource()
            .getLocation();
    try (URLClassLoader driverOnly =
        new URLClassLoader(new URL[] {driverJar}, ClassLoader.getPlatformClassLoader())) {
      Class<?> original = Class.forName(SHIM, false, driverOnly);
      assertEquals(driverJar, original.getProtectionDomain().getCodeSource().getLocation());
      assertEquals(callable(original), callable(Class.forName(SHIM)));
    }
  }

  @Test
  void duckDbStillWorksWithIt() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        ResultSet r = c.createStatement().executeQuery("SELECT 40 + 2")) {
      r.next();
      assertEquals(42, r.getInt(1));
    }
  }

  /** The non-private methods, as {@code name(parameter types)return type}. */
  private static Set<String> callable(Class<?> type) {
    return Arrays.stream(type.getDeclaredMethods())
        .filter(m -> !Modifier.isPrivate(m.getModifiers()) && !m.isSynthetic())
        .map(DuckDbDriverShimTest::signature)
        .collect(Collectors.toSet());
  }

  private static String signature(Method m) {
    return (Modifier.isStatic(m.getModifiers()) ? "static " : "")
        + m.getName()
        + Arrays.stream(m.getParameterTypes())
            .map(Class::getName)
            .collect(Collectors.joining(",", "(", ")"))
        + m.getReturnType().getName();
  }
}
