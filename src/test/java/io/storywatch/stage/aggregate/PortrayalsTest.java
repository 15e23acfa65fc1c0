package io.storywatch.stage.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.storywatch.event.EntityMentions;
import io.storywatch.event.EntityScore;
import io.storywatch.event.EvidenceSentence;
import io.storywatch.event.FactionScore;
import io.storywatch.event.ScoredSentence;
import io.storywatch.event.StanceScored;
import io.storywatch.event.TargetSentiment;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

        // scores in millionths: -500000 + 250000 + 0 + 250000; squares in millionths squared
        assertEquals(new SentimentTally(4, 12, 0, 250_000_000_000L + 62_500_000_000L + 0 + 62_500_000_000L,
                1, 1, 1, 1, 0, List.of()), tally);
        assertEquals(0.0, tally.meanScore());
        assertEquals(0.0, SentimentTally.empty().meanScore());
    }

    @Test
    void shouldPickTheStrongestSentenceThatAgreesWithTheArticleScore() {
        StanceScored article = new StanceScored(1, "p2", "标题", "2024-05-28", null, null, null, 0.9, true,
                "标题\nA。B。C。", List.of(
                        new ScoredSentence(0, 3, 5, "A。", 0.9, Map.of("sam-altman", new TargetSentiment(0.9, "pos"))),
                        new ScoredSentence(1, 5, 7, "B。", -0.4, Map.of(
                                "sam-altman", new TargetSentiment(-0.4, "neg"),
                                "greg-brockman", new TargetSentiment(-0.6, "neg"))),
                        new ScoredSentence(2, 7, 9, "C。", -0.6, Map.of(
                                "greg-brockman", new TargetSentiment(-0.6, "neg"),
                                "helen-toner", new TargetSentiment(-1.0, "neg")))),
                List.of(new EntityMentions("sam-altman", "person", List.of("acceleration"), List.of()),
                        new EntityMentions("greg-brockman", "person", List.of("acceleration"), List.of()),
                        new EntityMentions("helen-toner", "person", List.of("safety"), List.of())),
                List.of(), Map.of(), Map.of(), Map.of());

        // negative article score: the 0.9 sentence disagrees; -0.6 twice, the earlier sentence wins; toner is
        // another faction
        assertEquals(new EvidenceSentence(1, 5, 7, "B。", "greg-brockman", -0.6), Portrayals.evidenceSentence(
                article, Set.of("sam-altman", "greg-brockman"), -0.3));
        // positive: the one agreeing sentence
        assertEquals(new EvidenceSentence(0, 3, 5, "A。", "sam-altman", 0.9), Portrayals.evidenceSentence(
                article, Set.of("sam-altman"), 0.2));
        // no agreeing sentence: the strongest of any sign
        assertEquals(new EvidenceSentence(2, 7, 9, "C。", "helen-toner", -1.0), Portrayals.evidenceSentence(
                article, Set.of("helen-toner"), 0.5));
        assertEquals(null, Portrayals.evidenceSentence(article, Set.of("jan-leike"), 0.5));
    }

    private static StanceScored article(String duplicateOf, boolean relevant, Map<String, FactionScore> factions,
                                        Map<String, EntityScore> entities) {
        return new StanceScored(1, "p1", "标题", "2024-05-28", null, null, duplicateOf, relevant ? 0.8 : 0.2, relevant,
                "标题\n正文。", List.of(), List.of(), List.of(), entities, factions, Map.of());
    }
}
