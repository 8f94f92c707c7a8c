package io.etlx.spi;

import io.etlx.interpolate.Interpolator;
import java.nio.file.Path;

/**
 * What a plug-in may use when it is opened: the project directory (relative paths in specs are relative
 * to it) and the interpolator of the run, which resolves {@code ${date}}, {@code ${env.X}} and secrets.
 */
public record PluginContext(Path projectDir, Interpolator interpolator) {
  /** A path option resolved against the project directory. */
  public Path path(String template) {
    Path path = Path.of(interpolator.resolve(template));
    return path.isAbsolute() ? path : projectDir.resolve(path).normalize();
  }
}
