package io.storywatch.bench;

import io.storywatch.event.RawArticle;
import io.storywatch.json.Json;
import io.storywatch.story.Faction;
import io.storywatch.story.FactionMember;
import io.storywatch.story.StoryDefinition;
import io.storywatch.story.StoryEntity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes any number of distinct benchmark articles out of the bundled samples, deterministically from a seed, so that
 * every benchmark run feeds the pipeline the same text and neither exact nor near-duplicate detection discards any.
 *
 * <p>Each article is 8 to 14 sentences drawn from the whole pool of sample sentences (all samples mixed), grouped into
 * paragraphs of 2 to 4, the first sentence always naming a faction member so that the article reaches the faction
 * windows. A draw is kept only when it shares at most half of its sentences with every article made before it (half of the
 * smaller article's): two articles are then far apart in any shingle fingerprint, well beyond a near-duplicate
 * threshold, which copies differing in a few characters stay within.
 */
public final class BenchCorpus {

    public static final String SAMPLES_RESOURCE = "/samples/articles.jsonl";
    private static final Pattern SENTENCE = Pattern.compile("[^。！？!?]+[。！？!?]+[”’」』]?");
    private static final int MIN_SENTENCES = 8;
    private static final int MAX_SENTENCES = 14;
    private static final int DRAWS = 1000;

    private final List<String> sentences;
    private final List<Integer> factionSentences;
    private final List<String> titles;
    private final List<String> sources;

    private BenchCorpus(List<String> sentences, List<Integer> factionSentences, List<String> titles,
                        List<String> sources) {
        this.sentences = sentences;
        this.factionSentences = factionSentences;
        this.titles = titles;
        this.sources = sources;
    }

    /** The sentence pool of the bundled samples; faction sentences are those naming a faction member of the story. */
    public static BenchCorpus fromSamples(StoryDefinition story) {
        List<RawArticle> samples = new ArrayList<>();
        try (InputStream in = BenchCorpus.class.getResourceAsStream(SAMPLES_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + SAMPLES_RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    samples.add(Json.fromString(line, RawArticle.class));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fromArticles(samples, story);
    }

    static BenchCorpus fromArticles(List<RawArticle> samples, StoryDefinition story) {
        Set<String> memberNames = new HashSet<>();
        for (Faction faction : story.factions()) {
            for (FactionMember member : faction.members()) {
                story.entity(member.id()).map(StoryEntity::unambiguousNames).ifPresent(memberNames::addAll);
            }
        }
        Set<String> pool = new LinkedHashSet<>();
        Set<String> titles = new LinkedHashSet<>();
        Set<String> sources = new LinkedHashSet<>();
        for (RawArticle sample : samples) {
            if (sample.title() != null && !sample.title().isBlank()) {
                titles.add(sample.title().strip());
            }
            if (sample.source() != null && !sample.source().isBlank()) {
                sources.add(sample.source().strip());
            }
            Matcher matcher = SENTENCE.matcher(sample.body());
            while (matcher.find()) {
                String sentence = matcher.group().strip();
                if (sentence.length() >= 8) {
                    pool.add(sentence);
                }
            }
        }
        List<String> sentences = List.copyOf(pool);
        List<Integer> faction = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            String sentence = sentences.get(i);
            if (memberNames.stream().anyMatch(name -> name.length() >= 2 && sentence.contains(name))) {
                faction.add(i);
            }
        }
        if (faction.isEmpty() || sentences.size() < 3 * MAX_SENTENCES) {
            throw new IllegalStateException("the samples give too few sentences to vary: " + sentences.size());
        }
        return new BenchCorpus(sentences, List.copyOf(faction), List.copyOf(titles), List.copyOf(sources));
    }

    public int sentencePoolSize() {
        return sentences.size();
    }

    /**
     * {@code count} distinct articles, ids {@code PREFIX-00000}..., published between {@code from} and
     * {@code from + spread} when {@code dayEach} is false, or each on its own day ({@code from + i days + 12 h}) when
     * it is true. The same arguments give the same articles.
     *
     * @param avoid articles made earlier whose sentences these must not repeat either (may be empty)
     */
    public List<BenchArticle> articles(String idPrefix, int count, long seed, Instant from, Duration spread,
                                       boolean dayEach, List<BenchArticle> avoid) {
        Random random = new Random(seed);
        Map<Integer, List<Integer>> articlesBySentence = new HashMap<>();
        List<int[]> picks = new ArrayList<>();
        for (BenchArticle earlier : avoid) {
            index(earlier.sentenceIndexes(), picks, articlesBySentence);
        }
        List<BenchArticle> articles = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int[] pick = draw(random, picks, articlesBySentence);
            index(pick, picks, articlesBySentence);
            Instant published = dayEach
                    ? from.plus(Duration.ofDays(i)).plus(Duration.ofHours(12))
                    : from.plusSeconds((long) (random.nextDouble() * spread.toSeconds()));
            articles.add(article(String.format("%s-%05d", idPrefix, i), pick, random, published));
        }
        return articles;
    }

    private int[] draw(Random random, List<int[]> picks, Map<Integer, List<Integer>> articlesBySentence) {
        for (int attempt = 0; attempt < DRAWS; attempt++) {
            int size = MIN_SENTENCES + random.nextInt(MAX_SENTENCES - MIN_SENTENCES + 1);
            LinkedHashSet<Integer> chosen = new LinkedHashSet<>();
            chosen.add(factionSentences.get(random.nextInt(factionSentences.size())));
            while (chosen.size() < size) {
                chosen.add(random.nextInt(sentences.size()));
            }
            int[] pick = chosen.stream().mapToInt(Integer::intValue).toArray();
            if (!sharesTooMuch(pick, picks, articlesBySentence)) {
                return pick;
            }
        }
        throw new IllegalStateException("cannot draw another article sharing at most half of its sentences with "
                + picks.size() + " others; the sample pool (" + sentences.size() + " sentences) is too small");
    }

    /**
     * True when {@code pick} shares more than half of its sentences, or of an earlier article's, with that article:
     * measured against the smaller of the two, so that a short article cannot hide inside a long one.
     */
    private static boolean sharesTooMuch(int[] pick, List<int[]> picks,
                                         Map<Integer, List<Integer>> articlesBySentence) {
        Map<Integer, Integer> shared = new HashMap<>();
        for (int sentence : pick) {
            for (int other : articlesBySentence.getOrDefault(sentence, List.of())) {
                int n = shared.merge(other, 1, Integer::sum);
                if (2 * n > Math.min(pick.length, picks.get(other).length)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void index(int[] pick, List<int[]> picks, Map<Integer, List<Integer>> articlesBySentence) {
        int id = picks.size();
        picks.add(pick);
        for (int sentence : pick) {
            articlesBySentence.computeIfAbsent(sentence, s -> new ArrayList<>()).add(id);
        }
    }

    private BenchArticle article(String id, int[] pick, Random random, Instant published) {
        StringBuilder body = new StringBuilder();
        int inParagraph = 0;
        int paragraphLength = 2 + random.nextInt(3);
        for (int sentence : pick) {
            if (inParagraph == paragraphLength) {
                body.append('\n');
                inParagraph = 0;
                paragraphLength = 2 + random.nextInt(3);
            }
            body.append(sentences.get(sentence));
            inParagraph++;
        }
        String title = titles.get(random.nextInt(titles.size()));
        String source = sources.isEmpty() ? "storywatch-bench" : sources.get(random.nextInt(sources.size()));
        RawArticle raw = new RawArticle(id, title, body.toString(), published.toString(), source,
                "https://bench.example.com/" + id, "zh");
        return new BenchArticle(raw, pick);
    }

    /** One generated article and the pool sentences it is made of. */
    public record BenchArticle(RawArticle raw, int[] sentenceIndexes) {

        /** The text every stage indexes: title, line break, body. */
        public String text() {
            return raw.title() + "\n" + raw.body();
        }

        public int chars() {
            return text().length();
        }

        public byte[] json() {
            return Json.toBytes(raw);
        }

        /** The same text under another id and publication time. */
        public BenchArticle renamed(String id, Instant published) {
            return new BenchArticle(new RawArticle(id, raw.title(), raw.body(), published.toString(), raw.source(),
                    "https://bench.example.com/" + id, raw.language()), sentenceIndexes);
        }
    }
}
