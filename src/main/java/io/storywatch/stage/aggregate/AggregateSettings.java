package io.storywatch.stage.aggregate;

import java.time.Duration;
import java.util.List;

/**
 * The windowing and reporting choices of the aggregate stage, passed in rather than read from globals.
 *
 * @param windowSizes the lengths of the tumbling event-time windows, each aligned to the epoch (1 day: UTC days);
 *                    every size is published, its records told apart by {@code windowSize} and the key
 * @param grace how long after a window shorter than a day ends, in stream time, an out-of-order article still counts
 *              in it; also when the shift alert of a window is decided, whatever its size
 * @param dayGrace the same for windows of a day or longer: how long the story is followed, so that a backfill in any
 *                 order counts every article of it
 * @param futureTolerance how far {@code publishedAt} may lie after the record timestamp before the article is
 *                        refused as future-dated (within it, the article counts at its record timestamp)
 * @param lowSampleArticles windows with fewer original articles than this are flagged {@code lowSample}
 * @param evidenceArticles how many top articles (by |score|) each window keeps as evidence
 * @param topEntities how many entities a story-coverage record lists
 * @param alerts when a faction's shift in mean sentiment raises an alert
 * @param scoredPartitions how many partitions news.articles.scored has, so that stream time waits for all of them
 *                         (see {@link StreamTime}); 0 when unknown
 * @param publishInterval how often (wall-clock) a changed window is written as an open record at most: a window not
 *                        written for this long is written at the next publish tick (within 50 ms), one written
 *                        more recently when this interval has passed since, however many articles changed it
 * @param entityWindowSizes the window sizes (among {@code windowSizes}) in which entities are published; factions
 *                          and coverage are published in every size
 * @param pastPublishInterval the same for a window that stream time has passed (its end is at or before stream
 *                            time): such a window changes only through late or backfilled articles, which may come
 *                            by the thousand (a backfill in random order), so its changes are written together less
 *                            often while records keep coming; its first change is still written at the next tick,
 *                            and once no record has come for a publish interval it is written as a live window is.
 *                            At least {@code publishInterval}
 */
public record AggregateSettings(List<Duration> windowSizes, Duration grace, Duration dayGrace,
                                Duration futureTolerance,
                                int lowSampleArticles, int evidenceArticles, int topEntities,
                                ShiftAlertSettings alerts, int scoredPartitions, Duration publishInterval,
                                List<Duration> entityWindowSizes, Duration pastPublishInterval) {

    /**
     * A window is written at most once a second: a quiet window's change shows within a publish tick, a busy window's
     * changes are written together, once per interval, whatever order the articles come in.
     */
    public static final Duration DEFAULT_PUBLISH_INTERVAL = Duration.ofSeconds(1);
    /**
     * A window stream time has passed is written at most once every 10 s: a backfill's windows change with nearly
     * every article, and their readers do not need them by the second (the live windows, which stream time has not
     * passed, still are written once a second).
     */
    public static final Duration DEFAULT_PAST_PUBLISH_INTERVAL = Duration.ofSeconds(10);
    /** How often changed windows are looked at: the exactly-once commit interval. */
    public static final Duration PUBLISH_TICK = Duration.ofMillis(50);

    public static final Duration ONE_HOUR = Duration.ofHours(1);
    public static final Duration ONE_DAY = Duration.ofDays(1);
    /** Day windows take articles for three years after they end: a backfill of a story followed that long counts. */
    public static final Duration DEFAULT_DAY_GRACE = Duration.ofDays(3 * 365);

    public AggregateSettings {
        if (windowSizes == null || windowSizes.isEmpty()) {
            throw new IllegalArgumentException("at least one window size is needed");
        }
        for (Duration size : windowSizes) {
            if (size == null || size.isNegative() || size.isZero()) {
                throw new IllegalArgumentException("window sizes must be positive, got " + size);
            }
        }
        if (windowSizes.stream().distinct().count() != windowSizes.size()) {
            throw new IllegalArgumentException("window sizes must differ, got " + windowSizes);
        }
        windowSizes = windowSizes.stream().sorted().toList();
        if (grace == null || grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative, got " + grace);
        }
        if (dayGrace == null || dayGrace.isNegative()) {
            throw new IllegalArgumentException("dayGrace must not be negative, got " + dayGrace);
        }
        if (futureTolerance == null || futureTolerance.isNegative()) {
            throw new IllegalArgumentException("futureTolerance must not be negative, got " + futureTolerance);
        }
        if (lowSampleArticles < 0 || evidenceArticles < 0 || topEntities < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        if (alerts == null) {
            throw new IllegalArgumentException("alerts settings are required");
        }
        if (scoredPartitions < 0) {
            throw new IllegalArgumentException("scoredPartitions must not be negative");
        }
        if (publishInterval == null || publishInterval.toMillis() < 1) {
            throw new IllegalArgumentException("publishInterval must be at least 1 ms, got " + publishInterval);
        }
        if (entityWindowSizes == null || !windowSizes.containsAll(entityWindowSizes)) {
            throw new IllegalArgumentException("entity window sizes must be among the window sizes " + windowSizes
                    + ", got " + entityWindowSizes);
        }
        entityWindowSizes = entityWindowSizes.stream().distinct().sorted().toList();
        if (pastPublishInterval == null || pastPublishInterval.compareTo(publishInterval) < 0) {
            throw new IllegalArgumentException("pastPublishInterval must be at least publishInterval ("
                    + publishInterval + "), got " + pastPublishInterval);
        }
    }

    /** How often changed windows are looked at: every publish tick, or more often for a shorter publish interval. */
    public Duration publishTick() {
        return publishInterval.compareTo(PUBLISH_TICK) < 0 ? publishInterval : PUBLISH_TICK;
    }

    /** One window size and one grace for it, the other choices at their defaults. */
    public AggregateSettings(Duration windowSize, Duration grace) {
        this(List.of(windowSize), grace, grace, ONE_DAY, 5, 5, 5, ShiftAlertSettings.defaults(), 0,
                DEFAULT_PUBLISH_INTERVAL, List.of(windowSize),
                DEFAULT_PAST_PUBLISH_INTERVAL);
    }

    /**
     * 1-hour and 1-day windows (entities by day only: an entity's hour mostly holds one article), 7 days of grace
     * for hours (and alerts), three years for days, 1 day of future tolerance, low sample below 5, top 5 evidence,
     * each changed window written at most once a second, once every 10 s when stream time has passed it.
     */
    public static AggregateSettings defaults() {
        return new AggregateSettings(List.of(ONE_HOUR, ONE_DAY), Duration.ofDays(7), DEFAULT_DAY_GRACE, ONE_DAY,
                5, 5, 5, ShiftAlertSettings.defaults(), 0, DEFAULT_PUBLISH_INTERVAL, List.of(ONE_DAY),
                DEFAULT_PAST_PUBLISH_INTERVAL);
    }

    /** One grace for every window size. */
    public AggregateSettings withGrace(Duration newGrace) {
        return new AggregateSettings(windowSizes, newGrace, newGrace, futureTolerance, lowSampleArticles,
                evidenceArticles,
                topEntities, alerts, scoredPartitions, publishInterval, entityWindowSizes,
                pastPublishInterval);
    }

    public AggregateSettings withDayGrace(Duration newDayGrace) {
        return new AggregateSettings(windowSizes, grace, newDayGrace, futureTolerance, lowSampleArticles,
                evidenceArticles, topEntities, alerts, scoredPartitions, publishInterval, entityWindowSizes,
                pastPublishInterval);
    }

    /** The grace of windows of this size. */
    public Duration graceOf(Duration windowSize) {
        return windowSize.compareTo(ONE_DAY) >= 0 ? dayGrace : grace;
    }

    /** Other window sizes, entities published in every one of them. */
    public AggregateSettings withWindowSizes(List<Duration> sizes) {
        return new AggregateSettings(sizes, grace, dayGrace, futureTolerance, lowSampleArticles, evidenceArticles,
                topEntities, alerts, scoredPartitions, publishInterval, sizes, pastPublishInterval);
    }

    public AggregateSettings withEntityWindowSizes(List<Duration> sizes) {
        return new AggregateSettings(windowSizes, grace, dayGrace, futureTolerance, lowSampleArticles,
                evidenceArticles, topEntities, alerts, scoredPartitions, publishInterval, sizes, pastPublishInterval);
    }

    public AggregateSettings withAlerts(ShiftAlertSettings newAlerts) {
        return new AggregateSettings(windowSizes, grace, dayGrace, futureTolerance, lowSampleArticles, evidenceArticles,
                topEntities, newAlerts, scoredPartitions, publishInterval, entityWindowSizes,
                pastPublishInterval);
    }

    public AggregateSettings withLowSampleArticles(int articles) {
        return new AggregateSettings(windowSizes, grace, dayGrace, futureTolerance, articles, evidenceArticles,
                topEntities,
                alerts, scoredPartitions, publishInterval, entityWindowSizes,
                pastPublishInterval);
    }

    public AggregateSettings withScoredPartitions(int partitions) {
        return new AggregateSettings(windowSizes, grace, dayGrace, futureTolerance, lowSampleArticles, evidenceArticles,
                topEntities, alerts, partitions, publishInterval, entityWindowSizes,
                pastPublishInterval);
    }

    public AggregateSettings withPublishInterval(Duration interval) {
        return new AggregateSettings(windowSizes, grace, dayGrace, futureTolerance, lowSampleArticles, evidenceArticles,
                topEntities, alerts, scoredPartitions, interval, entityWindowSizes,
                pastPublishInterval.compareTo(interval) < 0 ? interval : pastPublishInterval);
    }

    /** The publish interval of windows stream time has passed (at least the publish interval). */
    public AggregateSettings withPastPublishInterval(Duration interval) {
        return new AggregateSettings(windowSizes, grace, dayGrace, futureTolerance, lowSampleArticles, evidenceArticles,
                topEntities, alerts, scoredPartitions, publishInterval, entityWindowSizes, interval);
    }
}
