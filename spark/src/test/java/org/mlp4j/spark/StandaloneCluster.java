package org.mlp4j.spark;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster for the tests: a master and two workers (one core each), each its own JVM, which
 * start executor JVMs for the application. Spark's own jars come from this JVM's class path (the executors get them
 * as {@code spark.executor.extraClassPath}); mlp4j's classes do not: they are packed into a jar that the application
 * ships with {@code spark.jars}, so executors load them the way a {@code spark-submit --jars} user's are loaded.
 */
final class StandaloneCluster implements AutoCloseable {
    final String masterUrl;
    final String sparkClassPath;
    /** The {@code spark.jars} value: mlp4j's class directories packed into a jar, and mlp4j's jars. */
    final String mlp4jJars;
    final List<String> jvmOptions;
    private final List<Process> processes = new ArrayList<>();
    private final Path logs;

    StandaloneCluster(Path dir, int workers) throws IOException, InterruptedException {
        Path home = Files.createDirectories(dir.resolve("spark-home"));
        // a binary distribution's layout (RELEASE, jars/) so the worker's executor command builder accepts it
        Files.writeString(home.resolve("RELEASE"), "mlp4j test cluster\n");
        Files.createDirectories(home.resolve("jars"));
        Files.createDirectories(home.resolve("conf"));
        logs = Files.createDirectories(dir.resolve("logs"));
        List<String> ours = new ArrayList<>();
        List<String> spark = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            boolean mlp4j = Files.isDirectory(Path.of(entry)) || Path.of(entry).getFileName().toString().startsWith("mlp4j");
            (mlp4j ? ours : spark).add(entry);
        }
        sparkClassPath = String.join(File.pathSeparator, spark);
        List<String> jars = new ArrayList<>();
        jars.add(pack(ours, dir.resolve("mlp4j-under-test.jar")).toString());
        for (String entry : ours) {
            if (!Files.isDirectory(Path.of(entry))) {
                jars.add(entry); // a reactor build hands modules over as their packaged jars
            }
        }
        mlp4jJars = String.join(",", jars);
        jvmOptions = new ArrayList<>();
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-modules") || arg.startsWith("-Djdk.reflect")
                    || arg.startsWith("-Dio.netty")) {
                jvmOptions.add(arg.replace("--add-opens ", "--add-opens=").replace("--add-modules ", "--add-modules="));
            }
        }
        int port = freePort();
        masterUrl = "spark://127.0.0.1:" + port;
        start(home, "master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                String.valueOf(port), "--webui-port", String.valueOf(freePort()));
        awaitPort(port);
        for (int w = 0; w < workers; w++) {
            Path work = Files.createDirectories(dir.resolve("worker-" + w));
            start(home, "worker-" + w, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1",
                    "--memory", "1g", "--webui-port", String.valueOf(freePort()), "--work-dir", work.toString(),
                    masterUrl);
        }
    }

    /** The {@code spark.executor.extraJavaOptions} value: the module options this JVM runs with. */
    String executorJavaOptions() {
        return String.join(" ", jvmOptions);
    }

    private void start(Path home, String name, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-Xmx256m");
        cmd.add("-cp");
        cmd.add(sparkClassPath);
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        processes.add(pb.start());
    }

    /** The last lines of every cluster JVM's log, for a failure message. */
    String logTails() throws IOException {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> files = Files.walk(logs.getParent())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".log") || p.endsWith("stderr")).toList()) {
                List<String> lines = Files.readAllLines(f);
                b.append("== ").append(f).append('\n');
                lines.subList(Math.max(0, lines.size() - 15), lines.size()).forEach(l -> b.append(l).append('\n'));
            }
        }
        return b.toString();
    }

    private static Path pack(List<String> dirs, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String d : dirs) {
                Path root = Path.of(d);
                if (!Files.isDirectory(root)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        String name = root.relativize(f).toString().replace(File.separatorChar, '/');
                        if (!seen.add(name)) {
                            continue;
                        }
                        out.putNextEntry(new JarEntry(name));
                        Files.copy(f, (OutputStream) out);
                        out.closeEntry();
                    }
                }
            }
        }
        return jar;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void awaitPort(int port) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IOException("the Spark master did not open port " + port + " within 120 s");
    }

    @Override
    public void close() throws InterruptedException {
        // workers first (each stops its executors), then the master
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.destroy();
            if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
