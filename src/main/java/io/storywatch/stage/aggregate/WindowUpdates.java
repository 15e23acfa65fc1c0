package io.storywatch.stage.aggregate;

import static io.storywatch.stage.aggregate.WindowKeys.COVERAGE;
import static io.storywatch.stage.aggregate.WindowKeys.ENTITY;
import static io.storywatch.stage.aggregate.WindowKeys.FACTION;
import static io.storywatch.stage.aggregate.WindowKeys.coverageTarget;
import static io.storywatch.stage.aggregate.WindowKeys.storeKey;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns a kept count into the new tallies of the windows it changes, so that a count is applied the same way when it
 * is kept and when a restart applies it again.
 */
final class WindowUpdates {

    /** One window's new state, by store key. */
    record Update(String key, WindowState state) {
    }

    private final Set<Long> entitySizes;
    private final int evidenceArticles;

    WindowUpdates(AggregateSettings settings) {
        this.entitySizes = new HashSet<>(settings.entityWindowSizes().stream().map(Duration::toMillis).toList());
        this.evidenceArticles = settings.evidenceArticles();
    }

    /**
     * The new state of each window {@code count} changes, in the order they change, given the windows' current
     * states ({@code open}; null: no such window yet).
     */
    List<Update> of(UnpublishedCount count, Function<String, WindowState> open) {
        Changes changes = new Changes(open);
        if (count.replaced() != null) {
            replaced(count.replaced(), changes);
        } else if (count.original() != null) {
            UnpublishedCount.OriginalCounted counted = count.original();
            Contribution article = counted.article();
            for (long size : counted.sizes()) {
                EventWindow window = EventWindow.containing(counted.eventTime(), size);
                for (Map.Entry<String, Portrayal> faction : article.factions().entrySet()) {
                    String key = storeKey(window, FACTION, faction.getKey());
                    changes.update(key, new WindowState(changes.sentiment(key).add(faction.getValue(),
                            WindowRecords.evidence(article, faction.getValue(), counted.copies()), counted.copies(),
                            evidenceArticles), null));
                }
                for (Map.Entry<String, Portrayal> entity : entitySizes.contains(size)
                        ? article.entities().entrySet() : Set.<Map.Entry<String, Portrayal>>of()) {
                    String key = storeKey(window, ENTITY, entity.getKey());
                    changes.update(key, new WindowState(changes.sentiment(key).add(entity.getValue(),
                            WindowRecords.evidence(article, entity.getValue(), counted.copies()), counted.copies(),
                            evidenceArticles), null));
                }
                String key = storeKey(window, COVERAGE, coverageTarget(article.story()));
                changes.update(key, new WindowState(null, changes.coverage(key).add(article, counted.copies(),
                        counted.copySources())));
            }
        } else {
            UnpublishedCount.CopyCounted copy = count.copy();
            for (long size : copy.sizes()) {
                EventWindow window = EventWindow.containing(copy.originalEventTime(), size);
                for (String faction : copy.factions()) {
                    String key = storeKey(window, FACTION, faction);
                    changes.update(key, new WindowState(changes.sentiment(key).addCopy(copy.originalId()), null));
                }
                for (String entity : entitySizes.contains(size) ? copy.entities() : List.<String>of()) {
                    String key = storeKey(window, ENTITY, entity);
                    changes.update(key, new WindowState(changes.sentiment(key).addCopy(copy.originalId()), null));
                }
                String key = storeKey(window, COVERAGE, coverageTarget(copy.story()));
                changes.update(key, new WindowState(null, changes.coverage(key).addCopy(copy.source())));
            }
        }
        return changes.updates;
    }

    private void replaced(UnpublishedCount.OriginalReplaced replaced, Changes changes) {
        Contribution previous = replaced.previous();
        Contribution next = replaced.next();
        long copies = replaced.copies();
        for (long size : replaced.sizes()) {
            EventWindow window = EventWindow.containing(replaced.eventTime(), size);
            Map<String, SentimentTally> tallies = new TreeMap<>();
            previous.factions().forEach((faction, portrayal) -> tallies.merge(storeKey(window, FACTION, faction),
                    changes.sentiment(storeKey(window, FACTION, faction)).remove(portrayal, previous.id(), copies),
                    (a, b) -> b));
            previous.entities().forEach((entity, portrayal) -> tallies.merge(storeKey(window, ENTITY, entity),
                    changes.sentiment(storeKey(window, ENTITY, entity)).remove(portrayal, previous.id(), copies),
                    (a, b) -> b));
            next.factions().forEach((faction, portrayal) -> {
                String key = storeKey(window, FACTION, faction);
                tallies.put(key, tallies.getOrDefault(key, changes.sentiment(key)).add(portrayal,
                        WindowRecords.evidence(next, portrayal, copies), copies, evidenceArticles));
            });
            next.entities().forEach((entity, portrayal) -> {
                String key = storeKey(window, ENTITY, entity);
                tallies.put(key, tallies.getOrDefault(key, changes.sentiment(key)).add(portrayal,
                        WindowRecords.evidence(next, portrayal, copies), copies, evidenceArticles));
            });
            tallies.forEach((key, tally) -> changes.update(key, new WindowState(tally, null)));
            String key = storeKey(window, COVERAGE, coverageTarget(next.story()));
            CoverageTally coverage = changes.coverage(key);
            if (!previous.withdrawn()) {
                coverage = coverage.remove(previous, copies);
            }
            if (!next.withdrawn()) {
                coverage = coverage.add(next, copies, replaced.copySources());
            }
            changes.update(key, new WindowState(null, coverage));
        }
    }

    /** The updates of one count so far; reads see them, as they would see the windows they are applied to. */
    private static final class Changes {

        private final Function<String, WindowState> open;
        private final Map<String, WindowState> latest = new HashMap<>();
        private final List<Update> updates = new ArrayList<>();

        Changes(Function<String, WindowState> open) {
            this.open = open;
        }

        void update(String key, WindowState state) {
            latest.put(key, state);
            updates.add(new Update(key, state));
        }

        private WindowState state(String key) {
            return latest.containsKey(key) ? latest.get(key) : open.apply(key);
        }

        SentimentTally sentiment(String key) {
            WindowState state = state(key);
            return state == null || state.sentiment() == null ? SentimentTally.empty() : state.sentiment();
        }

        CoverageTally coverage(String key) {
            WindowState state = state(key);
            return state == null || state.coverage() == null ? CoverageTally.empty() : state.coverage();
        }
    }
}
