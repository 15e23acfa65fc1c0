package io.storywatch.stage.tag;

import io.storywatch.event.Sentence;
import io.storywatch.event.Token;
import io.storywatch.story.NameText;
import java.util.Set;

/** Whether a stretch of text where the automaton found a name can be that name: word boundaries, case, URLs, words. */
final class NameSpans {

    static final Set<String> PERSON_POS = Set.of("nr", "nrf", "nrj", "nr1", "nr2");

    private final ArticleView view;
    private final TaggerLexicon lexicon;

    NameSpans(ArticleView view, TaggerLexicon lexicon) {
        this.view = view;
        this.lexicon = lexicon;
    }

    /**
     * Inside one sentence, word boundaries, letter case, URLs, and not a piece of a longer word or of someone else's
     * full name.
     */
    boolean acceptable(int begin, int end, String form) {
        String text = view.text;
        if (!view.withinOneSentence(begin, end) || view.insideUrl(begin, end)) {
            return false;
        }
        boolean latinStart = NameText.isLatinOrDigit(form.charAt(0));
        boolean latinEnd = NameText.isLatinOrDigit(form.charAt(form.length() - 1));
        if (latinStart && begin > 0 && NameText.isLatinOrDigit(text.charAt(begin - 1))) {
            return false;
        }
        if (latinEnd && end < text.length() && NameText.isLatinOrDigit(text.charAt(end))) {
            return false;
        }
        if (latinStart && !caseAgrees(text.substring(begin, end), form)) {
            return false;
        }
        // a piece of an address: openai.com, x.com/elonmusk (written in lower case, unlike YC.org)
        if (latinStart && text.substring(begin, end).chars().noneMatch(Character::isUpperCase)
                && ((end + 1 < text.length() && text.charAt(end) == '.'
                && NameText.isLatinOrDigit(text.charAt(end + 1)))
                || (begin > 0 && (text.charAt(begin - 1) == '/' || text.charAt(begin - 1) == '.')))) {
            return false;
        }
        return latinStart || !insideLongerWord(begin, end);
    }

    /** Whether a Latin match stands as a whole word. */
    boolean latinBoundaries(int begin, int end) {
        String folded = view.folded;
        if (NameText.isLatinOrDigit(folded.charAt(begin)) && begin > 0
                && NameText.isLatinOrDigit(folded.charAt(begin - 1))) {
            return false;
        }
        return !(NameText.isLatinOrDigit(folded.charAt(end - 1)) && end < folded.length()
                && NameText.isLatinOrDigit(folded.charAt(end)));
    }

    private static boolean caseAgrees(String found, String form) {
        // short forms (SSI, YC, Sam, Jan) only as spelt, but for a capital I and a small l, which look alike
        // ("IIya"); longer ones in any case ("openAI", "OPENAI"), URLs having been excluded already
        if (form.length() >= 5) {
            return true;
        }
        if (found.length() != form.length()) {
            return false;
        }
        for (int i = 0; i < form.length(); i++) {
            char a = found.charAt(i);
            char b = form.charAt(i);
            if (a != b && !(lookAlike(a) && lookAlike(b))) {
                return false;
            }
        }
        return true;
    }

    private static boolean lookAlike(char c) {
        return c == 'I' || c == 'l';
    }

    /** A token strictly containing the span means the segmenter read a different word there (雷克萨斯). */
    private boolean insideLongerWord(int begin, int end) {
        if (view.tokenBoundaries(begin, end)) {
            return false;
        }
        Sentence sentence = view.sentenceAt(begin);
        if (sentence == null) {
            return false;
        }
        for (Token token : sentence.tokens()) {
            if (token.start() <= begin && token.end() >= end && token.end() - token.start() > end - begin) {
                return !swallowedFunctionWord(token, begin, end);
            }
        }
        return false;
    }

    /**
     * HanLP's name recogniser often glues the next character onto a name (萨姆并没有, 雷克发长文): a person token
     * that is the name plus one character that does not occur in transliterations is that name, while 雷克斯
     * or 谢尔盖 are other names.
     */
    private boolean swallowedFunctionWord(Token token, int begin, int end) {
        if (!PERSON_POS.contains(token.pos()) || token.end() - token.start() != end - begin + 1) {
            return false;
        }
        char extra = token.start() == begin ? view.text.charAt(token.end() - 1) : view.text.charAt(token.start());
        return !lexicon.transliterationCharacters().contains(extra);
    }
}
