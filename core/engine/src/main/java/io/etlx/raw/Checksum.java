package io.etlx.raw;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A SHA-256 computed while data streams through. */
public final class Checksum {
  private final MessageDigest digest;

  public Checksum() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  public DigestOutputStream wrap(OutputStream out) {
    return new DigestOutputStream(out, digest);
  }

  public DigestInputStream wrap(InputStream in) {
    return new DigestInputStream(in, digest);
  }

  /** The SHA-256 of a file's bytes, as stored. */
  public static String of(Path file) throws IOException {
    Checksum checksum = new Checksum();
    try (InputStream in = checksum.wrap(Files.newInputStream(file))) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return checksum.hex();
  }

  public void update(byte[] bytes) {
    digest.update(bytes);
  }

  public String hex() {
    return HexFormat.of().formatHex(digest.digest());
  }
}
