package io.clientele.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The users of the JDBC endpoint: one line per user, {@code name:pbkdf2-sha512:iterations:salt:hash} (salt and hash
 * in Base64), a random 16-byte salt per user; never a password in clear.
 */
final class PasswordFile {
  static final String ALGORITHM = "pbkdf2-sha512";
  private static final String JCA_ALGORITHM = "PBKDF2WithHmacSHA512";
  static final int ITERATIONS = 210_000;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 512;
  private static final String NAME_PATTERN = "[A-Za-z0-9_.@-]{1,64}";

  private PasswordFile() {}

  /** Adds the user, or replaces their password; creates the file (readable by its owner only). */
  static void add(Path file, String user, char[] password) throws IOException {
    if (!user.matches(NAME_PATTERN)) {
      throw new IllegalArgumentException("Cannot add user '" + user + "': a name is 1-64 letters, digits or _ . @ -");
    }
    if (password.length < 8) {
      throw new IllegalArgumentException("Cannot add user '" + user + "': the password must have at least 8 characters");
    }
    byte[] salt = new byte[SALT_BYTES];
    new SecureRandom().nextBytes(salt);
    String line = user + ":" + ALGORITHM + ":" + ITERATIONS + ":" + Base64.getEncoder().encodeToString(salt) + ":"
        + Base64.getEncoder().encodeToString(hash(password, salt, ITERATIONS));
    List<String> lines = new ArrayList<>();
    if (Files.exists(file)) {
      for (String existing : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!existing.startsWith(user + ":")) {
          lines.add(existing);
        }
      }
    } else {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.createFile(file);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the folder's permissions apply.
      }
    }
    lines.add(line);
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  /** True when the file has a line for the user whose hash the password reproduces. */
  static boolean verify(Path file, String user, char[] password) throws IOException {
    if (user == null || password == null || !Files.isRegularFile(file)) {
      return false;
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String[] parts = line.trim().split(":");
      if (parts.length != 5 || !parts[0].equals(user) || !parts[1].equals(ALGORITHM)) {
        continue;
      }
      byte[] salt = Base64.getDecoder().decode(parts[3]);
      byte[] expected = Base64.getDecoder().decode(parts[4]);
      return MessageDigest.isEqual(expected, hash(password, salt, Integer.parseInt(parts[2])));
    }
    return false;
  }

  /** How many users the file holds (0 when it is missing). */
  static int users(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return 0;
    }
    return (int) Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> l.split(":").length == 5).count();
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
