package io.etlx.validate;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.graph.DependencyGraph;
import io.etlx.overlay.OverlayMerge;
import io.etlx.spec.EnvironmentSpec;
import io.etlx.spec.PipelineSpec;
import io.etlx.spi.PluginKind;
import io.etlx.spi.PluginRegistry;
import io.etlx.spi.WarehouseCapabilities;
import io.etlx.spi.WarehousePlugin;
import io.etlx.yaml.YamlMap;
import io.etlx.yaml.YamlScalar;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A project directory: {@code pipelines/*.yaml} and {@code environments/*.yaml}. Validates them
 * (read YAML with positions → merge overlay → JSON Schema → bind → semantic checks) and resolves
 * one pipeline in one environment for a run.
 */
public final class Workspace {
  public static final String PIPELINES = "pipelines";
  public static final String ENVIRONMENTS = "environments";
  private static final String PIPELINE_SCHEMA = "/io/etlx/schema/pipeline.schema.json";
  static final String ENVIRONMENT_SCHEMA = "/io/etlx/schema/environment.schema.json";

  private final Path root;
  private final PluginRegistry registry;
  private final Map<String, String> processEnv;
  private final ProjectFiles files;

  public Workspace(Path root, PluginRegistry registry, Map<String, String> processEnv) {
    this.root = root;
    this.registry = registry;
    this.processEnv = processEnv;
    this.files = new ProjectFiles(root);
  }

  public Path root() {
    return root;
  }

  /**
   * Validates pipelines against environments in one pass.
   *
   * @param pipelinePaths files or directories; empty means every file under {@code pipelines/}
   * @param environment one environment's name, or null for all of them
   * @param requireEnv whether unset process variables (secrets) are errors
   */
  public ValidationReport validate(
      List<Path> pipelinePaths, String environment, boolean requireEnv) {
    Problems problems = new Problems();
    Map<String, SortedSet<String>> requiredEnv = new TreeMap<>();
    List<LoadedEnvironment> environments =
        loadEnvironments(environment, problems, requireEnv, requiredEnv);
    List<Path> pipelineFiles =
        pipelinePaths.isEmpty()
            ? ProjectFiles.yamlFiles(root.resolve(PIPELINES))
            : files.expand(pipelinePaths);
    Map<String, String> seen = new HashMap<>();
    List<String> names = new ArrayList<>();
    Map<String, YamlMap> trees = new TreeMap<>();
    for (Path file : pipelineFiles) {
      YamlMap tree = files.readMap(file, problems);
      if (tree == null) {
        continue;
      }
      trees.put(ProjectFiles.stem(file), tree);
      String name = uniqueName(tree, seen, problems);
      if (name != null) {
        names.add(name);
      }
      SortedSet<String> needed =
          requiredEnv.computeIfAbsent(files.display(file), k -> new TreeSet<>());
      for (LoadedEnvironment env : environmentsToCheck(environments)) {
        checkPipeline(tree, ProjectFiles.stem(file), env, problems, requireEnv, needed);
      }
    }
    checkOverrideNames(environments, problems);
    DependsOnCheck.check(trees, dependencies(trees), problems);
    RawStoreOverlap.check(
        environments.stream().map(LoadedEnvironment::spec).toList(), registry, root, problems);
    requiredEnv.values().removeIf(SortedSet::isEmpty);
    List<String> envNames = environments.stream().map(LoadedEnvironment::name).toList();
    return new ValidationReport(problems.sorted(), requiredEnv, names, envNames);
  }

  /**
   * The pipeline called {@code name} in {@code environment}, fully validated; secrets must be set.
   */
  public ResolvedPipeline resolve(String name, String environment) {
    return resolve(name, environment, true);
  }

  /**
   * The same, for commands that only read state ({@code status}): with {@code requireEnv} false,
   * secrets a command does not use need not be set; one it does use still fails, naming the
   * variable, when read.
   */
  public ResolvedPipeline resolve(String name, String environment, boolean requireEnv) {
    Path file = pipelineFile(name);
    Problems problems = new Problems();
    Map<String, SortedSet<String>> unused = new TreeMap<>();
    List<LoadedEnvironment> envs = loadEnvironments(environment, problems, requireEnv, unused);
    YamlMap tree = files.readMap(file, problems);
    problems.throwIfAny();
    LoadedEnvironment env = envs.get(0);
    PipelineSpec spec = checkPipeline(tree, name, env, problems, requireEnv, new TreeSet<>());
    problems.throwIfAny();
    return new ResolvedPipeline(spec, env.spec(), merged(tree, name, env), upstreams(spec, env));
  }

  /**
   * The pipelines {@code spec} depends on, validated in the same environment; their secrets need
   * not be set, since only their tables are looked at.
   */
  private List<PipelineSpec> upstreams(PipelineSpec spec, LoadedEnvironment env) {
    if (spec.dependsOn().isEmpty()) {
      return List.of();
    }
    dependencies().requireAcyclic();
    List<PipelineSpec> upstreams = new ArrayList<>();
    for (String upstream : spec.dependsOn()) {
      Problems problems = new Problems();
      Path file = pipelineFile(upstream);
      YamlMap tree = files.readMap(file, problems);
      problems.throwIfAny();
      PipelineSpec bound = checkPipeline(tree, upstream, env, problems, false, new TreeSet<>());
      problems.throwIfAny();
      upstreams.add(bound);
    }
    return upstreams;
  }

  /**
   * Every pipeline's {@code depends_on}, as written in its file (a file that cannot be read counts
   * as depending on nothing; {@code validate} reports it).
   */
  public DependencyGraph dependencies() {
    return dependencies(Map.of());
  }

  /** The same, taking the files already read ({@code read}, by name) as they are. */
  private DependencyGraph dependencies(Map<String, YamlMap> read) {
    Map<String, List<String>> dependsOn = new TreeMap<>();
    for (Path file : ProjectFiles.yamlFiles(root.resolve(PIPELINES))) {
      String name = ProjectFiles.stem(file);
      YamlMap tree = read.containsKey(name) ? read.get(name) : files.readMap(file, new Problems());
      dependsOn.put(name, tree == null ? List.of() : DependsOnCheck.names(tree));
    }
    return DependencyGraph.of(dependsOn);
  }

  /** The names of the pipelines under {@code pipelines/}, from their file names. */
  public List<String> pipelineNames() {
    return ProjectFiles.yamlFiles(root.resolve(PIPELINES)).stream()
        .map(ProjectFiles::stem)
        .toList();
  }

  public List<String> environmentNames() {
    return ProjectFiles.yamlFiles(root.resolve(ENVIRONMENTS)).stream()
        .map(ProjectFiles::stem)
        .toList();
  }

  private Path pipelineFile(String name) {
    for (Path file : ProjectFiles.yamlFiles(root.resolve(PIPELINES))) {
      if (ProjectFiles.stem(file).equals(name)) {
        return file;
      }
    }
    throw new EtlxException(
        ErrorCode.UNKNOWN_PIPELINE,
        "no pipeline '"
            + name
            + "' under "
            + PIPELINES
            + "/"
            + Suggest.knownList(name, pipelineNames()));
  }

  private PipelineSpec checkPipeline(
      YamlMap tree,
      String stem,
      LoadedEnvironment env,
      Problems problems,
      boolean requireEnv,
      SortedSet<String> needed) {
    YamlMap merged = merged(tree, stem, env);
    EnvironmentSpec spec = env == null ? null : env.spec();
    Map<String, String> vars = spec == null ? null : spec.vars();
    String envFile = env == null ? "" : env.file();
    new ReferenceCheck(problems, vars, envFile, processEnv, requireEnv, needed).check(merged);
    BrokenPaths broken = new BrokenPaths();
    problems.addAll(SchemaCheck.resource(Workspace.class, PIPELINE_SCHEMA).check(merged, broken));
    return new PipelineBinder(registry, problems)
        .bind(merged, stem, spec, capabilities(spec), broken);
  }

  private static YamlMap merged(YamlMap tree, String name, LoadedEnvironment env) {
    if (env == null || env.overrides() == null) {
      return tree;
    }
    return (YamlMap) OverlayMerge.merge(tree, env.overrides().map(name));
  }

  private WarehouseCapabilities capabilities(EnvironmentSpec env) {
    if (env == null) {
      return null;
    }
    return registry
        .get(PluginKind.WAREHOUSE, env.warehouse().type(), WarehousePlugin.class)
        .capabilities();
  }

  private static List<LoadedEnvironment> environmentsToCheck(List<LoadedEnvironment> environments) {
    List<LoadedEnvironment> usable = environments.stream().filter(e -> e.spec() != null).toList();
    List<LoadedEnvironment> toCheck = new ArrayList<>(usable);
    if (usable.isEmpty()) {
      toCheck.add(null); // still check the pipeline on its own
    }
    return toCheck;
  }

  private List<LoadedEnvironment> loadEnvironments(
      String only,
      Problems problems,
      boolean requireEnv,
      Map<String, SortedSet<String>> requiredEnv) {
    List<Path> environmentFiles = ProjectFiles.yamlFiles(root.resolve(ENVIRONMENTS));
    if (only != null) {
      environmentFiles =
          environmentFiles.stream().filter(f -> ProjectFiles.stem(f).equals(only)).toList();
      if (environmentFiles.isEmpty()) {
        throw new EtlxException(
            ErrorCode.UNKNOWN_ENVIRONMENT,
            "no environment '"
                + only
                + "' under "
                + ENVIRONMENTS
                + "/"
                + Suggest.knownList(only, environmentNames()));
      }
    }
    List<LoadedEnvironment> environments = new ArrayList<>();
    for (Path file : environmentFiles) {
      YamlMap tree = files.readMap(file, problems);
      if (tree != null) {
        SortedSet<String> needed =
            requiredEnv.computeIfAbsent(files.display(file), k -> new TreeSet<>());
        environments.add(loadEnvironment(file, tree, problems, requireEnv, needed));
      }
    }
    return environments;
  }

  private LoadedEnvironment loadEnvironment(
      Path file, YamlMap tree, Problems problems, boolean requireEnv, SortedSet<String> needed) {
    String name = ProjectFiles.stem(file);
    BrokenPaths broken = new BrokenPaths();
    problems.addAll(SchemaCheck.resource(Workspace.class, ENVIRONMENT_SCHEMA).check(tree, broken));
    EnvironmentSpec spec = new EnvironmentBinder(registry, problems).bind(tree, name, broken);
    YamlMap withoutOverrides = tree;
    Map<String, String> vars = spec == null ? null : spec.vars();
    for (var entry : tree.entries().entrySet()) {
      if (!entry.getKey().equals("pipelines")) {
        new ReferenceCheck(problems, vars, files.display(file), processEnv, requireEnv, needed)
            .check(entry.getValue());
      }
    }
    return new LoadedEnvironment(
        name, files.display(file), withoutOverrides, spec, tree.map("pipelines"));
  }

  private void checkOverrideNames(List<LoadedEnvironment> environments, Problems problems) {
    List<String> known = pipelineNames();
    for (LoadedEnvironment env : environments) {
      if (env.overrides() == null) {
        continue;
      }
      for (String name : env.overrides().keys()) {
        if (!known.contains(name)) {
          problems.add(
              ErrorCode.UNKNOWN_PIPELINE,
              env.overrides().keyOrigin(name),
              "overrides pipeline '"
                  + name
                  + "', which is not under "
                  + PIPELINES
                  + "/"
                  + Suggest.didYouMean(name, known));
        }
      }
    }
  }

  private static String uniqueName(YamlMap tree, Map<String, String> seen, Problems problems) {
    if (!(tree.get("pipeline") instanceof YamlScalar nameNode)
        || !(nameNode.value() instanceof String name)) {
      return null;
    }
    String first = seen.putIfAbsent(name, tree.origin().file());
    if (first != null) {
      problems.add(
          ErrorCode.DUPLICATE_PIPELINE,
          nameNode.origin(),
          "pipeline '" + name + "' is already defined in " + first);
      return null;
    }
    return name;
  }

  private record LoadedEnvironment(
      String name, String file, YamlMap tree, EnvironmentSpec spec, YamlMap overrides) {}
}
