package io.raffinerie.bench;

import io.raffinerie.e2e.harness.Operator;
import io.raffinerie.testsupport.PrometheusScrape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the benchmarks read from the operator process: its metrics, and its heap and RSS. */
final class OperatorProbe {
    static final String WRITES = "raffinerie_api_writes_total";
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total (\\d+)K, used (\\d+)K");
    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
    private static final Pattern PEAK_RSS = Pattern.compile("VmHWM:\\s+(\\d+) kB");

    private OperatorProbe() {
    }

    record Memory(long heapUsedBytes, long heapCommittedBytes, long rssBytes) {
        Map<String, Object> toMap() {
            return Map.of("heapUsedMiB", mib(heapUsedBytes), "heapCommittedMiB", mib(heapCommittedBytes), "rssMiB", mib(rssBytes));
        }
    }

    static double mib(long bytes) {
        return Math.round(bytes / 1024.0 / 1024.0 * 10) / 10.0;
    }

    static PrometheusScrape scrape(Operator operator) {
        return PrometheusScrape.of(operator.metrics());
    }

    static double writes(PrometheusScrape scrape) {
        return scrape.sum(WRITES, Map.of());
    }

    /** Writes per "verb resource" between two scrapes, for the breakdown in the results. */
    static Map<String, Double> writesByResource(PrometheusScrape before, PrometheusScrape after) {
        Map<String, Double> delta = new TreeMap<>();
        for (Map<String, String> labels : after.labelSets(WRITES)) {
            double value = after.sum(WRITES, labels) - before.sum(WRITES, labels);
            if (value > 0) {
                delta.put(labels.get("verb") + " " + labels.get("resource"), value);
            }
        }
        return delta;
    }

    static double successes(PrometheusScrape scrape, String controller) {
        return scrape.sum("reconciliations_success_total", Map.of("controller_name", controller));
    }

    /** Heap after a full GC (jcmd GC.run, then GC.heap_info) and the resident set size. */
    static Memory memory(Operator operator) {
        long pid = operator.pid();
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher heap = HEAP_USED.matcher(info);
        if (!heap.find()) {
            throw new IllegalStateException("cannot read the heap from jcmd GC.heap_info:\n" + info);
        }
        return new Memory(Long.parseLong(heap.group(2)) * 1024, Long.parseLong(heap.group(1)) * 1024, rss(pid)[0]);
    }

    /** {resident set size, its peak} in bytes, from /proc/&lt;pid&gt;/status (-1 when not there). */
    static long[] rss(long pid) {
        try {
            String status = Files.readString(Path.of("/proc/" + pid + "/status"));
            return new long[] {kiB(RSS.matcher(status)), kiB(PEAK_RSS.matcher(status))};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long kiB(Matcher matcher) {
        return matcher.find() ? Long.parseLong(matcher.group(1)) * 1024 : -1;
    }

    private static String jcmd(long pid, String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + command + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
