package io.etlx.source.file;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.source.format.FileOptions;
import io.etlx.source.format.FileSetSource;
import io.etlx.source.format.FileSource;
import io.etlx.source.format.Globs;
import io.etlx.spi.PluginContext;
import io.etlx.spi.PluginOptions;
import io.etlx.spi.Source;
import io.etlx.spi.SourcePlugin;
import io.etlx.spi.Templates;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code type: file}: CSV, JSON or NDJSON files whose path is templated by the logical date. */
public final class FileSourcePlugin implements SourcePlugin {
  @Override
  public String type() {
    return "file";
  }

  @Override
  public String optionsSchema() {
    return "/io/etlx/source/file/options.schema.json";
  }

  @Override
  public List<String> check(PluginOptions spec) {
    return FileOptions.check(spec, spec.string("path", ""));
  }

  @Override
  public Source open(PluginOptions spec, PluginContext context) {
    List<String> problems = check(spec);
    if (!problems.isEmpty()) {
      throw new EtlxException(ErrorCode.INVALID_VALUE, "source." + problems.get(0));
    }
    String template = spec.string("path", "");
    Path path = context.path(template);
    String shown = shown(context, template, path);
    String written = context.templates().resolve(template);
    if (!Globs.isGlob(written)) {
      return FileOptions.file(spec, context, template, path, shown);
    }
    List<FileSource> files = new ArrayList<>();
    for (Path match : Globs.matches(written, w -> absolute(context, w))) {
      files.add(FileOptions.file(spec, context, template, match, shown(context, template, match)));
    }
    return new FileSetSource(shown, files);
  }

  private static Path absolute(PluginContext context, String written) {
    Path path = Path.of(written);
    return path.isAbsolute() ? path : context.projectDir().resolve(path);
  }

  /**
   * Relative to the project when inside it, as the pipeline author wrote it; a path built from a
   * process variable stays a template, since those variables are where secrets come from.
   */
  static String shown(PluginContext context, String template, Path path) {
    Templates interpolator = context.templates();
    String redacted = interpolator.redact(template);
    if (!redacted.equals(interpolator.resolve(template))) {
      return redacted;
    }
    Path project = context.projectDir().toAbsolutePath().normalize();
    Path absolute = path.toAbsolutePath().normalize();
    Path shown = absolute.startsWith(project) ? project.relativize(absolute) : absolute;
    return shown.toString().replace(File.separatorChar, '/');
  }
}
