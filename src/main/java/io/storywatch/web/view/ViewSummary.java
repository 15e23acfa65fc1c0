package io.storywatch.web.view;

import java.util.List;
import java.util.Map;

/**
 * What the view holds: article counts, the event-time range, factions and entities seen, rejections by reason code,
 * articles a window missed (news.articles.late) by reason, records a stage could not process (news.articles.failed)
 * by stage, and the view's version (it grows with every applied record, which is how live clients notice change).
 */
public record ViewSummary(long version, long articles, long relevant, long duplicates, Map<String, Long> rejected,
                          Map<String, Long> late, Map<String, Long> failed,
                          String firstEventTime, String lastEventTime, List<String> factions, List<String> entities,
                          long factionWindows, long entityWindows, long alerts) {
}
