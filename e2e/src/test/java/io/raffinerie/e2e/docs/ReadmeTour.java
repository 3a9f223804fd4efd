package io.raffinerie.e2e.docs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The commands of the README's five-minute tour, read from the README: every line of a ```bash block of the section
 * "## A five-minute tour" is a command, with its here-document (<<'YAML' ... YAML) as part of it; the "# " lines after
 * a command are what it prints ("..." elides), as a reader sees them.
 */
final class ReadmeTour {
    static final String SECTION = "## A five-minute tour";
    private static final Pattern HEREDOC = Pattern.compile("<<-?'?(\\w+)'?\\s*(#.*)?$");

    /** One command: its README line, the text bash runs, and the fragments of its documented output. */
    record Step(int line, String command, List<String> expected) {
        boolean watches() {
            return Pattern.compile("\\sget\\s.*\\s-w(\\s|$)").matcher(command.split("\n")[0] + " ").find();
        }

        @Override
        public String toString() {
            return "README.md:" + line + ": " + command.split("\n")[0];
        }
    }

    private ReadmeTour() {
    }

    static List<Step> steps(List<String> readme) {
        int start = readme.indexOf(SECTION);
        if (start < 0) {
            throw new IllegalArgumentException("README.md has no section " + SECTION);
        }
        List<Step> steps = new ArrayList<>();
        boolean inBash = false;
        for (int i = start + 1; i < readme.size() && !readme.get(i).startsWith("## "); i++) {
            String line = readme.get(i);
            if (line.trim().startsWith("```")) {
                inBash = !inBash && line.trim().equals("```bash");
                continue;
            }
            if (!inBash || line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                if (steps.isEmpty()) {
                    throw new IllegalArgumentException("README.md:" + (i + 1) + ": output before any command");
                }
                Step last = steps.remove(steps.size() - 1);
                List<String> expected = new ArrayList<>(last.expected());
                Arrays.stream(line.replaceFirst("^#\\s?", "").split("\\.\\.\\.")).map(String::trim)
                        .filter(f -> !f.isEmpty()).forEach(expected::add);
                steps.add(new Step(last.line(), last.command(), expected));
                continue;
            }
            StringBuilder command = new StringBuilder(line);
            var heredoc = HEREDOC.matcher(line);
            int first = i;
            if (heredoc.find()) {
                String end = heredoc.group(1);
                do {
                    i++;
                    command.append('\n').append(readme.get(i));
                } while (!readme.get(i).equals(end));
            }
            steps.add(new Step(first + 1, command.toString(), List.of()));
        }
        return steps;
    }
}
