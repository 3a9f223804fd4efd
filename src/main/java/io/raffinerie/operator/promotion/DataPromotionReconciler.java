package io.raffinerie.operator.promotion;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import io.raffinerie.api.v1alpha1.DataPromotion;
import io.raffinerie.api.v1alpha1.DataPromotionApproval;
import io.raffinerie.api.v1alpha1.DataPromotionStatus;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.PromotionPhase;
import io.raffinerie.model.LabelValues;
import io.raffinerie.model.Problem;
import io.raffinerie.model.promotion.PlannedWrite;
import io.raffinerie.model.promotion.PromotionDecision;
import io.raffinerie.model.promotion.PromotionObservation;
import io.raffinerie.model.promotion.PromotionReasons;
import io.raffinerie.operator.common.Environments;
import io.raffinerie.operator.common.EventRecorder;
import io.raffinerie.operator.common.Failures;
import io.raffinerie.operator.common.LeanItemStore;
import io.raffinerie.operator.common.StatusPatch;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Moves a DataPromotion through its phases: observe (PromotionObserver), decide (PromotionDecision, pure), apply
 * (PromotionWriter), then one status patch; an Event per phase change.
 */
@ControllerConfiguration(name = "datapromotion", informer = @Informer(itemStore = LeanItemStore.class))
@RBACRule(apiGroups = "raffinerie.io", resources = {"datajobs", "datapipelines"}, verbs = {"get", "create", "update", "delete"})
@RBACRule(apiGroups = "raffinerie.io", resources = "dataruns", verbs = {"get", "list", "watch", "create"})
@RBACRule(apiGroups = "raffinerie.io", resources = "datapromotionapprovals", verbs = {"get", "list", "watch"})
public class DataPromotionReconciler implements Reconciler<DataPromotion> {
    /** The status (with what the target had) is written before the writes that follow it. */
    private static final Duration AFTER_STATUS = Duration.ofMillis(200);

    @Inject
    Clock clock;

    @Inject
    PromotionObserver observer;

    @Inject
    PromotionWriter writer;

    @Inject
    EventRecorder events;

    @Inject
    GitCommits git;

    @Override
    public UpdateControl<DataPromotion> reconcile(DataPromotion promotion, Context<DataPromotion> context) {
        PromotionPhase before = promotion.getStatus() == null ? null : promotion.getStatus().phase;
        if (before != null && before.isFinished()) {
            return UpdateControl.noUpdate();
        }
        PromotionObservation observation = observer.observe(promotion, context);
        PromotionDecision.Outcome outcome = apply(promotion, observation, PromotionDecision.decide(observation, clock));
        if (outcome.startVerification()) {
            writer.startVerification(promotion, observation.verification());
        }
        if (!Objects.equals(before, outcome.status().phase)) {
            String message = outcome.status().conditions.isEmpty() ? "" : outcome.status().conditions.get(0).getMessage();
            if (outcome.status().phase == PromotionPhase.Failed || outcome.status().phase == PromotionPhase.Rejected) {
                events.warning(promotion, outcome.status().phase.name(), message);
            } else {
                events.normal(promotion, outcome.status().phase.name(), message);
            }
        }
        UpdateControl<DataPromotion> update = StatusPatch.ifChanged(promotion, outcome.status());
        return outcome.requeue() ? update.rescheduleAfter(AFTER_STATUS) : update;
    }

    /** The writes, to the cluster or as a commit; the outcome once they are done, or why they stopped. */
    private PromotionDecision.Outcome apply(DataPromotion promotion, PromotionObservation observation,
            PromotionDecision.Outcome outcome) {
        Long generation = promotion.getMetadata().getGeneration();
        if (outcome.commit()) {
            try {
                return PromotionDecision.committed(outcome.status(), git.commit(promotion, observation.git(), outcome.writes(),
                        w -> PromotionWriter.cause(promotion, w), PromotionWriter.commitMessage(promotion, outcome.status())),
                        generation, clock);
            } catch (GitCommits.GitFailure e) {
                return PromotionDecision.stopped(outcome.status(), new Problem(PromotionReasons.GIT_FAILED, e.getMessage()),
                        generation, clock);
            }
        }
        for (PlannedWrite write : outcome.writes()) {
            Optional<Problem> altered = writer.write(promotion, write);
            if (altered.isPresent()) {
                return PromotionDecision.stopped(outcome.status(), altered.get(), generation, clock);
            }
        }
        return outcome;
    }

    /** What the API server refuses (a write it rejects, say) is Ready=False with its message, not a silent retry. */
    @Override
    public ErrorStatusUpdateControl<DataPromotion> updateErrorStatus(DataPromotion promotion, Context<DataPromotion> context,
            Exception e) {
        return Failures.readyFalse(promotion, DataPromotionStatus::new, e, clock);
    }

    @Override
    public List<EventSource<?, DataPromotion>> prepareEventSources(EventSourceContext<DataPromotion> context) {
        InformerEventSource<DataPromotionApproval, DataPromotion> approvals = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(DataPromotionApproval.class, DataPromotion.class)
                        .withItemStore(new LeanItemStore<>())
                        .withSecondaryToPrimaryMapper(a -> a.getSpec() == null || a.getSpec().promotion == null ? Set.of()
                                : Set.of(new ResourceID(a.getSpec().promotion, a.getMetadata().getNamespace())))
                        .build(), context);
        InformerEventSource<DataRun, DataPromotion> runs = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(DataRun.class, DataPromotion.class)
                        .withName("promotion-verification-runs")
                        .withItemStore(new LeanItemStore<>())
                        .withLabelSelector(PromotionWriter.PROMOTION_LABEL)
                        .withSecondaryToPrimaryMapper(run -> context.getPrimaryCache().list(run.getMetadata().getNamespace())
                                .filter(p -> LabelValues.standsFor(run.getMetadata().getLabels().get(PromotionWriter.PROMOTION_LABEL),
                                        p.getMetadata().getName()))
                                .map(ResourceID::fromResource).collect(Collectors.toSet()))
                        .build(), context);
        return List.of(approvals, runs, Environments.eventSource(context));
    }
}
