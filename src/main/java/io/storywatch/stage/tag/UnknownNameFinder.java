package io.storywatch.stage.tag;

import io.storywatch.event.Sentence;
import io.storywatch.event.Token;
import io.storywatch.event.UnlinkedName;
import io.storywatch.story.NameText;
import io.storywatch.story.StoryEntity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Step 5: person and organisation names HanLP finds, and capitalised Latin names, that no story name covers: reported
 * as unlinked, and referents that keep a pronoun from jumping past them.
 */
final class UnknownNameFinder {

    private static final Pattern LATIN_NAME = Pattern.compile("[A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2}(?![A-Za-z])");

    private final ArticleView view;
    private final CompiledStory story;
    private final TaggerLexicon lexicon;

    UnknownNameFinder(ArticleView view, CompiledStory story, TaggerLexicon lexicon) {
        this.view = view;
        this.story = story;
        this.lexicon = lexicon;
    }

    UnknownNames find(NamesLinked named) {
        List<UnlinkedName> names = new ArrayList<>();
        List<Referent> referents = new ArrayList<>();
        hanLpNames(named, names, referents);
        latinNames(named, names, referents);
        names.sort(Comparator.comparingInt(UnlinkedName::start));
        return new UnknownNames(List.copyOf(names), List.copyOf(referents));
    }

    private void hanLpNames(NamesLinked named, List<UnlinkedName> names, List<Referent> referents) {
        String text = view.text;
        for (Sentence sentence : view.sentences) {
            List<Token> tokens = sentence.tokens();
            for (int i = 0; i < tokens.size(); i++) {
                Token token = tokens.get(i);
                String type = nameType(token.pos());
                if (type == null) {
                    continue;
                }
                int start = token.start();
                int end = token.end();
                int j = i;
                // a transliterated full name comes as name · name
                while (j + 2 < tokens.size() && NameText.fold(tokens.get(j + 1).word()).equals("·")
                        && tokens.get(j + 1).start() == end && tokens.get(j + 2).start() == end + 1
                        && nameType(tokens.get(j + 2).pos()) != null) {
                    end = tokens.get(j + 2).end();
                    j += 2;
                }
                i = j;
                String name = text.substring(start, end);
                if (name.codePointCount(0, name.length()) < 2 || story.notNames.contains(name)
                        || named.overlaps(start, end) || name.chars().anyMatch(Character::isDigit)) {
                    continue;
                }
                if (type.equals(StoryEntity.PERSON)
                        && !PersonNames.plausible(name, token.pos(), start > 0 ? text.charAt(start - 1) : 0)) {
                    continue;
                }
                names.add(new UnlinkedName(name, type, start, end, sentence.index()));
                referents.add(new Referent(start, sentence.index(), null, type));
            }
        }
    }

    /** Capitalised Latin names ("Jakub Pachocki") the story does not know; HanLP leaves them as nx. */
    private void latinNames(NamesLinked named, List<UnlinkedName> names, List<Referent> referents) {
        String text = view.text;
        Matcher name = LATIN_NAME.matcher(text);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // only a capital that starts a word can start a name
            if (c < 'A' || c > 'Z' || (i > 0 && Character.isLetter(text.charAt(i - 1)) && text.charAt(i - 1) < 128)) {
                continue;
            }
            if (!name.region(i, text.length()).lookingAt()) {
                continue;
            }
            int start = name.start();
            int end = name.end();
            i = end;
            String first = name.group().split("[ -]")[0];
            if (lexicon.latinNonNames().contains(first) || named.overlaps(start, end) || view.insideUrl(start, end)
                    || !view.withinOneSentence(start, end)) {
                continue;
            }
            int sentence = view.sentenceIndex(start);
            names.add(new UnlinkedName(name.group(), StoryEntity.PERSON, start, end, sentence));
            referents.add(new Referent(start, sentence, null, StoryEntity.PERSON));
        }
    }

    private static String nameType(String pos) {
        if (pos.length() < 2 || pos.charAt(0) != 'n' || (pos.charAt(1) != 'r' && pos.charAt(1) != 't')) {
            return null;
        }
        if (NameSpans.PERSON_POS.contains(pos)) {
            return StoryEntity.PERSON;
        }
        return pos.startsWith("nt") ? StoryEntity.ORGANIZATION : null;
    }
}
