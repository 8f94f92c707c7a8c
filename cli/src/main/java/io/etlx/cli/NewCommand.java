package io.etlx.cli;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.scaffold.PipelineScaffold;
import io.etlx.scaffold.Sample;
import io.etlx.scaffold.SampleReader;
import io.etlx.validate.ValidationReport;
import io.etlx.validate.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code etlx new NAME --sample FILE_OR_URL}: a pipeline spec scaffolded from a sample. */
@Command(
    name = "new",
    description = {
      "Scaffold pipelines/NAME.yaml from a sample CSV, JSON or NDJSON file (or an http(s) URL of"
          + " JSON): a column per field with its type guessed from the sample, the sample's date"
          + " in its path templated as $${date}, and a primary key when one field surely is one.",
      "Example: etlx new orders --sample data/orders/2020-12-01.csv"
    })
final class NewCommand implements Callable<Integer> {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  @ParentCommand Main main;
  @Spec CommandSpec spec;
  @Mixin HelpOption help;

  @Parameters(index = "0", paramLabel = "NAME", description = "The pipeline's name.")
  String name;

  @Option(
      names = "--sample",
      required = true,
      paramLabel = "FILE_OR_URL",
      description = "A sample of the source: a file (.csv, .json, .ndjson, optionally .gz) or URL.")
  String sample;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (!NAME.matcher(name).matches()) {
      throw new EtlxException(
          ErrorCode.USAGE,
          "'" + name + "' is not a pipeline name: lower-case letters, digits and _, e.g. orders");
    }
    Path target = main.projectDir.resolve("pipelines").resolve(name + ".yaml");
    if (Files.exists(target)) {
      throw new EtlxException(
          ErrorCode.USAGE, target + " already exists; new never overwrites a file");
    }
    boolean url = sample.startsWith("http://") || sample.startsWith("https://");
    Sample records;
    String location;
    if (url) {
      records = SampleReader.read(fetch(sample), URI.create(sample).getPath());
      location = sample;
      if (!"json".equals(records.format())) {
        throw new EtlxException(
            ErrorCode.USAGE,
            sample + ": an HTTP source reads JSON; for a CSV export, download a sample file");
      }
    } else {
      Path file = Path.of(sample.startsWith("file:") ? URI.create(sample).getPath() : sample);
      try (InputStream in = Files.newInputStream(file)) {
        records = SampleReader.read(in, file.getFileName().toString());
      } catch (NoSuchFileException e) {
        throw new EtlxException(ErrorCode.USAGE, "no sample at " + file);
      }
      location = relativeToProject(file);
    }
    Files.createDirectories(target.getParent());
    Files.writeString(target, PipelineScaffold.yaml(name, location, records));

    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "Created "
            + main.projectDir.relativize(target)
            + " from "
            + records.rows().size()
            + " sample record(s) and "
            + records.fields().size()
            + " field(s).");
    ValidationReport report =
        new Workspace(main.projectDir, main.registry(), main.processEnv)
            .validate(List.of(target), null, false);
    if (!report.valid()) {
      report.problems().forEach(p -> out.println(p.render()));
      out.println("Edit the file to fix these, then run etlx validate.");
      return ExitCode.USER_ERROR;
    }
    String date = PipelineScaffold.sampleDate(location).map(Object::toString).orElse("YYYY-MM-DD");
    out.println("It validates. Next: etlx run " + name + " --date " + date + " --env dev");
    return ExitCode.OK;
  }

  /** The path a file source in this project reads the sample by. */
  private String relativeToProject(Path file) {
    Path project = main.projectDir.toAbsolutePath().normalize();
    Path absolute = file.toAbsolutePath().normalize();
    return (absolute.startsWith(project) ? project.relativize(absolute) : absolute)
        .toString()
        .replace('\\', '/');
  }

  private static InputStream fetch(String url) throws IOException, InterruptedException {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    HttpResponse<InputStream> response =
        client.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      throw new EtlxException(
          ErrorCode.USAGE, url + " answered HTTP " + response.statusCode() + "; check the URL");
    }
    return response.body();
  }
}
