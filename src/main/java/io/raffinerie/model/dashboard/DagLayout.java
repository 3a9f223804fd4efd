package io.raffinerie.model.dashboard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Lays a pipeline's steps out as a layered DAG for an SVG: each step sits one layer below its deepest dependency
 * (longest path), steps of a layer are ordered by the barycentre of their neighbours to limit crossings, and every
 * tie is broken by name, so the same pipeline always draws the same way whatever order its steps are declared in.
 */
public final class DagLayout {
    public static final int NODE_WIDTH = 150;
    public static final int NODE_HEIGHT = 40;
    static final int H_GAP = 24;
    static final int V_GAP = 44;
    static final int MARGIN = 8;
    private static final int SWEEPS = 4;

    /** A step's box: top-left corner and size. */
    public record Node(String name, int layer, int x, int y, int width, int height) {
        public int centreX() {
            return x + width / 2;
        }

        /** Baselines of the box's two lines of text: the step's name, then its state. */
        public int nameY() {
            return y + height * 2 / 5 + 2;
        }

        public int stateY() {
            return y + height * 4 / 5;
        }
    }

    /** A dependency edge, from the bottom of the step depended on to the top of the step that waits. */
    public record Edge(String from, String to, int x1, int y1, int x2, int y2) {
    }

    public record Layout(List<Node> nodes, List<Edge> edges, int width, int height) {
    }

    private DagLayout() {
    }

    /** {@code dependsOn}: each step and the steps it waits for; unknown names and cycles are tolerated (drawn, not looped). */
    public static Layout of(Map<String, List<String>> dependsOn) {
        Map<String, List<String>> graph = new TreeMap<>();
        dependsOn.forEach((step, deps) -> graph.put(step, deps == null ? List.of()
                : deps.stream().filter(dependsOn::containsKey).filter(d -> !d.equals(step)).distinct().sorted().toList()));
        Map<String, Integer> layers = layers(graph);
        List<List<String>> rows = order(graph, layers);
        return place(graph, rows);
    }

    private static Map<String, Integer> layers(Map<String, List<String>> graph) {
        Map<String, Integer> layers = new HashMap<>();
        for (String step : graph.keySet()) {
            layerOf(step, graph, layers, new HashSet<>());
        }
        return layers;
    }

    /** Longest path from a step without dependencies; an edge closing a cycle is ignored. */
    private static int layerOf(String step, Map<String, List<String>> graph, Map<String, Integer> layers, Set<String> visiting) {
        Integer known = layers.get(step);
        if (known != null) {
            return known;
        }
        visiting.add(step);
        int layer = 0;
        for (String dependency : graph.get(step)) {
            if (!visiting.contains(dependency)) {
                layer = Math.max(layer, layerOf(dependency, graph, layers, visiting) + 1);
            }
        }
        visiting.remove(step);
        layers.put(step, layer);
        return layer;
    }

    private static List<List<String>> order(Map<String, List<String>> graph, Map<String, Integer> layers) {
        int depth = layers.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            rows.add(new ArrayList<>());
        }
        graph.keySet().forEach(step -> rows.get(layers.get(step)).add(step)); // names in order: the stable start
        Map<String, List<String>> dependents = new TreeMap<>();
        graph.forEach((step, deps) -> deps.forEach(d -> dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(step)));
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            for (int i = 1; i < depth; i++) {
                sortByBarycentre(rows.get(i), rows.get(i - 1), graph);
            }
            for (int i = depth - 2; i >= 0; i--) {
                sortByBarycentre(rows.get(i), rows.get(i + 1), dependents);
            }
        }
        return rows;
    }

    /** Orders a layer by the mean position of its neighbours in the adjacent layer; steps without any keep their place. */
    private static void sortByBarycentre(List<String> row, List<String> adjacent, Map<String, List<String>> neighbours) {
        Map<String, Double> keys = new HashMap<>();
        for (int i = 0; i < row.size(); i++) {
            String step = row.get(i);
            double sum = 0;
            int count = 0;
            for (String neighbour : neighbours.getOrDefault(step, List.of())) {
                int position = adjacent.indexOf(neighbour);
                if (position >= 0) {
                    sum += position;
                    count++;
                }
            }
            keys.put(step, count == 0 ? i : sum / count);
        }
        row.sort(Comparator.comparing((String step) -> keys.get(step)).thenComparing(Comparator.naturalOrder()));
    }

    private static Layout place(Map<String, List<String>> graph, List<List<String>> rows) {
        int widest = rows.stream().mapToInt(List::size).max().orElse(0);
        int width = Math.max(NODE_WIDTH, widest * (NODE_WIDTH + H_GAP) - H_GAP) + 2 * MARGIN;
        int height = Math.max(NODE_HEIGHT, rows.size() * (NODE_HEIGHT + V_GAP) - V_GAP) + 2 * MARGIN;
        Map<String, Node> nodes = new TreeMap<>();
        for (int layer = 0; layer < rows.size(); layer++) {
            List<String> row = rows.get(layer);
            int offset = (widest - row.size()) * (NODE_WIDTH + H_GAP) / 2; // centre short layers
            for (int i = 0; i < row.size(); i++) {
                nodes.put(row.get(i), new Node(row.get(i), layer, MARGIN + offset + i * (NODE_WIDTH + H_GAP),
                        MARGIN + layer * (NODE_HEIGHT + V_GAP), NODE_WIDTH, NODE_HEIGHT));
            }
        }
        List<Edge> edges = new ArrayList<>();
        graph.forEach((step, deps) -> deps.forEach(dependency -> {
            Node from = nodes.get(dependency);
            Node to = nodes.get(step);
            if (from.layer() < to.layer()) {
                edges.add(new Edge(dependency, step, from.centreX(), from.y() + from.height(), to.centreX(), to.y()));
            }
        }));
        List<Node> ordered = nodes.values().stream().sorted(Comparator.comparingInt(Node::layer).thenComparingInt(Node::x)).toList();
        return new Layout(ordered, edges, width, height);
    }
}
