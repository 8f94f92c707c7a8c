package io.etlx.cli;

import io.etlx.error.EtlxException;
import io.etlx.spi.PluginRegistry;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code etlx} command. The only class that calls {@link System#exit}. */
@Command(
    name = "etlx",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Declarative, retry-safe ETL pipelines configured in YAML.",
    footer = {
      "",
      "Exit codes: 0 ok, 1 user error (fix the input), 2 usage error,",
      "3 external failure (a rerun later is safe), 4 internal error,",
      "5 locked: another process is running the same pipeline, environment and date,",
      "6 loaded, but a notification failed (do not rerun the load), 7 a date is late (check-sla)."
    })
public final class Main {
  /**
   * The subcommands, in the order help lists them. Picocli reads every option of every command it
   * is given, which is a third of a no-op run's time: a command line that names one of them gets
   * only that one ({@link #commandLine}).
   */
  private static final Map<String, Class<?>> COMMANDS = commands();

  @Option(
      names = {"-C", "--project-dir"},
      description =
          "Project directory holding pipelines/ and environments/ (default: current directory).",
      scope = CommandLine.ScopeType.INHERIT)
  Path projectDir = Path.of(".");

  @Option(
      names = {"-v", "--verbose"},
      description = "Show stack traces of errors.",
      scope = CommandLine.ScopeType.INHERIT)
  boolean verbose;

  final Map<String, String> processEnv;
  private PluginRegistry registry;

  Main(Map<String, String> processEnv) {
    this.processEnv = processEnv;
  }

  PluginRegistry registry() {
    if (registry == null) {
      registry = PluginRegistry.load(projectDir.resolve("plugins"));
    }
    return registry;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, out, err, System.getenv()));
  }

  /** Runs one command line; returns the exit code. Used by {@link #main} and by tests. */
  public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
    Main main = new Main(env);
    CommandLine cli = commandLine(main, args);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, line, parsed) -> report(e, main.verbose, err));
    cli.setParameterExceptionHandler(
        (e, args1) -> {
          // one line and a pointer to --help, not the whole usage text
          CommandLine command = e.getCommandLine();
          err.println("etlx: " + e.getMessage());
          err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
          return ExitCode.USAGE;
        });
    cli.registerConverter(LocalDate.class, Main::date);
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /**
   * The root command with the subcommand {@code args} names, or with all of them when it names none
   * (help, completion, a typo picocli suggests a name for).
   */
  static CommandLine commandLine(Main main, String[] args) {
    CommandLine cli = new CommandLine(main);
    Class<?> named = COMMANDS.get(subcommandName(args));
    boolean needsAll =
        named == null || named == CompletionCommand.class || named == CommandLine.HelpCommand.class;
    for (Class<?> command : COMMANDS.values()) {
      if (needsAll || command == named) {
        cli.addSubcommand(command);
      }
    }
    return cli;
  }

  /**
   * The first argument that is not a root option (nor {@code -C}'s value), or null: also when the
   * root's help or version comes first ({@code etlx -h run} shows every command), and when the
   * launcher records its class-data-sharing archive ({@code -Detlx.cli.allCommands=true}), which
   * should hold every command's classes.
   */
  private static String subcommandName(String[] args) {
    if (Boolean.getBoolean("etlx.cli.allCommands")) {
      return null;
    }
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-C") || arg.equals("--project-dir")) {
        i++;
      } else if (arg.equals("--help") || arg.equals("--version") || shortHelp(arg)) {
        return null;
      } else if (!arg.startsWith("-")) {
        return arg;
      }
    }
    return null;
  }

  /** {@code -h}, {@code -V} or a cluster of short options holding one ({@code -vh}). */
  private static boolean shortHelp(String arg) {
    if (!arg.startsWith("-") || arg.startsWith("--") || arg.startsWith("-C")) {
      return false;
    }
    return arg.indexOf('h') > 0 || arg.indexOf('V') > 0;
  }

  private static Map<String, Class<?>> commands() {
    Map<String, Class<?>> commands = new LinkedHashMap<>();
    for (Class<?> command :
        List.of(
            ValidateCommand.class,
            RunCommand.class,
            BackfillCommand.class,
            StatusCommand.class,
            CheckSlaCommand.class,
            QueryCommand.class,
            PlanCommand.class,
            PlanCommand.Migrate.class,
            RebuildCommand.class,
            DiffCommand.class,
            SchemaCommand.class,
            InitCommand.class,
            NewCommand.class,
            CompletionCommand.class,
            ExportCommand.class,
            CommandLine.HelpCommand.class)) {
      commands.put(command.getAnnotation(Command.class).name(), command);
    }
    return Collections.unmodifiableMap(commands);
  }

  private static LocalDate date(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new CommandLine.TypeConversionException(
          "'" + text + "' is not a date: use YYYY-MM-DD, e.g. 2020-12-01");
    }
  }

  private static int report(Exception e, boolean verbose, PrintWriter err) {
    if (e instanceof EtlxException etlx) {
      err.println("etlx: " + etlx.getMessage());
      if (verbose && etlx.getCause() != null) {
        etlx.getCause().printStackTrace(err);
      }
      return ExitCode.of(etlx.code());
    }
    err.println(
        "etlx: internal error: "
            + e
            + " (rerun with -v for the stack trace, and please report it)");
    if (verbose) {
      e.printStackTrace(err);
    }
    return ExitCode.INTERNAL;
  }

  /** Reads the version Maven wrote into the jar's resources. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws Exception {
      Properties properties = new Properties();
      try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      }
      return new String[] {"etlx " + properties.getProperty("version", "unknown")};
    }
  }
}
