package io.raffinerie.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Shell completion from the commands' own model: {@code kubectl-raffinerie __complete WORD... CURRENT} prints the
 * candidates for CURRENT, one a line ({@code value<TAB>description}), then {@code :DIRECTIVE}. That is cobra's protocol,
 * which kubectl speaks to {@code kubectl_complete-raffinerie} (kubectl 1.26+) and the bash and zsh scripts speak too.
 * Subcommands, options and fixed values come from picocli's model; the names of jobs, pipelines, runs, steps,
 * parameters, namespaces and contexts from a {@link Names} source (the cluster, see {@link ClusterNames}).
 */
final class Completer {
    /** cobra's ShellCompDirective: no file names, and no space after a candidate that ends with '='. */
    static final int NO_SPACE = 2;
    static final int NO_FILE_COMPLETION = 4;

    record Candidate(String value, String description) {
        String line() {
            return description == null || description.isEmpty() ? value : value + "\t" + description.replaceAll("\\s+", " ");
        }
    }

    /** The words typed so far, as the command they address sees them. */
    record Words(List<String> positionals, Map<String, String> options) {
        /** The value given to the option (any of its names), or null. */
        String option(String... names) {
            for (String name : names) {
                if (options.containsKey(name)) {
                    return options.get(name);
                }
            }
            return null;
        }

        String positional(int index) {
            return positionals.size() > index ? positionals.get(index) : null;
        }
    }

    /** Where the names in the cluster come from. */
    interface Names {
        List<Candidate> names(CompletionNames.Kind kind, Words words);
    }

    private final CommandSpec root;
    private final Names names;

    Completer(CommandSpec root, Names names) {
        this.root = root;
        this.names = names;
    }

    /** The lines to print for these words, the last of which is the one being completed. */
    List<String> complete(List<String> words) {
        List<Candidate> candidates = candidates(words.isEmpty() ? List.of("") : words);
        List<String> lines = new ArrayList<>(candidates.stream().map(Candidate::line).toList());
        boolean noSpace = candidates.stream().anyMatch(c -> c.value().endsWith("="));
        lines.add(":" + (NO_FILE_COMPLETION | (noSpace ? NO_SPACE : 0)));
        return lines;
    }

    List<Candidate> candidates(List<String> words) {
        String current = words.get(words.size() - 1);
        CommandSpec spec = root;
        List<String> positionals = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        OptionSpec pending = null;
        for (String word : words.subList(0, words.size() - 1)) {
            if (pending != null) {
                options.put(pending.longestName(), word);
                pending = null;
            } else if (positionals.isEmpty() && spec.subcommands().containsKey(word)) {
                spec = spec.subcommands().get(word).getCommandSpec();
            } else if (word.startsWith("-") && word.length() > 1) {
                int equals = word.indexOf('=');
                OptionSpec option = spec.findOption(equals > 0 ? word.substring(0, equals) : word);
                if (option != null && equals > 0) {
                    options.put(option.longestName(), word.substring(equals + 1));
                } else if (option != null && takesValue(option)) {
                    pending = option;
                } else if (option != null) {
                    options.put(option.longestName(), "true");
                }
            } else {
                positionals.add(word);
            }
        }
        Words typed = new Words(List.copyOf(positionals), Map.copyOf(options));
        if (pending != null) {
            return matching(values(pending, typed), current);
        }
        if (current.startsWith("-")) {
            int equals = current.indexOf('=');
            OptionSpec option = equals > 0 ? spec.findOption(current.substring(0, equals)) : null;
            if (option != null && takesValue(option)) {
                // cobra's way: the values of --name=VALUE come without the "--name=", which the shell keeps
                return matching(values(option, typed), current.substring(equals + 1));
            }
            return matching(optionNames(spec, options), current);
        }
        if (positionals.isEmpty() && !visibleSubcommands(spec).isEmpty()) {
            return matching(visibleSubcommands(spec), current);
        }
        int index = positionals.size();
        for (PositionalParamSpec positional : spec.positionalParameters()) {
            if (positional.index().contains(index)) {
                return matching(values(positional, typed), current);
            }
        }
        return List.of();
    }

    private List<Candidate> values(ArgSpec arg, Words typed) {
        Iterable<String> fixed = arg.completionCandidates();
        if (fixed instanceof CompletionNames fromCluster) {
            return names.names(fromCluster.kind(), typed);
        }
        List<Candidate> values = new ArrayList<>();
        if (fixed != null) {
            fixed.forEach(value -> values.add(new Candidate(value, null)));
        }
        return values;
    }

    private static List<Candidate> optionNames(CommandSpec spec, Map<String, String> given) {
        List<Candidate> candidates = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            if (option.hidden() || given.containsKey(option.longestName()) && !option.isMultiValue()) {
                continue;
            }
            String description = option.description().length == 0 ? null : option.description()[0];
            for (String name : option.names()) {
                candidates.add(new Candidate(name, description));
            }
        }
        return candidates;
    }

    private static List<Candidate> visibleSubcommands(CommandSpec spec) {
        return spec.subcommands().entrySet().stream().filter(e -> !e.getValue().getCommandSpec().usageMessage().hidden())
                .map(e -> {
                    String[] description = e.getValue().getCommandSpec().usageMessage().description();
                    return new Candidate(e.getKey(), description.length == 0 ? null : description[0]);
                }).toList();
    }

    private static boolean takesValue(OptionSpec option) {
        return option.arity().max() > 0 && !option.typeInfo().isBoolean();
    }

    /** The candidates that start with what is typed. */
    private static List<Candidate> matching(List<Candidate> candidates, String typed) {
        return candidates.stream().filter(c -> c.value().startsWith(typed)).distinct().toList();
    }
}
