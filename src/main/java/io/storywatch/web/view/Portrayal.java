package io.storywatch.web.view;

import io.storywatch.event.EntityScore;
import io.storywatch.event.FactionScore;

/** How one article's digest portrays a target (a faction or an entity): its score, label and mentions there. */
record Portrayal(double score, String label, int mentions) {

    /** The article's portrayal of the target, or null when it does not score the target. */
    static Portrayal of(TargetKind kind, String target, ObservedArticle article) {
        if (kind == TargetKind.FACTION) {
            FactionScore score = article.faction(target);
            return score == null ? null : new Portrayal(score.score(), score.label(), score.mentions());
        }
        EntityScore score = article.entity(target);
        return score == null ? null : new Portrayal(score.score(), score.label(), score.mentions());
    }
}
