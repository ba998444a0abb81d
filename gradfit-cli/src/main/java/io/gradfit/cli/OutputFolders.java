package io.gradfit.cli;

import io.gradfit.io.IoErrors;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The folders commands write figures into: made, or checked up front, with the option named in every error. */
public final class OutputFolders {
  private OutputFolders() {}

  /**
   * Creates {@code dir} (and its parents) if needed and checks that it is writable.
   *
   * @param option the option that named it, e.g. {@code "--out"}, for the message
   * @throws UserError naming the option, the folder and why
   */
  public static void create(String option, Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (FileAlreadyExistsException e) {
      throw new UserError(option + " " + dir + ": cannot create the folder (a file with that name is in the way)");
    } catch (IOException e) {
      throw new UserError(option + " " + dir + ": cannot create the folder (" + IoErrors.describe(e) + ")");
    }
    if (!Files.isWritable(dir)) {
      throw new UserError(option + " " + dir + ": the folder is not writable");
    }
  }

  /**
   * Checks, without creating anything, that {@link #create} would succeed: the nearest existing ancestor of
   * {@code dir} is a writable folder. For commands that make the folder only once they have something to put in it.
   */
  public static void checkCreatable(String option, Path dir) {
    Path existing = dir.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null || !Files.isDirectory(existing)) {
      throw new UserError(option + " " + dir + ": cannot create the folder ("
          + (existing == null ? "no such place" : existing + " is a file, not a folder") + ")");
    }
    if (!Files.isWritable(existing)) {
      throw new UserError(option + " " + dir + ": the folder " + existing + " is not writable");
    }
  }
}
