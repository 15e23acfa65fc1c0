package io.storywatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.storywatch.bench.BenchCorpus.BenchArticle;
import io.storywatch.event.RawArticle;
import io.storywatch.story.Stories;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchCorpusTest {

    private static final Instant FROM = Instant.parse("2024-05-20T00:00:00Z");
    private final BenchCorpus corpus = BenchCorpus.fromSamples(Stories.defaultStory());

    @Test
    void shouldMakeTheSameArticlesFromTheSameSeed() {
        List<RawArticle> first = raw(corpus.articles("b", 50, 7, FROM, Duration.ofDays(6), false, List.of()));
        List<RawArticle> again = raw(corpus.articles("b", 50, 7, FROM, Duration.ofDays(6), false, List.of()));
        List<RawArticle> otherSeed = raw(corpus.articles("b", 50, 8, FROM, Duration.ofDays(6), false, List.of()));

        assertEquals(first, again);
        assertFalse(first.equals(otherSeed));
    }

    @Test
    void shouldNeverLetTwoArticlesShareMoreThanHalfTheirSentences() {
        List<BenchArticle> burst = corpus.articles("b", 400, 1, FROM, Duration.ofDays(6), false, List.of());
        List<BenchArticle> steady = corpus.articles("s", 100, 2, FROM, Duration.ZERO, true, burst);
        List<BenchArticle> all = new ArrayList<>(burst);
        all.addAll(steady);

        Set<String> bodies = new HashSet<>();
        for (int i = 0; i < all.size(); i++) {
            assertTrue(bodies.add(all.get(i).raw().body()), "body repeated: " + all.get(i).raw().id());
            Set<Integer> mine = set(all.get(i).sentenceIndexes());
            for (int j = 0; j < i; j++) {
                Set<Integer> shared = set(all.get(j).sentenceIndexes());
                shared.retainAll(mine);
                int smaller = Math.min(mine.size(), all.get(j).sentenceIndexes().length);
                assertTrue(2 * shared.size() <= smaller, all.get(i).raw().id() + " and " + all.get(j).raw().id()
                        + " share " + shared.size() + " of " + smaller + " sentences");
            }
        }
    }

    @Test
    void shouldPublishBurstArticlesWithinTheSpreadAndSteadyArticlesOnADayEach() {
        List<BenchArticle> burst = corpus.articles("b", 100, 1, FROM, Duration.ofDays(6), false, List.of());
        List<BenchArticle> steady = corpus.articles("s", 30, 2, FROM, Duration.ZERO, true, List.of());

        for (BenchArticle article : burst) {
            Instant published = Instant.parse(article.raw().publishedAt());
            assertTrue(!published.isBefore(FROM) && published.isBefore(FROM.plus(Duration.ofDays(6))),
                    article.raw().publishedAt());
        }
        Set<String> windows = new HashSet<>();
        steady.forEach(article -> windows.add(PipelineProbe.dayWindow(article)));
        assertEquals(steady.size(), windows.size());
        assertEquals("2024-05-20T00:00:00Z/P1D", PipelineProbe.dayWindow(steady.get(0)));
        assertEquals("2024-05-21T00:00:00Z/P1D", PipelineProbe.dayWindow(steady.get(1)));
        assertEquals("s-00001", steady.get(1).raw().id());
    }

    private static List<RawArticle> raw(List<BenchArticle> articles) {
        return articles.stream().map(BenchArticle::raw).toList();
    }

    private static Set<Integer> set(int[] values) {
        return new HashSet<>(Arrays.stream(values).boxed().toList());
    }
}
