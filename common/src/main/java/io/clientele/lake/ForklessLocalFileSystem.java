package io.clientele.lake;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFs;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FsServerDefaults;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.local.LocalConfigKeys;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system ({@code file:}) without a process per call. Without Hadoop's native library (which
 * Spark's Maven artifacts do not ship), {@link RawLocalFileSystem} runs {@code chmod} in a new process for every
 * file and folder it creates with a permission, and {@code readlink} for every rename (Delta's log commits, the
 * Parquet committer's task files): profiled on a 14-statement {@code sql} run, 355 processes forked from the driver's
 * JVM. This class sets permissions with {@code java.nio} and looks for a symbolic link with
 * {@link Files#isSymbolicLink}, handing links to Hadoop's own code (for the qualified paths Spark and Delta pass,
 * Hadoop gives {@code readlink} the path with its {@code file:} scheme, so it answers "no link" there, and so does
 * this class), and otherwise is Hadoop's class: same checksummed files, same statuses. Where the file
 * store has no POSIX permissions, or for a sticky bit, it falls back to Hadoop's own code.
 *
 * <p>Installed by {@code spark.hadoop.fs.file.impl} (the {@code FileSystem} API) and
 * {@code spark.hadoop.fs.AbstractFileSystem.file.impl} (the {@code FileContext} API, which Delta's log store uses)
 * in {@code conf/clientele.properties}.
 */
public class ForklessLocalFileSystem extends LocalFileSystem {
  public ForklessLocalFileSystem() {
    super(new Raw());
  }

  /** The raw (unchecksummed) layer. */
  public static class Raw extends RawLocalFileSystem {
    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      java.nio.file.Path local = pathToFile(p).toPath();
      PosixFileAttributeView view = Files.getFileAttributeView(local, PosixFileAttributeView.class);
      if (view == null || permission.getStickyBit()) {
        super.setPermission(p, permission);
        return;
      }
      view.setPermissions(posix(permission));
    }

    @Override
    public FileStatus getFileLinkStatus(Path f) throws IOException {
      if (Files.isSymbolicLink(pathToFile(f).toPath())) {
        return super.getFileLinkStatus(f);
      }
      return getFileStatus(f);
    }
  }

  /** The same for Hadoop's {@code FileContext} API: checksummed, over {@link Raw}. */
  public static class Fs extends ChecksumFs {
    public Fs(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(new RawFs(uri, conf));
    }
  }

  /** As Hadoop's {@code org.apache.hadoop.fs.local.RawLocalFs}, delegating to {@link Raw}. */
  public static class RawFs extends DelegateToFileSystem {
    public RawFs(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(uri, new Raw(), conf, "file", false);
    }

    @Override
    public int getUriDefaultPort() {
      return -1;
    }

    @Override
    @SuppressWarnings("deprecation")
    public FsServerDefaults getServerDefaults() throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    public FsServerDefaults getServerDefaults(Path f) throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    public boolean isValidName(String src) {
      return true;
    }
  }

  static Set<PosixFilePermission> posix(FsPermission permission) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    add(set, permission.getUserAction(), PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.OWNER_EXECUTE);
    add(set, permission.getGroupAction(), PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
        PosixFilePermission.GROUP_EXECUTE);
    add(set, permission.getOtherAction(), PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
        PosixFilePermission.OTHERS_EXECUTE);
    return set;
  }

  private static void add(Set<PosixFilePermission> set, FsAction action, PosixFilePermission read,
      PosixFilePermission write, PosixFilePermission execute) {
    if (action.implies(FsAction.READ)) {
      set.add(read);
    }
    if (action.implies(FsAction.WRITE)) {
      set.add(write);
    }
    if (action.implies(FsAction.EXECUTE)) {
      set.add(execute);
    }
  }
}
