package io.etlx.engine;

import io.etlx.spi.PluginContext;
import io.etlx.spi.Templates;
import java.nio.file.Path;
import java.time.Clock;

/** The context the engine opens plug-ins with. */
public record PluginSetup(Path projectDir, Templates templates, Clock clock, Path workDir)
    implements PluginContext {
  /**
   * For tools and tests that have no engine: the system's UTC clock and a work folder under the
   * project directory.
   */
  public static PluginSetup of(Path projectDir, Templates templates) {
    return new PluginSetup(
        projectDir, templates, Clock.systemUTC(), projectDir.resolve(".etlx/work"));
  }
}
