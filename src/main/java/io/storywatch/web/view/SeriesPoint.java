package io.storywatch.web.view;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One window of a faction's or entity's sentiment series. {@code basis} says where the numbers come from:
 * {@code aggregate}, a record of the aggregate stage's topic (the view derives none of its own). {@code ci95} is null when
 * fewer than two articles leave no spread to estimate; {@code aggregate} carries fields of the aggregate record the
 * view does not interpret. {@code corrected} counts the window's articles an analyst corrected (see news.corrections).
 */
public record SeriesPoint(String target, String windowStart, String windowEnd, long articles, long mentions,
                          double meanScore, long pos, long neg, long neu, long mixed, Interval ci95,
                          boolean lowSample, String basis, Map<String, JsonNode> aggregate, long corrected) {

    public SeriesPoint(String target, String windowStart, String windowEnd, long articles, long mentions,
                       double meanScore, long pos, long neg, long neu, long mixed, Interval ci95, boolean lowSample,
                       String basis, Map<String, JsonNode> aggregate) {
        this(target, windowStart, windowEnd, articles, mentions, meanScore, pos, neg, neu, mixed, ci95, lowSample,
                basis, aggregate, 0);
    }
}
