package io.gradfit.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files atomically: readers see either the old file or the complete new one, never a
 * half-written file, and a failed write leaves no stray file behind.
 *
 * <p>The content goes to a hidden temporary file in the target's directory ({@code
 * .name.<random>.tmp}), is forced to disk, and is then renamed over the target with {@link
 * StandardCopyOption#ATOMIC_MOVE}. If the body or any step fails, the temporary file is deleted and
 * an existing target is left untouched. Missing parent directories are not created.
 *
 * <p>The new file gets the usual permissions for new files (the process umask); those of a replaced
 * file are not carried over.
 */
public final class AtomicFiles {

  private static final int MAX_NAME_ATTEMPTS = 100;

  private AtomicFiles() {}

  /**
   * Writes {@code target} with the bytes {@code body} writes to the stream it is given.
   *
   * <p>The stream is buffered; {@code body} may close it or not (closing only flushes). Runtime
   * exceptions and errors from {@code body} propagate unchanged (after the clean-up).
   *
   * @throws IOException if the file cannot be written; its message says which file and why, in
   *     words a user can act on (for example {@code cannot write out/loss.png: directory out does
   *     not exist})
   */
  public static void write(Path target, IOConsumer<? super OutputStream> body) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path fileName = absolute.getFileName();
    Path directory = absolute.getParent();
    if (fileName == null || directory == null) {
      throw new IOException("cannot write " + target + ": not a file name");
    }
    Path shownDirectory = target.getParent() != null ? target.getParent() : directory;
    if (!Files.isDirectory(directory)) {
      throw new IOException(
          "cannot write "
              + target
              + ": "
              + (Files.exists(directory)
                  ? shownDirectory + " is not a directory"
                  : "directory " + shownDirectory + " does not exist"));
    }
    if (Files.isDirectory(absolute)) {
      throw new IOException("cannot write " + target + ": it is a directory");
    }

    Path temp = null;
    try {
      FileChannel channel = null;
      for (int attempt = 1; channel == null; attempt++) {
        temp = newTempName(directory, fileName.toString());
        try {
          channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
          temp = null; // someone else's file: not ours to delete
          if (attempt >= MAX_NAME_ATTEMPTS) {
            throw e;
          }
        }
      }
      try (FileChannel open = channel) {
        OutputStream out = new BufferedOutputStream(new KeepOpen(Channels.newOutputStream(open)));
        body.accept(out);
        out.flush();
        open.force(true);
      }
      try {
        Files.move(
            temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        // Same directory, so this should not happen; a plain replace is the best we can do then.
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
    } catch (IOException e) {
      deleteQuietly(temp, e);
      if (e instanceof AccessDeniedException) {
        throw new IOException(
            "cannot write " + target + ": permission denied in directory " + shownDirectory, e);
      }
      throw new IOException("cannot write " + target + ": " + IoErrors.describe(e), e);
    } catch (RuntimeException | Error e) {
      deleteQuietly(temp, e);
      throw e;
    }
  }

  /** Writes {@code bytes} to {@code target} atomically. */
  public static void write(Path target, byte[] bytes) throws IOException {
    write(target, out -> out.write(bytes));
  }

  private static Path newTempName(Path directory, String fileName) {
    long random = ThreadLocalRandom.current().nextLong() >>> 1;
    return directory.resolve("." + fileName + "." + Long.toString(random, 36) + ".tmp");
  }

  private static void deleteQuietly(Path temp, Throwable failure) {
    if (temp == null) {
      return;
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /** Lets the body close its stream (for example through a Writer) without closing the channel. */
  private static final class KeepOpen extends FilterOutputStream {

    KeepOpen(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
