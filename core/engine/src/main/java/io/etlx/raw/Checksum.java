package io.etlx.raw;

import java.io.OutputStream;
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

  public void update(byte[] bytes) {
    digest.update(bytes);
  }

  public String hex() {
    return HexFormat.of().formatHex(digest.digest());
  }
}
