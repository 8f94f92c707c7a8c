package io.etlx.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h, --help} on every subcommand. A usage-help option: picocli prints the command's usage
 * and exits 0 before it checks required options and parameters, so {@code etlx run --help} works
 * without a pipeline or a date. (Not {@code mixinStandardHelpOptions}: its {@code --version} has
 * nothing to print on a subcommand.)
 */
final class HelpOption {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;
}
