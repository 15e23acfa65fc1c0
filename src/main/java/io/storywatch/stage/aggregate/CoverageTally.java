package io.storywatch.stage.aggregate;

import io.storywatch.event.StoryCoverage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The running coverage of the story in one window: original articles, their copies, the sources that carried either,
 * and per entity and faction the originals that portray it and their mentions.
 */
public record CoverageTally(long articles, long copies, List<String> sources, SortedMap<String, Counts> entities,
                            SortedMap<String, Counts> factions) {

    /** Articles and mentions of one entity or faction. */
    public record Counts(long articles, long mentions) {
        Counts plus(Portrayal portrayal) {
            return new Counts(articles + 1, mentions + portrayal.mentions());
        }
    }

    public CoverageTally {
        sources = sources == null ? List.of() : List.copyOf(sources);
        entities = entities == null ? new TreeMap<>() : new TreeMap<>(entities);
        factions = factions == null ? new TreeMap<>() : new TreeMap<>(factions);
    }

    public static CoverageTally empty() {
        return new CoverageTally(0, 0, List.of(), new TreeMap<>(), new TreeMap<>());
    }

    /** Counts an original with the copies (and their sources) seen so far. */
    public CoverageTally add(Contribution article, long articleCopies, List<String> copySources) {
        TreeSet<String> allSources = new TreeSet<>(sources);
        if (article.source() != null) {
            allSources.add(article.source());
        }
        allSources.addAll(copySources);
        SortedMap<String, Counts> entityCounts = new TreeMap<>(entities);
        article.entities().forEach((id, portrayal) ->
                entityCounts.put(id, entityCounts.getOrDefault(id, new Counts(0, 0)).plus(portrayal)));
        SortedMap<String, Counts> factionCounts = new TreeMap<>(factions);
        article.factions().forEach((id, portrayal) ->
                factionCounts.put(id, factionCounts.getOrDefault(id, new Counts(0, 0)).plus(portrayal)));
        return new CoverageTally(articles + 1, copies + articleCopies, List.copyOf(allSources), entityCounts,
                factionCounts);
    }

    /**
     * Takes back an original {@link #add} counted with its {@code articleCopies}, when a new version replaces it. The
     * sources stay: another article of the window may come from the same one.
     */
    public CoverageTally remove(Contribution article, long articleCopies) {
        SortedMap<String, Counts> entityCounts = new TreeMap<>(entities);
        article.entities().forEach((id, portrayal) -> entityCounts.computeIfPresent(id, (key, counts) ->
                counts.articles() <= 1 ? null : new Counts(counts.articles() - 1,
                        counts.mentions() - portrayal.mentions())));
        SortedMap<String, Counts> factionCounts = new TreeMap<>(factions);
        article.factions().forEach((id, portrayal) -> factionCounts.computeIfPresent(id, (key, counts) ->
                counts.articles() <= 1 ? null : new Counts(counts.articles() - 1,
                        counts.mentions() - portrayal.mentions())));
        return new CoverageTally(articles - 1, copies - articleCopies, sources, entityCounts, factionCounts);
    }

    /** Counts one more copy of an original this window counted. */
    public CoverageTally addCopy(String copySource) {
        TreeSet<String> allSources = new TreeSet<>(sources);
        if (copySource != null) {
            allSources.add(copySource);
        }
        return new CoverageTally(articles, copies + 1, List.copyOf(allSources), entities, factions);
    }

    /** The most covered entities: by articles, then mentions, then id. */
    public List<StoryCoverage.EntityCoverage> topEntities(int limit) {
        List<StoryCoverage.EntityCoverage> all = new ArrayList<>();
        entities.forEach((id, counts) -> all.add(new StoryCoverage.EntityCoverage(id, counts.articles(),
                counts.mentions())));
        all.sort(Comparator.comparingLong((StoryCoverage.EntityCoverage e) -> -e.articles())
                .thenComparingLong(e -> -e.mentions())
                .thenComparing(StoryCoverage.EntityCoverage::entity));
        return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    }

    /** Each faction's voice: its share of all faction mentions in the window (0 when there are none). */
    public SortedMap<String, StoryCoverage.FactionVoice> voices() {
        long total = factions.values().stream().mapToLong(Counts::mentions).sum();
        SortedMap<String, StoryCoverage.FactionVoice> voices = new TreeMap<>();
        for (Map.Entry<String, Counts> entry : factions.entrySet()) {
            Counts counts = entry.getValue();
            voices.put(entry.getKey(), new StoryCoverage.FactionVoice(counts.articles(), counts.mentions(),
                    total == 0 ? 0.0 : (double) counts.mentions() / total));
        }
        return voices;
    }
}
