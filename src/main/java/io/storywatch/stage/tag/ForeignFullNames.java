package io.storywatch.stage.tag;

import io.storywatch.event.Token;
import io.storywatch.story.NameText;
import io.storywatch.story.StoryEntity;
import java.util.Set;

/**
 * Tells a name that is a part of someone else's full name: 伊利亚 in 伊利亚·波洛苏欣, 奥特曼 in 杰克·奥特曼, Sam in Sam
 * Bankman-Fried. A neighbouring part that looks like one of the entity's own name parts is accepted.
 */
final class ForeignFullNames {

    private final ArticleView view;
    private final CompiledStory story;
    private final TaggerLexicon lexicon;

    ForeignFullNames(ArticleView view, CompiledStory story, TaggerLexicon lexicon) {
        this.view = view;
        this.story = story;
        this.lexicon = lexicon;
    }

    boolean partOfForeignName(StoryEntity entity, NameHit hit) {
        String text = view.text;
        String folded = view.folded;
        String found = folded.substring(hit.start(), hit.end());
        if (found.indexOf(NameText.NAME_DOT) >= 0 || found.indexOf(' ') >= 0 || !entity.isPerson()) {
            return false;
        }
        if (NameText.isLatinOrDigit(found.charAt(0))) {
            return isCapitalisedName(latinWordAfter(hit.end())) || isCapitalisedName(latinWordBefore(hit.start()));
        }
        if (hit.end() + 1 < text.length() && folded.charAt(hit.end()) == NameText.NAME_DOT
                && NameText.isCjk(text.charAt(hit.end() + 1))) {
            Token after = view.tokenStartingAt(hit.end() + 1);
            String part = after == null ? text.substring(hit.end() + 1, Math.min(text.length(), hit.end() + 3))
                    : after.word();
            return !story.familyNameHeads.getOrDefault(entity.id(), Set.of()).contains(CompiledStory.head(part));
        }
        if (hit.start() >= 2 && folded.charAt(hit.start() - 1) == NameText.NAME_DOT
                && NameText.isCjk(text.charAt(hit.start() - 2))) {
            Token before = view.tokenEndingAt(hit.start() - 1);
            String part = before == null ? text.substring(Math.max(0, hit.start() - 3), hit.start() - 1)
                    : before.word();
            return !story.givenNameTails.getOrDefault(entity.id(), Set.of()).contains(CompiledStory.tail(part));
        }
        return false;
    }

    /** "Bankman" or "Jack", not "CEO", "Mr" or a lower-case word. */
    private boolean isCapitalisedName(String word) {
        return word != null && word.length() > 1 && Character.isUpperCase(word.charAt(0))
                && Character.isLowerCase(word.charAt(1)) && !lexicon.latinTitles().contains(word.toLowerCase());
    }

    private String latinWordAfter(int end) {
        String text = view.text;
        if (end >= text.length() || text.charAt(end) != ' ') {
            return null;
        }
        int i = end + 1;
        int j = i;
        while (j < text.length() && (Character.isLetter(text.charAt(j)) && text.charAt(j) < 128
                || text.charAt(j) == '-')) {
            j++;
        }
        return j > i ? text.substring(i, j) : null;
    }

    private String latinWordBefore(int start) {
        String text = view.text;
        if (start < 2 || text.charAt(start - 1) != ' ') {
            return null;
        }
        int j = start - 1;
        int i = j;
        while (i > 0 && Character.isLetter(text.charAt(i - 1)) && text.charAt(i - 1) < 128) {
            i--;
        }
        return j > i ? text.substring(i, j) : null;
    }
}
