package io.storywatch.web.view;

import java.util.Map;

/**
 * How much the story was covered in one window: relevant original articles, syndicated copies of them, distinct
 * sources (copies included: they are reach), and each faction's mentions and share of voice among all faction
 * mentions. {@code basis} is {@code aggregate} for a news.story-coverage record, {@code articles} when derived from
 * the scored articles.
 */
public record CoveragePoint(String windowStart, String windowEnd, long articles, long copies, long sources,
                            Map<String, Long> factionMentions, Map<String, Double> shareOfVoice, String basis) {
}
