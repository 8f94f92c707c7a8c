package io.etlx.engine;

import io.etlx.spi.PluginContext;
import io.etlx.spi.Templates;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The context the engine opens plug-ins with; {@code warehouse} is null where there is no warehouse
 * to read (environment plug-ins, tools).
 */
public record PluginSetup(
    Path projectDir, Templates templates, Clock clock, Path workDir, PluginContext.Target warehouse)
    implements PluginContext {
  public PluginSetup(Path projectDir, Templates templates, Clock clock, Path workDir) {
    this(projectDir, templates, clock, workDir, null);
  }

  /**
   * For tools and tests that have no engine: the system's UTC clock and a work folder under the
   * project directory.
   */
  public static PluginSetup of(Path projectDir, Templates templates) {
    return new PluginSetup(
        projectDir, templates, Clock.systemUTC(), projectDir.resolve(".etlx/work"));
  }

  @Override
  public Optional<Target> target() {
    return Optional.ofNullable(warehouse);
  }
}
