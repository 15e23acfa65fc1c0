package io.storywatch.stage.tag;

import com.hankcs.hanlp.collection.AhoCorasick.AhoCorasickDoubleArrayTrie;
import io.storywatch.story.NameText;
import io.storywatch.story.Role;
import io.storywatch.story.StoryDefinition;
import io.storywatch.story.StoryEntity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A story turned into the automata the tagger scans articles with; built once per story version. */
final class CompiledStory {

    enum Kind { NAME, ALIAS, AMBIGUOUS }

    /** One entity a name can denote, and how strongly. */
    record Sense(StoryEntity entity, Kind kind, String form) {
    }

    /** One entity a role noun can denote. */
    record RoleSense(StoryEntity entity, Role role) {
    }

    /** A context word and the entities it speaks for (positive) or against. */
    record Cue(int entityIndex, boolean positive) {
    }

    /** Everything a string of the story can be: a name, a role noun, a cue, a keyword, or several of these. */
    static final class Entry {
        List<Sense> senses;
        List<RoleSense> roles;
        List<Cue> cues;
        String keyword;
    }

    final StoryDefinition story;
    /** One automaton for names, role nouns, cues and keywords: an article is scanned once. */
    final AhoCorasickDoubleArrayTrie<Entry> words;
    final Map<String, List<RoleSense>> roles;
    /** Role nouns, common words and the story's own names: never reported as unknown names. */
    final Set<String> notNames = new HashSet<>();
    final Map<String, StoryEntity> entities = new HashMap<>();
    /** Entity id -> position in the story, for per-entity counters kept in arrays. */
    final Map<String, Integer> index = new HashMap<>();
    /** Per entity: the first two characters of the name parts before and after a name dot. */
    final Map<String, Set<String>> givenNameHeads = new HashMap<>();
    final Map<String, Set<String>> familyNameHeads = new HashMap<>();
    final Map<String, Set<String>> givenNameTails = new HashMap<>();

    CompiledStory(StoryDefinition story) {
        this.story = story;
        TreeMap<String, List<Sense>> nameMap = new TreeMap<>();
        TreeMap<String, List<RoleSense>> roleMap = new TreeMap<>();
        TreeMap<String, List<Cue>> cueMap = new TreeMap<>();
        TreeMap<String, String> keywordMap = new TreeMap<>();
        for (StoryEntity entity : story.entities()) {
            index.putIfAbsent(entity.id(), index.size());
        }
        for (StoryEntity entity : story.entities()) {
            entities.put(entity.id(), entity);
            entity.names().values().forEach(list -> list.forEach(n -> addName(nameMap, entity, Kind.NAME, n)));
            entity.aliases().values().forEach(list -> list.forEach(n -> addName(nameMap, entity, Kind.ALIAS, n)));
            entity.ambiguousAliases().values()
                    .forEach(list -> list.forEach(n -> addName(nameMap, entity, Kind.AMBIGUOUS, n)));
            for (Role role : entity.roles()) {
                for (String noun : role.nouns()) {
                    roleMap.computeIfAbsent(NameText.fold(noun.trim()), k -> new ArrayList<>())
                            .add(new RoleSense(entity, role));
                }
            }
            entity.cues().positive().forEach(c -> addCue(cueMap, c, new Cue(index.get(entity.id()), true)));
            entity.cues().negative().forEach(c -> addCue(cueMap, c, new Cue(index.get(entity.id()), false)));
            for (String full : entity.unambiguousNames()) {
                String folded = NameText.fold(full.trim());
                int dot = folded.lastIndexOf(NameText.NAME_DOT);
                if (dot > 0 && dot < folded.length() - 1) {
                    String given = folded.substring(0, folded.indexOf(NameText.NAME_DOT));
                    String family = folded.substring(dot + 1);
                    givenNameHeads.computeIfAbsent(entity.id(), k -> new HashSet<>()).add(head(given));
                    givenNameTails.computeIfAbsent(entity.id(), k -> new HashSet<>()).add(tail(given));
                    familyNameHeads.computeIfAbsent(entity.id(), k -> new HashSet<>()).add(head(family));
                }
            }
        }
        for (String keyword : story.allKeywords()) {
            keywordMap.put(NameText.fold(keyword.trim()), keyword);
        }
        TreeMap<String, Entry> all = new TreeMap<>();
        nameMap.forEach((k, v) -> all.computeIfAbsent(k, x -> new Entry()).senses = v);
        roleMap.forEach((k, v) -> all.computeIfAbsent(k, x -> new Entry()).roles = v);
        cueMap.forEach((k, v) -> all.computeIfAbsent(k, x -> new Entry()).cues = v);
        keywordMap.forEach((k, v) -> all.computeIfAbsent(k, x -> new Entry()).keyword = v);
        words = build(all);
        roles = roleMap;
        notNames.addAll(story.commonWords());
        // a story name the context ruled out (董事会 of another board) is no unknown name either
        story.entities().forEach(e -> {
            notNames.addAll(e.unambiguousNames());
            notNames.addAll(e.allAmbiguousAliases());
        });
        story.entities().forEach(e -> e.roles().forEach(r -> notNames.addAll(r.nouns())));
    }

    static String head(String part) {
        return part.length() <= 2 ? part : part.substring(0, 2);
    }

    static String tail(String part) {
        return part.length() <= 2 ? part : part.substring(part.length() - 2);
    }

    private static void addName(TreeMap<String, List<Sense>> map, StoryEntity entity, Kind kind, String name) {
        String key = NameText.fold(name.trim());
        if (key.isEmpty()) {
            return;
        }
        List<Sense> senses = map.computeIfAbsent(key, k -> new ArrayList<>());
        for (int i = 0; i < senses.size(); i++) {
            Sense existing = senses.get(i);
            if (existing.entity().id().equals(entity.id())) {
                if (kind.ordinal() < existing.kind().ordinal()) {
                    senses.set(i, new Sense(entity, kind, name.trim()));
                }
                return;
            }
        }
        senses.add(new Sense(entity, kind, name.trim()));
    }

    private static void addCue(TreeMap<String, List<Cue>> map, String word, Cue cue) {
        String key = NameText.fold(word.trim());
        if (!key.isEmpty()) {
            map.computeIfAbsent(key, k -> new ArrayList<>()).add(cue);
        }
    }

    private static <V> AhoCorasickDoubleArrayTrie<V> build(TreeMap<String, V> map) {
        AhoCorasickDoubleArrayTrie<V> trie = new AhoCorasickDoubleArrayTrie<>();
        if (!map.isEmpty()) {
            trie.build(map);
        }
        return trie;
    }
}
