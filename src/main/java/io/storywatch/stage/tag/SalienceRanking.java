package io.storywatch.stage.tag;

import io.storywatch.story.StoryEntity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Step 7: ranks the named entities by salience: named in the headline first, then by how often they are named. */
final class SalienceRanking {

    private SalienceRanking() {
    }

    static Salience rank(ArticleView view, NamesLinked named) {
        boolean headlineFirst = view.article.title() != null && !view.article.title().isBlank()
                && view.text.startsWith(view.article.title());
        Map<String, StoryEntity> entities = new LinkedHashMap<>();
        Map<String, Integer> headline = new LinkedHashMap<>();
        for (EntityMention m : named.mentions()) {
            entities.putIfAbsent(m.entity().id(), m.entity());
            if (headlineFirst && m.mention().sentence() == 0) {
                headline.putIfAbsent(m.entity().id(), headline.size());
            }
        }
        Comparator<StoryEntity> order = Comparator
                .<StoryEntity>comparingInt(e -> headline.getOrDefault(e.id(), Integer.MAX_VALUE))
                .thenComparing(Comparator.<StoryEntity>comparingInt(e -> named.timesNamed(e.id())).reversed());
        List<StoryEntity> people = new ArrayList<>();
        List<StoryEntity> organisations = new ArrayList<>();
        for (StoryEntity entity : entities.values()) {
            if (entity.isPerson()) {
                people.add(entity);
            } else if (entity.partOf() == null) {
                organisations.add(entity);
            }
        }
        people.sort(order);
        organisations.sort(order);
        return new Salience(List.copyOf(people), organisations.isEmpty() ? null : organisations.get(0));
    }
}
