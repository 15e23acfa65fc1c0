package io.storywatch.stage.aggregate;

import io.storywatch.story.StoryKeys;

/**
 * The keys under which the aggregate's stores keep windows ({@code SIZE|START|KIND|TARGET}) and alert history
 * ({@code FACTION|START}), spelled in one place so that every reader parses what every writer wrote.
 */
final class WindowKeys {

    static final String COVERAGE_TARGET = "story";
    static final char COVERAGE = 'c';
    static final char ENTITY = 'e';
    static final char FACTION = 'f';

    private WindowKeys() {
    }

    /** Fixed-width numbers: the store's byte order is then window size, window start, kind, target. */
    static String storeKey(EventWindow window, char kind, String target) {
        return String.format("%013d|%015d|%c|%s", window.sizeMs(), window.startMs(), kind, target);
    }

    static String historyKey(String faction, long start) {
        return String.format("%s|%015d", faction, Math.max(0, start));
    }

    /** The end (epoch ms) of the window of a store key, read without splitting it. */
    static long end(String key) {
        int first = key.indexOf('|');
        int second = key.indexOf('|', first + 1);
        return Long.parseLong(key, 0, first, 10) + Long.parseLong(key, first + 1, second, 10);
    }

    static char kind(String key) {
        return key.split("\\|", 4)[2].charAt(0);
    }

    static String target(String key) {
        return key.split("\\|", 4)[3];
    }

    /** The coverage target of a story's windows: {@code story}, {@code STORY/story} for a story but the main one. */
    static String coverageTarget(String story) {
        return story == null ? COVERAGE_TARGET : StoryKeys.scoped(story, COVERAGE_TARGET);
    }

    /** A target without the story in front of it. */
    static String unscoped(String target) {
        return target.substring(target.indexOf('/') + 1);
    }
}
