package io.clientele.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local file system without forked processes behaves as Hadoop's: permissions, links, renames, checksums. */
class ForklessLocalFileSystemTest {
  @TempDir java.nio.file.Path dir;

  private static Configuration conf() {
    Configuration conf = new Configuration(false);
    conf.set("fs.file.impl", ForklessLocalFileSystem.class.getName());
    conf.set("fs.AbstractFileSystem.file.impl", ForklessLocalFileSystem.Fs.class.getName());
    conf.setBoolean("fs.file.impl.disable.cache", true);
    return conf;
  }

  @Test
  void createAndMkdirsSetThePermissionAskedFor() throws IOException {
    FileSystem fs = FileSystem.get(dir.toUri(), conf());
    assertThat(fs).isInstanceOf(ForklessLocalFileSystem.class);
    Path file = new Path(dir.toUri().toString(), "a/b/data.txt");
    Path folder = new Path(dir.toUri().toString(), "c");

    try (OutputStream out = fs.create(file, new FsPermission((short) 0640), true, 4096, (short) 1, 1 << 20, null)) {
      out.write("x".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(fs.mkdirs(folder, new FsPermission((short) 0751))).isTrue();
    fs.setPermission(file, new FsPermission((short) 0604));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b/data.txt")))).isEqualTo("rw----r--");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("c")))).isEqualTo("rwxr-x--x");
    // Checksummed as Hadoop's LocalFileSystem: a .crc file beside the data.
    assertThat(dir.resolve("a/b/.data.txt.crc")).exists();
  }

  @Test
  void linkStatusAnswersAsHadoopsOwnAndRenameMoves() throws IOException {
    FileSystem fs = FileSystem.get(dir.toUri(), conf());
    FileSystem hadoops = new org.apache.hadoop.fs.LocalFileSystem();
    hadoops.initialize(dir.toUri(), new Configuration(false));
    java.nio.file.Path target = Files.writeString(dir.resolve("target.txt"), "t");
    Files.createSymbolicLink(dir.resolve("link.txt"), target);

    for (Path path : List.of(new Path(target.toUri()), new Path(target.toString()),
        new Path(dir.resolve("link.txt").toUri()), new Path(dir.resolve("link.txt").toString()))) {
      FileStatus ours = fs.getFileLinkStatus(path);
      FileStatus theirs = hadoops.getFileLinkStatus(path);
      assertThat(ours.isSymlink()).as("link %s", path).isEqualTo(theirs.isSymlink());
      assertThat(ours.isFile()).as("file %s", path).isEqualTo(theirs.isFile());
      assertThat(ours.getLen()).as("length %s", path).isEqualTo(theirs.getLen());
      assertThat(ours.getPath()).as("path %s", path).isEqualTo(theirs.getPath());
    }
    // An unqualified path to a link is a link (Hadoop's readlink is given a path with a scheme otherwise).
    assertThat(fs.getFileLinkStatus(new Path(dir.resolve("link.txt").toString())).isSymlink()).isTrue();
    assertThat(fs.getFileLinkStatus(new Path(target.toUri())).isSymlink()).isFalse();

    assertThat(fs.rename(new Path(target.toUri()), new Path(dir.resolve("moved.txt").toUri()))).isTrue();
    assertThat(dir.resolve("moved.txt")).hasContent("t");
  }

  @Test
  void fileContextCreatesAndRenamesWithoutOverwriting() throws IOException {
    // Delta's log store commits a version by writing a temporary file and renaming it without overwrite.
    FileContext context = FileContext.getFileContext(dir.toUri(), conf());
    Path temp = new Path(dir.toUri().toString(), "_delta_log/.00000.json.tmp");
    Path version = new Path(dir.toUri().toString(), "_delta_log/00000.json");
    try (OutputStream out = context.create(temp, java.util.EnumSet.of(CreateFlag.CREATE), Options.CreateOpts.createParent())) {
      out.write("{}".getBytes(StandardCharsets.UTF_8));
    }
    context.rename(temp, version, Options.Rename.NONE);

    assertThat(dir.resolve("_delta_log/00000.json")).hasContent("{}");
    assertThat(dir.resolve("_delta_log/.00000.json.crc")).exists();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
      try (OutputStream out = context.create(temp, java.util.EnumSet.of(CreateFlag.CREATE))) {
        out.write("{}".getBytes(StandardCharsets.UTF_8));
      }
      context.rename(temp, version, Options.Rename.NONE);
    }).isInstanceOf(org.apache.hadoop.fs.FileAlreadyExistsException.class);
  }
}
