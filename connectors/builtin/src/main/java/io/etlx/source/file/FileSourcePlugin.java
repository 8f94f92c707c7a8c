package io.etlx.source.file;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.source.format.FileFormat;
import io.etlx.source.format.FileSetSource;
import io.etlx.source.format.FileSource;
import io.etlx.source.format.JsonRecords;
import io.etlx.spi.PluginContext;
import io.etlx.spi.PluginOptions;
import io.etlx.spi.Source;
import io.etlx.spi.SourcePlugin;
import io.etlx.spi.Templates;
import java.io.File;
import java.nio.charset.Charset;
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
    List<String> problems = new ArrayList<>();
    String path = spec.string("path", "");
    FileFormat format = format(spec, path);
    if (format == null) {
      problems.add(
          "format: cannot tell the format of '"
              + path
              + "' from its extension; set format: csv, json or ndjson");
    }
    String pointer = spec.string("records", "");
    if (JsonRecords.pointerProblem(pointer) != null) {
      problems.add("records: " + JsonRecords.pointerProblem(pointer));
    } else if (!pointer.isEmpty() && format != null && format != FileFormat.JSON) {
      problems.add(
          "records: only applies to json files, and this one is "
              + format.name().toLowerCase(java.util.Locale.ROOT)
              + "; remove it");
    }
    String encoding = spec.string("encoding", "UTF-8");
    if (!supported(encoding)) {
      problems.add("encoding: unknown encoding '" + encoding + "'; use e.g. UTF-8 or ISO-8859-1");
    }
    return problems;
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
      return file(spec, context, template, path, shown);
    }
    List<FileSource> files = new ArrayList<>();
    for (Path match : Globs.matches(written, w -> absolute(context, w))) {
      files.add(file(spec, context, template, match, shown(context, template, match)));
    }
    return new FileSetSource(shown, files);
  }

  private static Path absolute(PluginContext context, String written) {
    Path path = Path.of(written);
    return path.isAbsolute() ? path : context.projectDir().resolve(path);
  }

  private static FileSource file(
      PluginOptions spec, PluginContext context, String template, Path path, String shown) {
    return new FileSource(
        path,
        shown,
        context.templates().resolve("${date}"),
        format(spec, template),
        spec.string("records", ""),
        spec.string("delimiter", ",").charAt(0),
        Charset.forName(spec.string("encoding", "UTF-8")));
  }

  private static FileFormat format(PluginOptions spec, String path) {
    return spec.has("format")
        ? FileFormat.of(spec.string("format", ""))
        : FileFormat.fromName(path);
  }

  private static boolean supported(String encoding) {
    try {
      return Charset.isSupported(encoding);
    } catch (IllegalArgumentException e) {
      return false;
    }
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
