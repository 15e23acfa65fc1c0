package io.storywatch.web.view;

import io.storywatch.event.StanceScored;
import java.util.List;

/** One article's full analysis with the sentences that carry sentiment toward a story entity, highlighted. */
public record ArticleDetail(ArticleSummary article, StanceScored analysis, List<EvidenceSentence> evidence) {
}
