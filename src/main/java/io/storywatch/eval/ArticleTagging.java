package io.storywatch.eval;

import io.storywatch.event.EntitiesTagged;
import io.storywatch.event.RawArticle;

/**
 * Produces the tagged article that the score stage reads: the seam between {@code evaluate sentiment} and either the
 * stream's own normalise, segment and tag code or an oracle built from gold annotations.
 */
@FunctionalInterface
public interface ArticleTagging {

    EntitiesTagged tag(RawArticle article);
}
