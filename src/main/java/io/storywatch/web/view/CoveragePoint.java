package io.storywatch.web.view;

import java.util.Map;

/**
 * How much the story was covered in one window: relevant original articles, syndicated copies of them, distinct
 * sources (copies included: they are reach), and each faction's mentions and share of voice among all faction
 * mentions. {@code basis} names where the numbers come from: {@code aggregate}, a news.story-coverage record (the
 * view derives none of its own).
 */
public record CoveragePoint(String windowStart, String windowEnd, long articles, long copies, long sources,
                            Map<String, Long> factionMentions, Map<String, Double> shareOfVoice, String basis) {
}
