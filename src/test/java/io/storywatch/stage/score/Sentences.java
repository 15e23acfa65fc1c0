package io.storywatch.stage.score;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.seg.common.Term;
import io.storywatch.event.Token;
import java.util.ArrayList;
import java.util.List;

/** Builds model inputs from plain hand-written sentences: real HanLP words, targets found by their surface form. */
final class Sentences {

    private Sentences() {
    }

    /** {@code namesAndIds} alternates a surface form and the target id it stands for. */
    static SentenceInput sentence(String text, String... namesAndIds) {
        List<TargetSpan> spans = new ArrayList<>();
        for (int i = 0; i < namesAndIds.length; i += 2) {
            String name = namesAndIds[i];
            int from = text.indexOf(name);
            if (from < 0) {
                throw new IllegalArgumentException(name + " not in " + text);
            }
            while (from >= 0) {
                spans.add(TargetSpan.named(namesAndIds[i + 1], from, from + name.length()));
                from = text.indexOf(name, from + name.length());
            }
        }
        return new SentenceInput(text, tokens(text), spans);
    }

    static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        int cursor = 0;
        for (Term term : HanLP.segment(text)) {
            int at = text.indexOf(term.word, cursor);
            if (at < 0) {
                continue;
            }
            tokens.add(new Token(term.word, term.nature == null ? "x" : term.nature.toString(), at,
                    at + term.word.length()));
            cursor = at + term.word.length();
        }
        return tokens;
    }
}
