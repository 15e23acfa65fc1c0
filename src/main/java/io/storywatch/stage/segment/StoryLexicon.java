package io.storywatch.stage.segment;

import io.storywatch.story.Role;
import io.storywatch.story.StoryDefinition;
import io.storywatch.story.StoryEntity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The words of a story a segmenter must keep whole: names and unambiguous aliases as nr/nt, role nouns as nnt,
 * common words as n.
 */
public final class StoryLexicon {

    /** High enough that a name beats the dictionary words it could be cut into. */
    static final int NAME_FREQUENCY = 10_000;

    private StoryLexicon() {
    }

    public static List<DictionaryWord> words(StoryDefinition story) {
        Map<String, DictionaryWord> words = new LinkedHashMap<>();
        for (StoryEntity entity : story.entities()) {
            String pos = entity.isPerson() ? "nr" : "nt";
            for (String name : entity.unambiguousNames()) {
                put(words, name, pos);
            }
            // ambiguous aliases (雷克, 米拉) stay out: forced whole they would cut other names (维乔雷克, 米拉克)
        }
        for (StoryEntity entity : story.entities()) {
            for (Role role : entity.roles()) {
                for (String noun : role.nouns()) {
                    // a noun holding a name ("微软CEO", "董事会成员") would swallow the name it contains
                    if (noun.chars().noneMatch(c -> c < 128) && !containsName(noun, words)) {
                        put(words, noun, "nnt");
                    }
                }
            }
        }
        for (String word : story.commonWords()) {
            put(words, word, "n");
        }
        return new ArrayList<>(words.values());
    }

    private static boolean containsName(String noun, Map<String, DictionaryWord> names) {
        for (String name : names.keySet()) {
            if (!name.equals(noun) && noun.contains(name)) {
                return true;
            }
        }
        return false;
    }

    private static void put(Map<String, DictionaryWord> words, String word, String pos) {
        String trimmed = word.trim();
        if (!trimmed.isEmpty()) {
            words.putIfAbsent(trimmed, new DictionaryWord(trimmed, pos, NAME_FREQUENCY));
        }
    }
}
