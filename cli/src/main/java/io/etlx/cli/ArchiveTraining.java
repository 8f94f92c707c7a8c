package io.etlx.cli;

import io.etlx.engine.WorkArea;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The commands whose classes the launchers' class-data-sharing archive holds. A launcher runs
 * {@code java -XX:DumpLoadedClassList=LIST -cp etlx.jar io.etlx.cli.ArchiveTraining}, then dumps an
 * archive of the listed classes ({@code -Xshare:dump}): every later command starts with them
 * already parsed and verified.
 *
 * <p>The training creates a project as {@code etlx init} does (in the directory the launcher
 * names), validates it with every command's options read, runs its pipeline on the embedded
 * default, runs it again (a no-op) and asks its status. Then it runs the pipeline against
 * PostgreSQL up to the connection (a loopback server that closes it), and loads, without
 * initialising them, the rest of the PostgreSQL driver's and the connection pool's classes, which a
 * run against a reachable server loads (a third of its no-op run's start-up). A step that fails
 * only leaves its classes out of the archive.
 */
final class ArchiveTraining {
  /** Classes whose jars are loaded whole: their commands reach a server the training has not. */
  private static final List<String> WHOLE_JARS =
      List.of("org.postgresql.Driver", "com.zaxxer.hikari.HikariDataSource");

  /**
   * The variables the training's commands see: none of the process's, so that a host's settings (a
   * metrics directory, lineage, notification addresses) never see the throwaway project's runs.
   */
  private static final Map<String, String> ENVIRONMENT = Map.of("USER", "archive");

  private ArchiveTraining() {}

  /**
   * @param args the directory to train in (the launchers name one beside the archive, so nothing
   *     goes to the system's temporary directory); a temporary one when none is named
   */
  public static void main(String[] args) {
    boolean trained = false;
    try {
      Path dir =
          args.length > 0
              ? Files.createDirectories(Path.of(args[0]))
              : Files.createTempDirectory("etlx-archive-");
      try {
        train(dir, ENVIRONMENT);
      } finally {
        WorkArea.deleteQuietly(dir);
      }
      trained = true;
    } catch (IOException | RuntimeException e) {
      System.err.println("etlx: the archive's training failed: " + e);
    } finally {
      // a pool's or the database's threads must not keep the recording (and the launcher) waiting
      Runtime.getRuntime().exit(trained ? 0 : 1);
    }
  }

  /** Runs the training in {@code dir} (empty); returns what failed, nothing when all ran. */
  static List<String> train(Path dir, Map<String, String> env) {
    List<String> failed = new ArrayList<>();
    String project = dir.resolve("project").toString();
    command(failed, env, "init", project);
    System.setProperty("etlx.cli.allCommands", "true");
    try {
      command(failed, env, "-C", project, "validate");
    } finally {
      System.clearProperty("etlx.cli.allCommands");
    }
    String[] run = {"-C", project, "run", "orders", "--date", "2020-12-01", "--env", "dev"};
    command(failed, env, run);
    command(failed, env, run);
    command(failed, env, "-C", project, "status", "orders", "--env", "dev");
    try (ServerSocket refusing = refusingServer()) {
      Files.writeString(
          Path.of(project, "environments", "postgres.yaml"),
          "warehouse: {type: postgres, url: \"jdbc:postgresql://127.0.0.1:"
              + refusing.getLocalPort()
              + "/training\", user: training}\n"
              + "schema: training\n"
              + "raw_store: {type: file, path: .etlx/raw}\n"
              + "state: {type: file, path: .etlx/state}\n");
      run[run.length - 1] = "postgres";
      expect(failed, ExitCode.EXTERNAL, env, run); // up to the connection, which the server closes
    } catch (IOException e) {
      failed.add("a run against PostgreSQL: " + e);
    }
    for (String className : WHOLE_JARS) {
      try {
        loadJarOf(className);
      } catch (IOException | ReflectiveOperationException | URISyntaxException e) {
        failed.add("the classes beside " + className + ": " + e);
      }
    }
    return failed;
  }

  private static void command(List<String> failed, Map<String, String> env, String... args) {
    expect(failed, ExitCode.OK, env, args);
  }

  private static void expect(
      List<String> failed, int expected, Map<String, String> env, String... args) {
    PrintWriter discard = new PrintWriter(Writer.nullWriter());
    int code = Main.run(args, discard, discard, env);
    if (code != expected) {
      failed.add(String.join(" ", args) + ": exit " + code);
    }
  }

  /** A loopback server that closes every connection it accepts, until it is closed. */
  private static ServerSocket refusingServer() throws IOException {
    ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    Thread closer =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  server.accept().close();
                } catch (IOException e) {
                  // closed: the training is over
                }
              }
            },
            "archive-training-server");
    closer.setDaemon(true);
    closer.start();
    return server;
  }

  /** Loads every class of the jar holding {@code className}; returns how many loaded. */
  static int loadJarOf(String className)
      throws IOException, ReflectiveOperationException, URISyntaxException {
    ClassLoader loader = ArchiveTraining.class.getClassLoader();
    CodeSource source =
        Class.forName(className, false, loader).getProtectionDomain().getCodeSource();
    Path jar = Path.of(source.getLocation().toURI());
    int loaded = 0;
    try (JarFile entries = new JarFile(jar.toFile())) {
      for (JarEntry entry : (Iterable<JarEntry>) entries.stream()::iterator) {
        String name = entry.getName();
        if (!name.endsWith(".class") || name.startsWith("META-INF/") || name.contains("-info")) {
          continue;
        }
        try {
          Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
          loaded++;
        } catch (ClassNotFoundException | LinkageError e) {
          // a class of an optional dependency that is not on the class path: not archived
        }
      }
    }
    return loaded;
  }
}
