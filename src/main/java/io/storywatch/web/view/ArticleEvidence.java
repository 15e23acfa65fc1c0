package io.storywatch.web.view;

import java.util.List;

/** One article behind a point of a series: its portrayal of the point's target and the sentences that drove it. */
public record ArticleEvidence(ArticleSummary article, double score, String label, int mentions,
                              List<EvidenceSentence> sentences) {
}
