package io.clientele.jobs.serve;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.security.sasl.AuthenticationException;
import org.apache.hive.service.auth.PasswdAuthenticationProvider;

/**
 * Hive's CUSTOM authentication for {@code clientele serve}: checks user and password against the users file
 * ({@link PasswordFile}), read at each login so that a user added while the server runs can log in. Hive creates
 * this class by name from a fresh HiveConf, so the file comes from {@link #USERS_FILE_PROPERTY}.
 */
public final class ServeAuthenticator implements PasswdAuthenticationProvider {
  /** System property naming the users file; serve sets it before the server starts. */
  public static final String USERS_FILE_PROPERTY = "clientele.serve.users-file";

  @Override
  public void Authenticate(String user, String password) throws AuthenticationException {
    String file = System.getProperty(USERS_FILE_PROPERTY);
    if (file == null) {
      throw new AuthenticationException("Authentication is not configured: no users file");
    }
    boolean valid;
    try {
      valid = password != null && PasswordFile.verify(Paths.get(file), user, password.toCharArray());
    } catch (IOException | RuntimeException e) {
      throw new AuthenticationException("Cannot check the password: " + e.getMessage(), e);
    }
    if (!valid) {
      // The same message for an unknown user and a wrong password.
      throw new AuthenticationException("Invalid user name or password");
    }
  }

  static Path usersFile() {
    String file = System.getProperty(USERS_FILE_PROPERTY);
    return file == null ? null : Paths.get(file);
  }
}
