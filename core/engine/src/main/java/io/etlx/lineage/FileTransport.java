package io.etlx.lineage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends each event to a file as one line of JSON, in one write, so lines of concurrent runs never
 * interleave.
 */
final class FileTransport implements Transport {
  private final Path file;

  FileTransport(Path file) {
    this.file = file;
  }

  @Override
  public synchronized void send(String event) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.write(
        file,
        (event + "\n").getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.CREATE,
        StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);
  }

  @Override
  public String describe() {
    return file.toString();
  }
}
