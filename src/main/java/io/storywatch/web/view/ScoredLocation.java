package io.storywatch.web.view;

/** Where a record of news.articles.scored lies, so that the view can read an article's analysis back on demand. */
public record ScoredLocation(int partition, long offset) {
}
