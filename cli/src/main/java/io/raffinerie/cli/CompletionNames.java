package io.raffinerie.cli;

import java.util.Iterator;
import java.util.List;

/**
 * What an option or a parameter completes to when it names something in the cluster: its {@code completionCandidates}
 * class. picocli keeps an instance of it in the command's model, where {@link Completer} finds its {@link Kind} and asks
 * the cluster for the names; as a plain candidate list (help, picocli's own scripts) it is empty.
 */
abstract class CompletionNames implements Iterable<String> {
    enum Kind {
        /** The namespace's jobs and pipelines (run's target). */
        TARGETS,
        /** The namespace's runs, and @latest. */
        RUNS,
        /** The runs that have not finished yet (cancel). */
        UNFINISHED_RUNS,
        /** The runs that have finished (retry). */
        FINISHED_RUNS,
        /** The steps of the run named before (logs --step). */
        STEPS,
        /** NAME= of each parameter the target named before declares (run -p). */
        PARAMETERS,
        /** The namespaces of the environments you can see, and the namespaces you may list (-n). */
        NAMESPACES,
        /** The kubeconfig's contexts (--context). */
        CONTEXTS
    }

    private final Kind kind;

    CompletionNames(Kind kind) {
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }

    @Override
    public Iterator<String> iterator() {
        return List.<String>of().iterator();
    }

    static final class Targets extends CompletionNames {
        Targets() {
            super(Kind.TARGETS);
        }
    }

    static final class Runs extends CompletionNames {
        Runs() {
            super(Kind.RUNS);
        }
    }

    static final class UnfinishedRuns extends CompletionNames {
        UnfinishedRuns() {
            super(Kind.UNFINISHED_RUNS);
        }
    }

    static final class FinishedRuns extends CompletionNames {
        FinishedRuns() {
            super(Kind.FINISHED_RUNS);
        }
    }

    static final class Steps extends CompletionNames {
        Steps() {
            super(Kind.STEPS);
        }
    }

    static final class Parameters extends CompletionNames {
        Parameters() {
            super(Kind.PARAMETERS);
        }
    }

    static final class Namespaces extends CompletionNames {
        Namespaces() {
            super(Kind.NAMESPACES);
        }
    }

    static final class Contexts extends CompletionNames {
        Contexts() {
            super(Kind.CONTEXTS);
        }
    }
}
