package io.clientele.jobs.serve;

import io.clientele.config.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The users of the JDBC endpoint: one line per user, {@code name:pbkdf2-sha512:iterations:salt:hash[:tables]}
 * (salt and hash in Base64; tables, when given, the comma-separated tables and views the user may read instead
 * of {@code serve.tables}), a random 16-byte salt per user; never a password in clear. The file is rewritten
 * whole and atomically (a temporary file in the same folder, readable by its owner only, moved over it), so a
 * server reading it at a login never sees half a file.
 */
public final class PasswordFile {
  static final String ALGORITHM = "pbkdf2-sha512";
  private static final String JCA_ALGORITHM = "PBKDF2WithHmacSHA512";
  static final int ITERATIONS = 210_000;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 512;
  private static final String NAME_PATTERN = "[A-Za-z0-9_.@-]{1,64}";
  static final String TABLE_PATTERN = "[A-Za-z0-9_]{1,128}";
  /** Hashed when the user is unknown, so that an unknown user and a wrong password take the same time. */
  private static final byte[] DUMMY_SALT = new byte[SALT_BYTES];

  private PasswordFile() {}

  /** A user's line. */
  private static final class Entry {
    final String name;
    final int iterations;
    final byte[] salt;
    final byte[] hash;
    final Optional<List<String>> tables;

    Entry(String name, int iterations, byte[] salt, byte[] hash, Optional<List<String>> tables) {
      this.name = name;
      this.iterations = iterations;
      this.salt = salt;
      this.hash = hash;
      this.tables = tables;
    }

    /** Null when the line is not a user's (blank, a comment, another algorithm). */
    static Entry parse(String line) {
      String[] parts = line.trim().split(":", -1);
      if ((parts.length != 5 && parts.length != 6) || !parts[1].equals(ALGORITHM)) {
        return null;
      }
      try {
        Optional<List<String>> tables = parts.length == 6 ? Optional.of(tableList(parts[5])) : Optional.empty();
        return new Entry(parts[0], Integer.parseInt(parts[2]), Base64.getDecoder().decode(parts[3]),
            Base64.getDecoder().decode(parts[4]), tables);
      } catch (IllegalArgumentException malformed) {
        return null;
      }
    }
  }

  /** Adds the user, or replaces their password and tables; creates the file (readable by its owner only). */
  public static void add(Path file, String user, char[] password) throws IOException {
    add(file, user, password, Optional.empty());
  }

  /**
   * As {@link #add(Path, String, char[])}, with the tables the user may read ({@code Optional.empty()}: the
   * configured default, serve.tables).
   */
  public static void add(Path file, String user, char[] password, Optional<List<String>> tables) throws IOException {
    if (!user.matches(NAME_PATTERN)) {
      throw new UsageException("Cannot add user '" + user + "': a name is 1-64 letters, digits or _ . @ -");
    }
    if (password.length < 8) {
      throw new UsageException("Cannot add user '" + user + "': the password must have at least 8 characters");
    }
    for (String table : tables.orElse(List.of())) {
      if (!table.matches(TABLE_PATTERN)) {
        throw new UsageException("Cannot add user '" + user + "': '" + table
            + "' is not a table name (letters, digits and _)");
      }
    }
    byte[] salt = new byte[SALT_BYTES];
    new SecureRandom().nextBytes(salt);
    String line = user + ":" + ALGORITHM + ":" + ITERATIONS + ":" + Base64.getEncoder().encodeToString(salt) + ":"
        + Base64.getEncoder().encodeToString(hash(password, salt, ITERATIONS))
        + tables.map(t -> ":" + String.join(",", t)).orElse("");
    List<String> lines = new ArrayList<>();
    if (Files.exists(file)) {
      for (String existing : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!existing.startsWith(user + ":")) {
          lines.add(existing);
        }
      }
    }
    lines.add(line);
    writeAtomically(file, lines);
  }

  /**
   * True when the file has a line for the user whose hash the password reproduces. An unknown user costs one
   * hash like a known one (of a dummy), so the time does not tell whether a name exists.
   */
  public static boolean verify(Path file, String user, char[] password) throws IOException {
    if (user == null || password == null) {
      return false;
    }
    Entry entry = find(file, user);
    if (entry == null) {
      MessageDigest.isEqual(DUMMY_SALT, hash(password, DUMMY_SALT, ITERATIONS));
      return false;
    }
    return MessageDigest.isEqual(entry.hash, hash(password, entry.salt, entry.iterations));
  }

  /** The tables the user may read when the file names them; empty when it does not (the default applies). */
  public static Optional<List<String>> tables(Path file, String user) throws IOException {
    Entry entry = find(file, user);
    return entry == null ? Optional.empty() : entry.tables;
  }

  /** How many users the file holds (0 when it is missing). */
  public static int users(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return 0;
    }
    return (int) Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> Entry.parse(l) != null).count();
  }

  /** Comma-separated table names; each must match {@link #TABLE_PATTERN}. */
  public static List<String> tableList(String commaSeparated) {
    List<String> tables = new ArrayList<>();
    for (String table : commaSeparated.split(",", -1)) {
      String name = table.trim();
      if (!name.matches(TABLE_PATTERN)) {
        throw new UsageException("'" + name + "' is not a table name (letters, digits and _)");
      }
      tables.add(name);
    }
    return tables;
  }

  private static Entry find(Path file, String user) throws IOException {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      Entry entry = Entry.parse(line);
      if (entry != null && entry.name.equals(user)) {
        return entry;
      }
    }
    return null;
  }

  private static void writeAtomically(Path file, List<String> lines) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temporary = Files.createTempFile(parent, "." + file.getFileName() + ".", ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the folder's permissions apply.
      }
      Files.write(temporary, lines, StandardCharsets.UTF_8);
      try {
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException notAtomic) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static byte[] hash(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance(JCA_ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot hash a password with " + JCA_ALGORITHM + ": " + e.getMessage(), e);
    } finally {
      spec.clearPassword();
    }
  }
}
