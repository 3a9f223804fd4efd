package io.raffinerie.model.pipeline;

import io.raffinerie.api.v1alpha1.PipelineStep;
import io.raffinerie.model.Problem;
import io.raffinerie.model.Reasons;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The DAG of a pipeline's steps. Built only from a valid list of steps (see {@link #of}); the order of steps as
 * declared is kept wherever an order is free, so that results are stable.
 */
public final class PipelineGraph {
    private final Map<String, PipelineStep> steps;
    private final Map<String, List<String>> dependencies;
    private final Map<String, List<String>> dependents;
    private final List<String> topologicalOrder;

    private PipelineGraph(Map<String, PipelineStep> steps, Map<String, List<String>> dependencies,
            Map<String, List<String>> dependents, List<String> topologicalOrder) {
        this.steps = steps;
        this.dependencies = dependencies;
        this.dependents = dependents;
        this.topologicalOrder = topologicalOrder;
    }

    /** The graph, or the first problem of the steps: a duplicate, an unknown or self dependency, or a cycle. */
    public static Result of(List<PipelineStep> declared) {
        if (declared == null || declared.isEmpty()) {
            return Result.invalid(new Problem(Reasons.INVALID_SPEC, "spec.steps: a pipeline needs at least one step"));
        }
        Map<String, PipelineStep> steps = new LinkedHashMap<>();
        declared.forEach(step -> steps.putIfAbsent(step.name, step));
        if (steps.size() < declared.size()) {
            Map<String, Long> uses = declared.stream().collect(Collectors.groupingBy(step -> step.name, Collectors.counting()));
            int index = IntStream.range(0, declared.size()).filter(i -> uses.get(declared.get(i).name) > 1).findFirst().orElseThrow();
            PipelineStep step = declared.get(index);
            return Result.invalid(new Problem(Reasons.INVALID_SPEC, at(index, step) + "the step name \"" + step.name
                    + "\" is used more than once; step names must be unique"));
        }
        Map<String, List<String>> dependencies = new LinkedHashMap<>();
        Map<String, List<String>> dependents = new LinkedHashMap<>();
        steps.keySet().forEach(name -> dependents.put(name, new ArrayList<>()));
        for (int index = 0; index < declared.size(); index++) {
            PipelineStep step = declared.get(index);
            List<String> upstream = step.dependsOn == null ? List.of() : step.dependsOn.stream().distinct().toList();
            for (String dependency : upstream) {
                if (dependency.equals(step.name)) {
                    return Result.invalid(new Problem(Reasons.CYCLE_DETECTED, at(index, step)
                            + "a step cannot depend on itself: remove \"" + step.name + "\" from its dependsOn"));
                }
                if (!steps.containsKey(dependency)) {
                    return Result.invalid(new Problem(Reasons.INVALID_SPEC, at(index, step) + "dependsOn \"" + dependency
                            + "\" is not a step of this pipeline; steps are: " + quoted(steps.keySet())));
                }
                dependents.get(dependency).add(step.name);
            }
            dependencies.put(step.name, upstream);
        }
        Optional<List<String>> cycle = findCycle(steps.keySet(), dependencies);
        if (cycle.isPresent()) {
            return Result.invalid(new Problem(Reasons.CYCLE_DETECTED,
                    "spec.steps: the steps form a cycle: " + String.join(" -> ", cycle.get())));
        }
        return Result.valid(new PipelineGraph(steps, dependencies, dependents, topologicalOrder(steps.keySet(), dependencies)));
    }

    /** Where a message points: {@code spec.steps[1] (load): }, as the schema's rules say it. */
    private static String at(int index, PipelineStep step) {
        return "spec.steps[" + index + "] (" + step.name + "): ";
    }

    /** {@code ["extract", "load"]}, as the schema's rules print a list. */
    private static String quoted(Collection<String> names) {
        return names.stream().map(name -> "\"" + name + "\"").collect(Collectors.joining(", ", "[", "]"));
    }

    /** The first step, in declared order, whose DataJob is missing from {@code existingJobs}. */
    public Optional<Problem> findMissingJob(Set<String> existingJobs, String namespace) {
        return steps.values().stream()
                .filter(step -> !existingJobs.contains(step.jobRef))
                .findFirst()
                .map(step -> new Problem(Reasons.JOB_NOT_FOUND, "step \"" + step.name + "\" runs DataJob \"" + step.jobRef
                        + "\", which does not exist in namespace " + namespace));
    }

    public Collection<PipelineStep> steps() {
        return steps.values();
    }

    public PipelineStep step(String name) {
        return steps.get(name);
    }

    public List<String> dependenciesOf(String step) {
        return dependencies.get(step);
    }

    /** The steps {@code step} depends on, directly or not, nearest first. */
    public Set<String> ancestorsOf(String step) {
        Set<String> ancestors = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(dependencies.getOrDefault(step, List.of()));
        while (!queue.isEmpty()) {
            String next = queue.poll();
            if (ancestors.add(next)) {
                queue.addAll(dependencies.getOrDefault(next, List.of()));
            }
        }
        return ancestors;
    }

    public List<String> dependentsOf(String step) {
        return dependents.get(step);
    }

    /** Every step after all the steps it depends on; ties keep the declared order. */
    public List<String> topologicalOrder() {
        return topologicalOrder;
    }

    private static Optional<List<String>> findCycle(Set<String> names, Map<String, List<String>> dependencies) {
        Map<String, Integer> state = new HashMap<>(); // absent: unvisited, 1: on the path, 2: done
        for (String start : names) {
            if (state.containsKey(start)) {
                continue;
            }
            Deque<String> path = new ArrayDeque<>();
            Deque<Iterator<String>> iterators = new ArrayDeque<>();
            path.push(start);
            iterators.push(dependencies.get(start).iterator());
            state.put(start, 1);
            while (!path.isEmpty()) {
                Iterator<String> next = iterators.peek();
                if (!next.hasNext()) {
                    state.put(path.pop(), 2);
                    iterators.pop();
                    continue;
                }
                String dependency = next.next();
                Integer seen = state.get(dependency);
                if (seen == null) {
                    state.put(dependency, 1);
                    path.push(dependency);
                    iterators.push(dependencies.get(dependency).iterator());
                } else if (seen == 1) {
                    return Optional.of(cycleFrom(path, dependency));
                }
            }
        }
        return Optional.empty();
    }

    /** The cycle in execution order: each step runs before the next one. */
    private static List<String> cycleFrom(Deque<String> path, String repeated) {
        List<String> cycle = new ArrayList<>();
        for (String step : path) { // from the top of the stack: the deepest dependency first
            cycle.add(step);
            if (step.equals(repeated)) {
                break;
            }
        }
        cycle.add(0, repeated);
        return cycle;
    }

    private static List<String> topologicalOrder(Set<String> names, Map<String, List<String>> dependencies) {
        List<String> order = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        while (order.size() < names.size()) {
            for (String name : names) {
                if (!placed.contains(name) && placed.containsAll(dependencies.get(name))) {
                    order.add(name);
                    placed.add(name);
                }
            }
        }
        return order;
    }

    /** A graph, or why the steps do not form one. */
    public record Result(PipelineGraph graph, Problem problem) {
        static Result valid(PipelineGraph graph) {
            return new Result(graph, null);
        }

        static Result invalid(Problem problem) {
            return new Result(null, problem);
        }

        public boolean isValid() {
            return graph != null;
        }
    }
}
