package io.etlx.engine;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Marks the failures of writing, so a copy from a source to the raw store can tell them from the
 * failures of reading: the first are the raw store's, the second the source's.
 */
final class WriteFailures extends FilterOutputStream {
  /** A write failed; {@link #cause()} is what the stream threw. */
  static final class Failed extends IOException {
    Failed(IOException cause) {
      super(cause.getMessage(), cause);
    }

    @Override
    public synchronized IOException getCause() {
      return (IOException) super.getCause();
    }

    IOException cause() {
      return getCause();
    }
  }

  WriteFailures(OutputStream out) {
    super(out);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    try {
      out.write(b, off, len);
    } catch (IOException e) {
      throw new Failed(e);
    }
  }

  @Override
  public void write(int b) throws IOException {
    try {
      out.write(b);
    } catch (IOException e) {
      throw new Failed(e);
    }
  }

  @Override
  public void flush() throws IOException {
    try {
      out.flush();
    } catch (IOException e) {
      throw new Failed(e);
    }
  }
}
