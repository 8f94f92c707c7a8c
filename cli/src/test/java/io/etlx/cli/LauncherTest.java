package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./etlx} launcher linked onto PATH finds its checkout through the links. The real
 * script runs in a copy of the checkout's layout whose {@code cli/target/etlx.jar} is up to date
 * (so the launcher does not build): a jar whose manifest points at the classes this test runs with,
 * so the command that runs is the real CLI.
 */
class LauncherTest {
  @TempDir Path dir;

  /**
   * A checkout the tests that leave its archive alone share: its first command makes the archive
   * (seconds), the others start with it.
   */
  @TempDir static Path shared;

  @Test
  void runsThroughAChainOfSymlinksFromAnyDirectory() throws Exception {
    Path checkout = sharedCheckout();
    Path bin = Files.createDirectories(dir.resolve("home/bin"));
    Path other = Files.createDirectories(dir.resolve("other/links"));
    // bin/etlx -> ../../other/links/etlx (relative) -> CHECKOUT/etlx (absolute)
    Files.createSymbolicLink(other.resolve("etlx"), checkout.resolve("etlx"));
    Files.createSymbolicLink(bin.resolve("etlx"), Path.of("../../other/links/etlx"));
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));

    Result validate =
        launch(
            bin.resolve("etlx"),
            elsewhere,
            "-C",
            Path.of("..").toAbsolutePath().normalize().toString(),
            "validate");

    assertThat(validate.code()).as(validate.err()).isZero();
    assertThat(validate.out()).endsWith("ok: 3 pipeline(s), 3 environment(s)\n");
  }

  @Test
  void runsTheSerialCollectorAndASmallYoungGenerationUnlessTheOptionsNameThem() throws Exception {
    Path checkout = sharedCheckout();

    String flags = "-XX:+PrintCommandLineFlags";
    Path etlx = checkout.resolve("etlx");

    Result byDefault = launchWith(Map.of("ETLX_JAVA_OPTS", flags), etlx, checkout, "--version");
    Result parallel =
        launchWith(
            Map.of("ETLX_JAVA_OPTS", "-Xmx200m\t-XX:+UseParallelGC " + flags),
            etlx,
            checkout,
            "--version");
    Result toolOptions =
        launchWith(
            Map.of("ETLX_JAVA_OPTS", flags, "JAVA_TOOL_OPTIONS", "-XX:+UseParallelGC"),
            etlx,
            checkout,
            "--version");

    Result ownYoung =
        launchWith(Map.of("ETLX_JAVA_OPTS", "-Xmn48m " + flags), etlx, checkout, "--version");

    assertThat(byDefault.code()).as(byDefault.err()).isZero();
    assertThat(byDefault.out())
        .contains("-XX:+UseSerialGC", "-XX:MaxNewSize=33554432")
        .contains("etlx ");
    // two collectors would not start at all; another collector sizes its young generation itself
    for (Result own : List.of(parallel, toolOptions)) {
      assertThat(own.code()).as(own.err()).isZero();
      assertThat(own.out())
          .contains("-XX:+UseParallelGC")
          .doesNotContain("UseSerialGC", "NewSize=33554432");
    }
    assertThat(ownYoung.code()).as(ownYoung.err()).isZero();
    assertThat(ownYoung.out())
        .contains("-XX:+UseSerialGC", "-XX:MaxNewSize=50331648")
        .doesNotContain("NewSize=33554432");
  }

  @Test
  void triesNoArchiveAgainForTheJarNoneCouldBeMadeForButForARebuiltOne() throws Exception {
    Path checkout = checkout();
    Path etlx = checkout.resolve("etlx");
    Path target = checkout.resolve("cli/target");
    Path marker = target.resolve("etlx.jsa.failed");
    Files.writeString(marker, "");
    FileTime jarBuilt = Files.getLastModifiedTime(target.resolve("etlx.jar"));
    Files.setLastModifiedTime(marker, FileTime.fromMillis(jarBuilt.toMillis() + 1000));

    Result marked = launch(etlx, checkout, "--version");
    boolean archivedDespiteTheMark = Files.exists(target.resolve("etlx.jsa"));
    // the jar rebuilt after the failed attempt
    Files.setLastModifiedTime(
        target.resolve("etlx.jar"), FileTime.fromMillis(jarBuilt.toMillis() + 2000));
    Result rebuilt = launch(etlx, checkout, "--version");

    for (Result result : List.of(marked, rebuilt)) {
      assertThat(result.code()).as(result.err()).isZero();
      assertThat(result.out()).startsWith("etlx ");
    }
    assertThat(archivedDespiteTheMark).isFalse();
    assertThat(target.resolve("etlx.jsa")).isRegularFile();
    assertThat(target).isDirectoryNotContaining("glob:**.{failed,classes,part,training}");
  }

  /** The launcher in a directory laid out like the checkout, with a jar newer than any source. */
  private static Path sharedCheckout() throws IOException {
    Path checkout = shared.resolve("checkout");
    return Files.isDirectory(checkout) ? checkout : checkout(shared);
  }

  private Path checkout() throws IOException {
    return checkout(dir);
  }

  private static Path checkout(Path in) throws IOException {
    Path checkout = Files.createDirectories(in.resolve("checkout"));
    Files.copy(Path.of("../etlx"), checkout.resolve("etlx"));
    Files.writeString(checkout.resolve("pom.xml"), "");
    for (String module : List.of("core", "connectors", "cli/target")) {
      Files.createDirectories(checkout.resolve(module));
    }
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.put(Attributes.Name.MAIN_CLASS, Main.class.getName());
    List<String> classPath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classPath.add(Path.of(entry).toAbsolutePath().toUri().toString());
    }
    main.put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
    try (OutputStream out = Files.newOutputStream(checkout.resolve("cli/target/etlx.jar"));
        JarOutputStream jar = new JarOutputStream(out, manifest)) {
      // the manifest is all it needs
    }
    return checkout;
  }

  private record Result(int code, String out, String err) {}

  private Result launch(Path launcher, Path workDir, String... args) throws Exception {
    return launchWith(Map.of(), launcher, workDir, args);
  }

  /** With {@code env} added to the environment. */
  private Result launchWith(Map<String, String> env, Path launcher, Path workDir, String... args)
      throws Exception {
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectOutput(dir.resolve("out.txt").toFile())
            .redirectError(dir.resolve("err.txt").toFile());
    Path javaBin = Path.of(System.getProperty("java.home"), "bin");
    builder.environment().put("PATH", javaBin + File.pathSeparator + System.getenv("PATH"));
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("the launcher did not finish: " + command);
    }
    return new Result(
        process.exitValue(),
        Files.readString(dir.resolve("out.txt")),
        Files.readString(dir.resolve("err.txt")));
  }
}
