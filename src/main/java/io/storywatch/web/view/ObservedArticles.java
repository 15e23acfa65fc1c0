package io.storywatch.web.view;

import io.storywatch.event.EntityMentions;
import io.storywatch.event.EntityScore;
import io.storywatch.event.FactionScore;
import io.storywatch.event.StanceScored;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The scored articles the view holds, as digests (the analyses applied as objects kept whole), with the entities they
 * name and one instance of each recurring string among them; not thread-safe, {@link StoryView} calls it under its
 * lock, except {@link #readBack}, which touches none of its state.
 */
final class ObservedArticles {

    /** Distinct recurring strings (entity ids, faction names, labels, sources) shared by all digests, at most. */
    static final int MAX_SHARED_NAMES = 10_000;

    private final ScoredLookup lookup;
    private final Map<String, ObservedArticle> articles = new LinkedHashMap<>();
    private final Map<String, StanceScored> appliedWhole = new HashMap<>();
    private final Map<String, String> sharedNames = new HashMap<>();
    private final Map<String, EntityMentions> entityIdentities = new TreeMap<>();

    ObservedArticles(ScoredLookup lookup) {
        this.lookup = lookup;
    }

    /** An analysis with no record to read it back from: its digest kept, and the analysis whole. */
    void applyWhole(StanceScored analysis, ScoredDigest digest, long recordTimestamp, Predicate<Instant> retained) {
        keep(digest, recordTimestamp, null, retained);
        appliedWhole.put(analysis.id(), analysis);
    }

    /** An analysis as its digest and where its record lies: only the digest kept. */
    void applyDigest(ScoredDigest digest, long recordTimestamp, ScoredLocation location, Predicate<Instant> retained) {
        keep(digest, recordTimestamp, location, retained);
        appliedWhole.remove(digest.id());
    }

    /** Keeps the digest if its event time is {@code retained}; else forgets the article's earlier digest. */
    private void keep(ScoredDigest digest, long recordTimestamp, ScoredLocation location,
                      Predicate<Instant> retained) {
        ObservedArticle observed = ObservedArticle.of(digest, recordTimestamp, location, this::shared);
        if (!retained.test(observed.eventTime())) {
            articles.remove(digest.id());
            return;
        }
        articles.put(digest.id(), observed);
        if (digest.entities() != null) {
            for (ScoredDigest.EntityIdentity entity : digest.entities()) {
                String id = shared(entity.id());
                entityIdentities.put(id, new EntityMentions(id, shared(entity.type()),
                        entity.factions() == null ? List.of() : entity.factions().stream().map(this::shared).toList(),
                        List.of()));
            }
        }
    }

    /** One instance of a recurring string. */
    private String shared(String name) {
        if (name == null) {
            return null;
        }
        String known = sharedNames.get(name);
        if (known != null) {
            return known;
        }
        if (sharedNames.size() < MAX_SHARED_NAMES) {
            sharedNames.put(name, name);
        }
        return name;
    }

    void remove(String id) {
        articles.remove(id);
        appliedWhole.remove(id);
    }

    /** Drops the articles whose event time lies before the cutoff, and the identities no article left names. */
    void prune(Instant cutoff) {
        articles.values().removeIf(article -> article.eventTime().isBefore(cutoff));
        appliedWhole.keySet().retainAll(articles.keySet());
        Set<String> named = new HashSet<>();
        articles.values().forEach(article -> named.addAll(article.entities()));
        entityIdentities.keySet().retainAll(named);
    }

    ObservedArticle get(String id) {
        return articles.get(id);
    }

    /** The analyses of the articles that were applied whole, by id. */
    Map<String, StanceScored> appliedWhole(List<ObservedArticle> wanted) {
        Map<String, StanceScored> found = new HashMap<>();
        for (ObservedArticle article : wanted) {
            StanceScored whole = article.location() == null ? appliedWhole.get(article.id()) : null;
            if (whole != null) {
                found.put(article.id(), whole);
            }
        }
        return found;
    }

    /** The analyses of the articles read back from their records, by id; one that cannot be read is left out. */
    Map<String, StanceScored> readBack(List<ObservedArticle> wanted) {
        List<ScoredLocation> locations = wanted.stream().map(ObservedArticle::location)
                .filter(Objects::nonNull).toList();
        Map<String, StanceScored> found = new HashMap<>();
        if (!locations.isEmpty()) {
            Map<ScoredLocation, StanceScored> read = lookup.read(locations);
            for (ObservedArticle article : wanted) {
                StanceScored analysis = article.location() == null ? null : read.get(article.location());
                if (analysis != null && article.id().equals(analysis.id())) {
                    found.put(article.id(), analysis);
                }
            }
        }
        return found;
    }

    /** How many articles portraying the target were corrected, by the start of their window over [from, to). */
    Map<Instant, Long> corrected(TargetKind kind, String target, Instant from, Instant to, Granularity granularity) {
        Map<Instant, Long> corrected = new HashMap<>();
        for (ObservedArticle article : articles.values()) {
            Instant start = granularity.windowStart(article.eventTime());
            if (article.corrections() > 0 && Portrayal.of(kind, target, article) != null
                    && StoryView.inRange(start, from, to, granularity)) {
                corrected.merge(start, 1L, Long::sum);
            }
        }
        return corrected;
    }

    /** Entities by number of articles portraying them over [from, to), then by mentions. */
    List<EntityStanding> topEntities(Instant from, Instant to, int limit) {
        Map<String, List<EntityScore>> scores = new TreeMap<>();
        for (ObservedArticle article : articles.values()) {
            if (article.counts() && StoryView.inRange(article.eventTime(), from, to, null)) {
                article.entityScores().forEach((entity, score) -> {
                    if (ObservedArticle.present(score.label(), score.mentions())) {
                        scores.computeIfAbsent(entity, e -> new ArrayList<>()).add(score);
                    }
                });
            }
        }
        List<EntityStanding> standings = new ArrayList<>();
        scores.forEach((entity, list) -> {
            double[] values = list.stream().mapToDouble(EntityScore::score).toArray();
            double mean = mean(values);
            EntityMentions identity = entityIdentities.get(entity);
            standings.add(new EntityStanding(entity, identity == null ? null : identity.type(),
                    identity == null ? List.of() : identity.factions(), list.size(),
                    list.stream().mapToLong(EntityScore::mentions).sum(), mean,
                    count(list, "pos"), count(list, "neg"), count(list, "neu"), Interval.ofScores(values),
                    list.size() < StoryView.LOW_SAMPLE_ARTICLES));
        });
        standings.sort(Comparator.comparingLong((EntityStanding s) -> -s.articles())
                .thenComparingLong(s -> -s.mentions()).thenComparing(EntityStanding::entity));
        return List.copyOf(standings.subList(0, Math.min(limit, standings.size())));
    }

    /** The articles the filter lets through, newest first. */
    List<ArticleSummary> summaries(ArticleFilter filter) {
        return articles.values().stream()
                .filter(article -> matches(article, filter))
                .sorted(Comparator.comparing(ObservedArticle::eventTime).reversed()
                        .thenComparing(ObservedArticle::id))
                .limit(Math.max(0, Math.min(filter.limit(), ArticleFilter.MAX_LIMIT)))
                .map(ArticleSummary::of)
                .toList();
    }

    long count() {
        return articles.size();
    }

    long relevant() {
        return articles.values().stream().filter(ObservedArticle::relevant).count();
    }

    long duplicates() {
        return articles.values().stream().filter(a -> a.duplicateOf() != null).count();
    }

    /** The earliest event time held, or null when none. */
    String firstEventTime() {
        return articles.values().stream().map(ObservedArticle::eventTime).min(Instant::compareTo)
                .map(Instant::toString).orElse(null);
    }

    /** The latest event time held, or null when none. */
    String lastEventTime() {
        return articles.values().stream().map(ObservedArticle::eventTime).max(Instant::compareTo)
                .map(Instant::toString).orElse(null);
    }

    /** The factions the articles held score. */
    Set<String> factions() {
        Set<String> factions = new HashSet<>();
        articles.values().forEach(a -> factions.addAll(a.factions().keySet()));
        return factions;
    }

    /** The ids of the entities the articles applied so far named. */
    List<String> entityIds() {
        return List.copyOf(entityIdentities.keySet());
    }

    private static boolean matches(ObservedArticle a, ArticleFilter filter) {
        if (filter.relevantOnly() && !a.relevant()) {
            return false;
        }
        if (filter.source() != null && !filter.source().equals(a.source())) {
            return false;
        }
        if (filter.faction() != null) {
            FactionScore score = a.factions().get(filter.faction());
            if (score == null || !ObservedArticle.present(score.label(), score.mentions())) {
                return false;
            }
        }
        if (filter.entity() != null && !a.entities().contains(filter.entity())) {
            return false;
        }
        return StoryView.inRange(a.eventTime(), filter.from(), filter.to(), null);
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return values.length == 0 ? 0 : sum / values.length;
    }

    private static long count(List<EntityScore> scores, String label) {
        return scores.stream().filter(score -> label.equals(score.label())).count();
    }
}
