// The java images' self-test: run as a single-file source (java Main.java) and, compiled, as a jar (java -jar).
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;

public class Main {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(System.getenv().getOrDefault("N", "10"));
        Path csv = Files.writeString(Path.of("/tmp/squares-" + ProcessHandle.current().pid() + ".csv"),
                String.join("\n", IntStream.rangeClosed(1, n).mapToObj(i -> i + "," + i * i).toList()));
        long sum = Files.readAllLines(csv).stream().mapToLong(line -> Long.parseLong(line.split(",")[1])).sum();
        String root;
        try {
            Files.writeString(Path.of("/opt/raffinerie/written"), "x");
            root = "writable";
        } catch (java.io.IOException e) {
            root = "read-only";
        }
        String how = Main.class.getProtectionDomain().getCodeSource() != null
                && Main.class.getProtectionDomain().getCodeSource().getLocation().getPath().endsWith(".jar") ? "jar" : "source";
        System.out.println("{\"java\":\"" + Runtime.version().feature() + "\",\"how\":\"" + how + "\",\"root\":\"" + root
                + "\",\"sum\":" + sum + ",\"uid\":" + new com.sun.security.auth.module.UnixSystem().getUid() + "}");
    }
}
