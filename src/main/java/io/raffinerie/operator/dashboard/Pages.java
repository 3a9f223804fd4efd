package io.raffinerie.operator.dashboard;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.raffinerie.model.dashboard.CatalogView;
import io.raffinerie.model.dashboard.DagLayout;
import io.raffinerie.model.dashboard.DurationTrend;
import io.raffinerie.model.dashboard.Overview;
import io.raffinerie.model.dashboard.PromotionViews;
import io.raffinerie.model.dashboard.RevisionViews;
import io.raffinerie.model.dashboard.RunViews;
import io.raffinerie.model.dashboard.TargetViews;
import io.raffinerie.model.dashboard.Timeline;

/** The dashboard's pages: Qute templates under templates/Pages, HTML-escaped, checked against these types at build. */
@CheckedTemplate(basePath = "Pages")
@TemplateData(target = CatalogView.Page.class)
@TemplateData(target = CatalogView.TechnologyRow.class)
@TemplateData(target = CatalogView.VersionRow.class)
@TemplateData(target = CatalogView.JobRef.class)
@TemplateData(target = DagLayout.Node.class)
@TemplateData(target = DagLayout.Edge.class)
@TemplateData(target = DagLayout.Layout.class)
@TemplateData(target = DurationTrend.Bar.class)
@TemplateData(target = DurationTrend.Chart.class)
@TemplateData(target = Overview.Page.class)
@TemplateData(target = Overview.EnvironmentRow.class)
@TemplateData(target = Overview.Scheduled.class)
@TemplateData(target = RunViews.RunRow.class)
@TemplateData(target = TargetViews.EnvironmentPage.class)
@TemplateData(target = TargetViews.TargetPage.class)
@TemplateData(target = TargetViews.TargetRow.class)
@TemplateData(target = TargetViews.GraphStep.class)
@TemplateData(target = TargetViews.ParameterField.class)
@TemplateData(target = Timeline.StepRow.class)
@TemplateData(target = PromotionViews.PromotionRow.class)
@TemplateData(target = PromotionViews.ApprovalRow.class)
@TemplateData(target = PromotionViews.PromotionPage.class)
@TemplateData(target = RevisionViews.RevisionList.class)
@TemplateData(target = RevisionViews.RevisionRow.class)
@TemplateData(target = RevisionViews.DiffLine.class)
@TemplateData(target = RevisionViews.DiffPage.class)
final class Pages {
    private Pages() {
    }

    static native TemplateInstance overview(Chrome chrome, Overview.Page page);

    static native TemplateInstance environment(Chrome chrome, TargetViews.EnvironmentPage page, AccessReviews.Rights rights);

    static native TemplateInstance target(Chrome chrome, TargetViews.TargetPage page, AccessReviews.Rights rights,
            RevisionViews.RevisionList revisions);

    static native TemplateInstance diff(Chrome chrome, RevisionViews.DiffPage page);

    static native TemplateInstance promotion(Chrome chrome, PromotionViews.PromotionPage page);

    static native TemplateInstance run(Chrome chrome, RunPage page);

    /** The part of the run page that refreshes itself while the run is active. */
    static native TemplateInstance runLive(Chrome chrome, RunPage page);

    static native TemplateInstance catalog(Chrome chrome, CatalogView.Page page);

    static native TemplateInstance login(String error);

    static native TemplateInstance error(int status, String title, String message);
}
