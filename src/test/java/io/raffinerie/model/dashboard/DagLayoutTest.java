package io.raffinerie.model.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class DagLayoutTest {
    static final Map<String, List<String>> DAILY_SALES = Map.of(
            "extract", List.of(),
            "clean", List.of("extract"),
            "enrich", List.of("extract"),
            "load", List.of("clean", "enrich"),
            "page", List.of("load"));

    @Test
    void layersFollowTheLongestPath() {
        DagLayout.Layout layout = DagLayout.of(DAILY_SALES);
        assertThat(layout.nodes()).extracting(DagLayout.Node::name).containsExactly("extract", "clean", "enrich", "load", "page");
        assertThat(layout.nodes()).extracting(DagLayout.Node::layer).containsExactly(0, 1, 1, 2, 3);
        assertThat(layout.edges()).hasSize(5);
        assertThat(layout.width()).isGreaterThanOrEqualTo(2 * DagLayout.NODE_WIDTH);
    }

    @Test
    void aShortcutEdgeDoesNotPullAStepUp() {
        DagLayout.Layout layout = DagLayout.of(Map.of("a", List.of(), "b", List.of("a"), "c", List.of("a", "b")));
        assertThat(layout.nodes()).extracting(DagLayout.Node::layer).containsExactly(0, 1, 2);
    }

    @Test
    void cyclesAndUnknownNamesAreDrawnWithoutLooping() {
        DagLayout.Layout layout = DagLayout.of(Map.of("a", List.of("c", "ghost"), "b", List.of("a"), "c", List.of("b")));
        assertThat(layout.nodes()).hasSize(3);
        assertWellFormed(layout);
    }

    @RepeatedTest(50)
    void randomDagsHaveNoOverlapEdgesGoDownAndTheSameLayoutWhateverTheOrder() {
        Random random = new Random();
        long seed = random.nextLong();
        Map<String, List<String>> graph = randomDag(new Random(seed));
        DagLayout.Layout layout = DagLayout.of(graph);
        assertThat(layout.nodes()).as("seed %d", seed).hasSize(graph.size());
        assertWellFormed(layout);
        assertThat(DagLayout.of(shuffled(graph, new Random(seed + 1)))).as("seed %d", seed).isEqualTo(layout);
    }

    private static void assertWellFormed(DagLayout.Layout layout) {
        List<DagLayout.Node> nodes = layout.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            DagLayout.Node a = nodes.get(i);
            assertThat(a.x()).isGreaterThanOrEqualTo(0);
            assertThat(a.x() + a.width()).isLessThanOrEqualTo(layout.width());
            assertThat(a.y() + a.height()).isLessThanOrEqualTo(layout.height());
            for (int j = i + 1; j < nodes.size(); j++) {
                DagLayout.Node b = nodes.get(j);
                boolean apart = a.x() + a.width() <= b.x() || b.x() + b.width() <= a.x()
                        || a.y() + a.height() <= b.y() || b.y() + b.height() <= a.y();
                assertThat(apart).as("%s and %s overlap", a, b).isTrue();
            }
        }
        assertThat(layout.edges()).allSatisfy(edge -> assertThat(edge.y2()).as("edge %s goes down", edge).isGreaterThan(edge.y1()));
    }

    private static Map<String, List<String>> randomDag(Random random) {
        int size = 1 + random.nextInt(30);
        Map<String, List<String>> graph = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            List<String> deps = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                if (random.nextInt(4) == 0) {
                    deps.add("s" + j);
                }
            }
            graph.put("s" + i, deps);
        }
        return graph;
    }

    private static Map<String, List<String>> shuffled(Map<String, List<String>> graph, Random random) {
        List<String> names = new ArrayList<>(graph.keySet());
        Collections.shuffle(names, random);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        for (String name : names) {
            List<String> deps = new ArrayList<>(graph.get(name));
            Collections.shuffle(deps, random);
            copy.put(name, deps);
        }
        return copy;
    }
}
