package io.storywatch.stage.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.storywatch.event.EntityScore;
import io.storywatch.event.FactionScore;
import io.storywatch.event.StanceScored;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PortrayalsTest {

    @Test
    void shouldKeepPresentFactionsSortedById() {
        StanceScored article = article(null, true, Map.of(
                "safety", new FactionScore(0.5, "pos", 2),
                "acceleration", new FactionScore(-0.3, "mixed", 1),
                "bystanders", new FactionScore(0.0, "absent", 0),
                "quiet", new FactionScore(0.0, "neu", 0)), Map.of());

        assertEquals(new TreeMap<>(Map.of(
                        "acceleration", new Portrayal(-0.3, "mixed", 1),
                        "safety", new Portrayal(0.5, "pos", 2))),
                Portrayals.ofFactions(article));
        assertEquals(List.of("acceleration", "safety"), List.copyOf(Portrayals.ofFactions(article).keySet()));
    }

    @Test
    void shouldKeepOnlyMentionedEntities() {
        StanceScored article = article(null, true, Map.of(), Map.of(
                "sam-altman", new EntityScore(-0.2, "neg", 4),
                "jan-leike", new EntityScore(0.0, "neu", 0)));

        assertEquals(new TreeMap<>(Map.of("sam-altman", new Portrayal(-0.2, "neg", 4))),
                Portrayals.ofEntities(article));
    }

    @Test
    void shouldCountNothingOfDuplicatesOrIrrelevantArticles() {
        Map<String, FactionScore> factions = Map.of("safety", new FactionScore(0.5, "pos", 2));
        Map<String, EntityScore> entities = Map.of("anthropic", new EntityScore(0.5, "pos", 2));

        assertEquals(new TreeMap<>(), Portrayals.ofFactions(article("original", true, factions, entities)));
        assertEquals(new TreeMap<>(), Portrayals.ofEntities(article("original", true, factions, entities)));
        assertEquals(new TreeMap<>(), Portrayals.ofFactions(article(null, false, factions, entities)));
        assertEquals(new TreeMap<>(), Portrayals.ofEntities(article(null, false, factions, entities)));
    }

    @Test
    void shouldAverageArticleScoresUnweightedByMentions() {
        SentimentTally tally = SentimentTally.empty()
                .add(new Portrayal(-0.5, "neg", 9))
                .add(new Portrayal(0.25, "pos", 1))
                .add(new Portrayal(0.0, "neu", 1))
                .add(new Portrayal(0.25, "mixed", 1));

        assertEquals(new SentimentTally(4, 12, 0.0, 1, 1, 1, 1), tally);
        assertEquals(0.0, tally.meanScore());
        assertEquals(0.0, SentimentTally.empty().meanScore());
    }

    private static StanceScored article(String duplicateOf, boolean relevant, Map<String, FactionScore> factions,
                                        Map<String, EntityScore> entities) {
        return new StanceScored(1, "p1", "标题", "2024-05-28", null, null, duplicateOf, relevant ? 0.8 : 0.2, relevant,
                "标题\n正文。", List.of(), List.of(), List.of(), entities, factions, Map.of());
    }
}
