package io.raffinerie.e2e.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.raffinerie.e2e.cli.Plugin.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plugin's start time, measured (not asserted): the wall time of {@code --help}, {@code list}, {@code get} of a run
 * with 50 steps and two TABs ({@code __complete}), as processes, 5 runs each, median; through the launcher (AppCDS
 * archive, C1, serial GC), with the launcher's options but no AppCDS archive, and as a plain {@code java -jar}.
 * Written to e2e/target/cli-timings.txt; docs/cli.md has a run's figures.
 */
class CliTimingIT extends PluginSuite {
    static final String NS = "e2e-cli-speed";
    static final int RUNS = 5;

    CliTimingIT() {
        super(NS);
    }

    @BeforeAll
    void fixtures() {
        Plugin.simulatedJob(raffinerie, NS, "quick", "0s", 0, "quick done");
        String stepsYaml = IntStream.rangeClosed(1, 50).mapToObj(i -> "- {name: s" + i + ", jobRef: quick}")
                .collect(Collectors.joining("\n"));
        raffinerie.pipeline(NS, "fifty", stepsYaml, null);
        raffinerie.run(NS, "fifty-1", "pipelineRef", "fifty", null);
        raffinerie.awaitPhase(NS, "fifty-1", "Succeeded");
    }

    @Test
    void startTimeWithAndWithoutTheClassDataArchiveAndGetOfARunWithFiftySteps() throws IOException {
        Path jar = plugin.launcher().toRealPath().resolveSibling("kubectl-raffinerie.jar");
        Map<String, List<String>> variants = new LinkedHashMap<>();
        variants.put("launcher (AppCDS, C1, serial GC)", List.of(plugin.launcher().toString()));
        variants.put("launcher's options, no AppCDS", List.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-XX:-UsePerfData", "-jar", jar.toString()));
        variants.put("plain java -jar", List.of("java", "-jar", jar.toString()));
        Map<String, List<String>> commands = new LinkedHashMap<>();
        commands.put("--help", List.of("--help"));
        commands.put("list", List.of("list", "-n", NS));
        commands.put("get of a run with 50 steps", List.of("get", "fifty-1", "-n", NS));
        commands.put("TAB: __complete \"\" (subcommands)", List.of("__complete", ""));
        commands.put("TAB: __complete get -n NS \"\" (runs)", List.of("__complete", "get", "-n", NS, ""));

        StringBuilder report = new StringBuilder("kubectl-raffinerie wall time, median of " + RUNS + " (ms), the runs in brackets; load"
                + " average before: " + Files.readString(Path.of("/proc/loadavg")).trim() + "\n");
        for (var command : commands.entrySet()) {
            for (var variant : variants.entrySet()) {
                if (command.getKey().startsWith("TAB") && !variant.getKey().startsWith("launcher (")) {
                    continue;
                }
                List<String> argv = new ArrayList<>(variant.getValue());
                argv.addAll(command.getValue());
                List<Long> times = new ArrayList<>();
                for (int i = 0; i < RUNS; i++) {
                    long start = System.nanoTime();
                    Result result = plugin.exec(argv, Map.of());
                    times.add((System.nanoTime() - start) / 1_000_000);
                    assertThat(result.exitCode()).as(result.describe()).isZero();
                    if (command.getKey().startsWith("get")) {
                        assertThat(result.stdout().lines()).as("the run and its 50 steps, under a header").hasSize(52);
                    }
                    if (command.getKey().contains("(runs)")) {
                        assertThat(result.stdout()).contains("fifty-1\tSucceeded");
                    }
                }
                report.append(String.format("%-38s %-34s %6d %s%n", command.getKey(), variant.getKey(), median(times), times));
            }
        }
        report.append("load average after: ").append(Files.readString(Path.of("/proc/loadavg")).trim()).append('\n');
        Path file = cluster.e2eDir().resolve("target/cli-timings.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
        System.out.print(report);
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }
}
