package io.storywatch.web.view;

import io.storywatch.event.StanceScored;
import java.util.Collection;
import java.util.Map;

/**
 * Reads analyses back from news.articles.scored by where their records lie: the view keeps only a digest of each
 * article, and the few analyses a query shows in full (an article's detail, a point's evidence) are read on demand.
 */
public interface ScoredLookup {

    /** Finds nothing: for a view fed analysis objects directly, which keeps those whole. */
    ScoredLookup NONE = locations -> Map.of();

    /** The analyses found at the locations; a location whose record is gone or unreadable is left out. */
    Map<ScoredLocation, StanceScored> read(Collection<ScoredLocation> locations);
}
