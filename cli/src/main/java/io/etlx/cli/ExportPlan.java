package io.etlx.cli;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.graph.DependencyGraph;
import io.etlx.spec.PipelineSpec;
import io.etlx.validate.ResolvedPipeline;
import io.etlx.validate.ValidationReport;
import io.etlx.validate.Workspace;
import io.etlx.yaml.SpecException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What {@code etlx export} describes to an orchestrator: the pipelines of one environment, every
 * one after the pipelines it depends on, and the process environment variables (secrets) the
 * workers must provide. Built only from a project that validates against that environment, so a
 * cycle or an unknown name never reaches an orchestrator.
 *
 * @param pipelines upstream first, ties in name order: the order of the generated tasks
 * @param requiredEnv the variables without a default that the environment and these pipelines
 *     reference
 */
record ExportPlan(String environment, List<PipelineSpec> pipelines, SortedSet<String> requiredEnv) {
  ExportPlan {
    pipelines = List.copyOf(pipelines);
    requiredEnv = new TreeSet<>(requiredEnv);
  }

  /**
   * The {@code names} pipelines (every pipeline when empty) and everything they depend on, in
   * {@code environment}. Validates the whole project against the environment first (without
   * requiring secrets: CI exports without them) and fails with every problem it found.
   */
  static ExportPlan of(Workspace workspace, String environment, List<String> names) {
    ValidationReport report = workspace.validate(List.of(), environment, false);
    if (!report.valid()) {
      throw new SpecException(report.problems());
    }
    DependencyGraph graph = workspace.dependencies();
    for (String name : names) {
      if (!graph.contains(name)) {
        workspace.resolve(name, environment, false); // fails naming the known pipelines
      }
    }
    List<String> order = graph.order(names.isEmpty() ? graph.names() : names);
    if (order.isEmpty()) {
      throw new EtlxException(
          ErrorCode.UNKNOWN_PIPELINE, "no pipeline under " + Workspace.PIPELINES + "/ to export");
    }
    List<PipelineSpec> pipelines = new ArrayList<>();
    Set<String> files = new TreeSet<>();
    for (String name : order) {
      ResolvedPipeline resolved = workspace.resolve(name, environment, false);
      pipelines.add(resolved.pipeline());
      files.add(resolved.pipeline().file());
      files.add(resolved.environment().file());
    }
    SortedSet<String> required = new TreeSet<>();
    report
        .requiredEnv()
        .forEach(
            (file, vars) -> {
              if (files.contains(file)) {
                required.addAll(vars);
              }
            });
    return new ExportPlan(environment, pipelines, required);
  }

  /**
   * The time zone the schedule runs in, as an IANA name: {@code override} if given, else the one
   * time zone every exported pipeline counts its logical dates in (a schedule in another zone would
   * start a date's run before that date has ended where the pipeline counts it).
   */
  String timezone(ZoneId override) {
    if (override != null) {
      return zoneName(override);
    }
    SortedSet<String> zones = new TreeSet<>();
    pipelines.forEach(p -> zones.add(zoneName(p.timezone())));
    if (zones.size() > 1) {
      throw new EtlxException(
          ErrorCode.USAGE,
          "the pipelines count their dates in different time zones ("
              + pipelines.stream()
                  .map(p -> p.name() + ": " + zoneName(p.timezone()))
                  .collect(Collectors.joining(", "))
              + "); give the schedule's with --timezone, or export them apart");
    }
    return zones.first();
  }

  /**
   * A zone as Airflow (pendulum) and Kubernetes read it: a region as it is, UTC as {@code UTC}, a
   * whole-hour offset as its {@code Etc/GMT} region (whose sign is the other way round).
   */
  static String zoneName(ZoneId zone) {
    ZoneId normalized = zone.normalized();
    if (!(normalized instanceof ZoneOffset offset)) {
      return zone.getId();
    }
    int seconds = offset.getTotalSeconds();
    if (seconds == 0) {
      return "UTC";
    }
    if (seconds % 3600 != 0) {
      throw new EtlxException(
          ErrorCode.USAGE,
          "time zone "
              + zone.getId()
              + " has no region name an orchestrator reads: give one with --timezone, e.g."
              + " Asia/Kolkata");
    }
    int hours = seconds / 3600;
    return "Etc/GMT" + (hours > 0 ? "-" : "+") + Math.abs(hours);
  }
}
