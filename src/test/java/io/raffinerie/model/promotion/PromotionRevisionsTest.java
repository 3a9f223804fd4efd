package io.raffinerie.model.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.raffinerie.api.v1alpha1.DataPromotion;
import io.raffinerie.api.v1alpha1.DataPromotionStatus;
import io.raffinerie.api.v1alpha1.PromotedObject;
import io.raffinerie.api.v1alpha1.PromotionPhase;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromotionRevisionsTest {
    private static DataPromotion promotion(PromotionPhase phase) {
        DataPromotion promotion = new DataPromotion();
        promotion.getMetadata().setName("go-live");
        promotion.getMetadata().setNamespace("prod");
        promotion.setStatus(new DataPromotionStatus());
        promotion.getStatus().phase = phase;
        promotion.getStatus().sourceNamespace = "dev";
        promotion.getStatus().promoted = List.of(new PromotedObject("DataJob", "clean", 4L), new PromotedObject("DataPipeline", "daily", 2L));
        promotion.getStatus().previous = List.of(new PromotedObject("DataJob", "clean", 1L), new PromotedObject("DataPipeline", "daily", null));
        return promotion;
    }

    private static List<String> uses(PromotionPhase phase) {
        return PromotionRevisions.of(promotion(phase)).stream().map(u -> u.namespace() + "/" + u.revision()).toList();
    }

    @Test
    void anUnfinishedPromotionNeedsTheSourceRevisionsAndWhatTheTargetHad() {
        assertThat(uses(PromotionPhase.PendingApproval)).containsExactly("dev/clean-4", "dev/daily-p2", "prod/clean-1");
        assertThat(uses(PromotionPhase.Verifying)).containsExactly("dev/clean-4", "dev/daily-p2", "prod/clean-1");
    }

    @Test
    void aSucceededOneKeepsWhatARollbackPutsBackAndAFailedOneNothing() {
        assertThat(uses(PromotionPhase.Succeeded)).containsExactly("prod/clean-1");
        assertThat(uses(PromotionPhase.Failed)).isEmpty();
        assertThat(uses(PromotionPhase.Rejected)).isEmpty();
        assertThat(uses(null)).isEmpty();
        assertThat(PromotionRevisions.named(promotion(PromotionPhase.Rejected))).as("whom its events concern")
                .extracting(PromotionRevisions.Use::revision).containsExactly("clean-4", "daily-p2", "clean-1");
    }
}
