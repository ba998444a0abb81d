package io.gradfit.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Readable one-line descriptions of I/O errors. The JDK's file-system exceptions often carry only a
 * path as their message ({@code NoSuchFileException: out/plot.png}); this says what went wrong.
 */
public final class IoErrors {

  private IoErrors() {}

  /** What went wrong, naming the path involved where the exception knows it. */
  public static String describe(IOException e) {
    if (e instanceof FileSystemException) {
      FileSystemException fse = (FileSystemException) e;
      String file = fse.getFile();
      String other = fse.getOtherFile();
      String paths = file == null ? "" : other == null ? file : file + " -> " + other;
      String what;
      if (e instanceof NoSuchFileException) {
        what = "no such file or directory";
      } else if (e instanceof AccessDeniedException) {
        what = "permission denied";
      } else if (e instanceof NotDirectoryException) {
        what = "not a directory";
      } else if (e instanceof FileAlreadyExistsException) {
        what = "already exists";
      } else if (e instanceof DirectoryNotEmptyException) {
        what = "directory not empty";
      } else {
        what = fse.getReason() != null ? fse.getReason() : e.getClass().getSimpleName();
      }
      return paths.isEmpty() ? what : paths + ": " + lowerFirst(what);
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getName() : message;
  }

  private static String lowerFirst(String s) {
    if (s.length() > 1
        && Character.isUpperCase(s.charAt(0))
        && Character.isLowerCase(s.charAt(1))) {
      return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
    return s;
  }
}
