package io.storywatch.stage.aggregate;

import static io.storywatch.stage.aggregate.WindowKeys.ENTITY;
import static io.storywatch.stage.aggregate.WindowKeys.FACTION;
import static io.storywatch.stage.aggregate.WindowKeys.unscoped;

import io.storywatch.event.ArticleMissedWindow;
import io.storywatch.event.EntitySentimentWindow;
import io.storywatch.event.EvidenceArticle;
import io.storywatch.event.FactionSentimentWindow;
import io.storywatch.event.StoryCoverage;
import io.storywatch.story.StoryKeys;
import io.storywatch.window.MeanInterval;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The records the aggregate writes, built from a window's key and tallies with no state of their own, so that an open
 * record, a final one and a late article's report name a window the same way.
 */
final class WindowRecords {

    private final AggregateSettings settings;
    private final Map<Long, Long> graceMsBySize = new TreeMap<>();
    /** The main story's id, which its windows name (their keys do not, see {@link StoryKeys}); null: unknown. */
    private final String mainStory;

    WindowRecords(AggregateSettings settings, String mainStory) {
        this.settings = settings;
        this.mainStory = mainStory;
        settings.windowSizes().forEach(size -> graceMsBySize.put(size.toMillis(), settings.graceOf(size).toMillis()));
    }

    /** Whether windows of this size (ms) are kept. */
    boolean hasSize(long sizeMs) {
        return graceMsBySize.containsKey(sizeMs);
    }

    long graceMs(long sizeMs) {
        return graceMsBySize.get(sizeMs);
    }

    /** Of the windows of every size holding this event time, the one that closes last (end + grace). */
    EventWindow lastToClose(long eventTimeMs) {
        EventWindow last = null;
        for (long size : graceMsBySize.keySet()) {
            EventWindow window = EventWindow.containing(eventTimeMs, size);
            if (last == null || window.endMs() + graceMs(size) > last.endMs() + graceMs(last.sizeMs())) {
                last = window;
            }
        }
        return last;
    }

    /** Whether no window can count an article of this event time any more: stream time has passed them all. */
    boolean closedForGood(long eventTimeMs, long streamTimeMs) {
        EventWindow last = lastToClose(eventTimeMs);
        return !last.isOpenAt(streamTimeMs, graceMs(last.sizeMs()));
    }

    /** The record of one window, store key {@code SIZE|START|KIND|TARGET}. */
    Object window(EventWindow window, char kind, String target, WindowState state, boolean isFinal) {
        String story = storyOf(target);
        String plain = unscoped(target);
        return kind == FACTION ? factionWindow(window, plain, story, state.sentiment(), isFinal)
                : kind == ENTITY ? entityWindow(window, plain, story, state.sentiment(), isFinal)
                : storyCoverage(window, story, state.coverage(), isFinal);
    }

    /** The story of a window's target: the one in front of it, else the main story (ids never hold a '/'). */
    String storyOf(String target) {
        int slash = target.indexOf('/');
        return slash < 0 ? mainStory : target.substring(0, slash);
    }

    static EvidenceArticle evidence(Contribution article, Portrayal portrayal, long copies) {
        return new EvidenceArticle(article.id(), article.title(), article.source(), article.publishedAt(),
                portrayal.score(), portrayal.label(), copies, portrayal.sentence());
    }

    private FactionSentimentWindow factionWindow(EventWindow window, String faction, String story,
                                                 SentimentTally tally, boolean isFinal) {
        MeanInterval interval = tally.interval();
        return new FactionSentimentWindow(FactionSentimentWindow.SCHEMA_VERSION, faction, window.start(),
                window.end(), window.size(), tally.articles(), tally.mentions(), tally.meanScore(), tally.pos(),
                tally.neg(), tally.neu(), tally.mixed(), interval.low(), interval.high(),
                tally.articles() < settings.lowSampleArticles(), tally.copies(), tally.articles() + tally.copies(),
                tally.evidence(), isFinal, window.closesAt(graceMs(window.sizeMs())), story);
    }

    private EntitySentimentWindow entityWindow(EventWindow window, String entity, String story,
                                               SentimentTally tally, boolean isFinal) {
        MeanInterval interval = tally.interval();
        return new EntitySentimentWindow(EntitySentimentWindow.SCHEMA_VERSION, entity, window.start(), window.end(),
                window.size(), tally.articles(), tally.mentions(), tally.meanScore(), tally.pos(), tally.neg(),
                tally.neu(), interval.low(), interval.high(), tally.articles() < settings.lowSampleArticles(),
                tally.copies(), tally.articles() + tally.copies(), tally.evidence(), isFinal,
                window.closesAt(graceMs(window.sizeMs())), story);
    }

    private StoryCoverage storyCoverage(EventWindow window, String story, CoverageTally coverage, boolean isFinal) {
        // a story but the main one counts its entities and factions under STORY/ID: the record names them by id
        List<StoryCoverage.EntityCoverage> top = coverage.topEntities(settings.topEntities()).stream()
                .map(e -> new StoryCoverage.EntityCoverage(unscoped(e.entity()), e.articles(), e.mentions()))
                .toList();
        SortedMap<String, StoryCoverage.FactionVoice> voices = new TreeMap<>();
        coverage.voices().forEach((faction, voice) -> voices.put(unscoped(faction), voice));
        return new StoryCoverage(StoryCoverage.SCHEMA_VERSION, window.start(), window.end(), window.size(),
                coverage.articles(), coverage.copies(), coverage.articles() + coverage.copies(),
                coverage.sources().size(), coverage.sources(), top, voices, isFinal,
                window.closesAt(graceMs(window.sizeMs())), story);
    }

    ArticleMissedWindow missed(Contribution article, String reason, String message, long eventTime,
                               String streamTime, EventWindow window) {
        return new ArticleMissedWindow(ArticleMissedWindow.SCHEMA_VERSION, article.id(), article.title(),
                article.source(), article.publishedAt(), article.duplicateOf(), reason, message,
                EventWindow.iso(eventTime), streamTime, window == null ? null : window.size(),
                window == null ? null : window.start(), window == null ? null : window.end(),
                window == null ? null : window.closesAt(graceMs(window.sizeMs())));
    }
}
