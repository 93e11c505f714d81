package com.ezscale.billing.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/ezscale}, the launcher README gives for every command: which JVM options it starts each command
 * with. A {@code java} on the PATH that writes its arguments to a file stands in for the JVM, so what is checked
 * is the script's own choice, in the shell CI and operators run it with.
 */
class LauncherTest {

    private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

    @TempDir
    Path dir;

    private Path jar;
    private Path seen;

    @BeforeEach
    void jvmThatWritesItsArguments() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        seen = dir.resolve("java-arguments.txt");
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"" + seen + "\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        // A jar already extracted (the extraction newer than the jar), so the launcher goes straight to the command.
        jar = dir.resolve("ezscale-jobs.jar");
        Files.writeString(jar, "jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-12-01T00:00:00Z")));
        Path extracted = Files.createDirectories(dir.resolve("ezscale-jobs")).resolve("ezscale-jobs.jar");
        Files.writeString(extracted, "extracted");
        Files.setLastModifiedTime(extracted, FileTime.from(Instant.parse("2026-12-02T00:00:00Z")));
    }

    @Test
    void oneShotCommandsRunOnC1OnlyAndServeKeepsC2() throws Exception {
        for (String command : List.of("bench", "run", "restart", "demo", "runs", "usage", "preview", "pdf", "help")) {
            assertThat(launch(Map.of(), command, "--as-of", "2026-12-01"))
                    .as(command)
                    .contains(C1_ONLY)
                    .endsWith(
                            "-jar",
                            dir.resolve("ezscale-jobs/ezscale-jobs.jar").toString(),
                            command,
                            "--as-of",
                            "2026-12-01");
        }
        for (String command : List.of("serve", "parallel-run", "cutover")) {
            assertThat(launch(Map.of(), command))
                    .as(command)
                    .doesNotContain(C1_ONLY)
                    .endsWith(command);
        }
        assertThat(launch(Map.of(), "--help")).contains(C1_ONLY).endsWith("--help");
    }

    @Test
    void theCommandIsFoundAfterTheSettingsThatComeBeforeIt() throws Exception {
        // Found 2026-12-04: with a setting first, bench ran on C2 (the launcher looked at the first argument only).
        assertThat(launch(Map.of(), "--ezscale.billing.partitions=2", "bench", "--customers", "100000"))
                .contains(C1_ONLY)
                .endsWith("--ezscale.billing.partitions=2", "bench", "--customers", "100000");
        assertThat(launch(Map.of(), "--spring.profiles.active=node", "serve"))
                .doesNotContain(C1_ONLY)
                .endsWith("--spring.profiles.active=node", "serve");
    }

    @Test
    void javaOptsArePassedOnAndTheClassArchiveIsWrittenOnceThenMapped() throws Exception {
        List<String> first = launch(Map.of("JAVA_OPTS", "-Xmx1g -XX:+UseParallelGC"), "bench");
        assertThat(first).contains("-Xmx1g", "-XX:+UseParallelGC");
        assertThat(first).contains("-XX:ArchiveClassesAtExit=" + dir.resolve("ezscale-jobs/app.jsa"));

        Files.writeString(dir.resolve("ezscale-jobs/app.jsa"), "archive");
        assertThat(launch(Map.of(), "bench"))
                .contains("-XX:SharedArchiveFile=" + dir.resolve("ezscale-jobs/app.jsa"))
                .noneMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit"));
    }

    private List<String> launch(Map<String, String> env, String... args) throws Exception {
        Files.deleteIfExists(seen);
        List<String> command = new ArrayList<>(List.of("sh", launcher().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PATH", dir.resolve("bin") + ":/usr/bin:/bin");
        builder.environment().put("EZSCALE_JAR", jar.toString());
        builder.environment().remove("JAVA_OPTS");
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        return Files.readAllLines(seen);
    }

    private static Path launcher() {
        // Surefire runs in the module's directory; the launcher is at the repository's top.
        Path path = Path.of("..", "bin", "ezscale").toAbsolutePath().normalize();
        assertThat(path).exists();
        return path;
    }
}
