package io.storywatch.stage.tag;

import io.storywatch.event.ArticleSegmented;
import io.storywatch.event.EntitiesTagged;
import io.storywatch.event.EntityMentions;
import io.storywatch.event.Mention;
import io.storywatch.event.UnlinkedName;
import io.storywatch.story.FactionMember;
import io.storywatch.story.StoryEntity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Step 10: the tagged article: mentions grouped per entity in order of first mention, with factions and versions. */
final class TaggedAssembly {

    private TaggedAssembly() {
    }

    static EntitiesTagged assemble(ArticleView view, CompiledStory story, String taggerVersion, List<EntityMention> named,
                                   List<EntityMention> implicit, List<UnlinkedName> unlinked, double relevance) {
        ArticleSegmented article = view.article;
        Map<String, String> versions = new TreeMap<>();
        if (article.versions() != null) {
            versions.putAll(article.versions());
        }
        versions.put("story", story.story.label());
        versions.put("tagger", taggerVersion);
        List<EntityMention> all = new ArrayList<>(named);
        all.addAll(implicit);
        return new EntitiesTagged(EntitiesTagged.SCHEMA_VERSION, article.id(), article.title(), article.text(),
                article.publishedAt(), article.source(), article.url(), article.language(),
                article.contentHash(), article.duplicateOf(), article.sentences(), perEntity(all, story, view.day),
                unlinked, relevance, relevance >= EntityTagger.RELEVANCE_THRESHOLD, versions);
    }

    private static List<EntityMentions> perEntity(List<EntityMention> all, CompiledStory story, LocalDate day) {
        Map<String, List<Mention>> byEntity = new LinkedHashMap<>();
        for (EntityMention m : all) {
            byEntity.computeIfAbsent(m.entity().id(), k -> new ArrayList<>()).add(m.mention());
        }
        List<EntityMentions> result = new ArrayList<>();
        for (Map.Entry<String, List<Mention>> entry : byEntity.entrySet()) {
            StoryEntity entity = story.entities.get(entry.getKey());
            List<Mention> sorted = new ArrayList<>(entry.getValue());
            sorted.sort(Comparator.comparingInt(Mention::start));
            result.add(new EntityMentions(entity.id(), entity.type(), factions(story, entity.id(), day), sorted));
        }
        result.sort(Comparator.comparingInt(e -> e.mentions().get(0).start()));
        return result;
    }

    private static List<String> factions(CompiledStory story, String entityId, LocalDate day) {
        List<String> factions = new ArrayList<>();
        for (var faction : story.story.factions()) {
            for (FactionMember member : faction.members()) {
                if (member.id().equals(entityId) && member.heldOn(day)) {
                    factions.add(faction.id());
                    break;
                }
            }
        }
        return factions;
    }
}
