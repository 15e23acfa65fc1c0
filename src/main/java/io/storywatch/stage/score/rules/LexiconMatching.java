package io.storywatch.stage.score.rules;

import io.storywatch.event.Token;
import io.storywatch.stage.score.LexiconEntry;
import io.storywatch.stage.score.SentenceInput;
import io.storywatch.stage.score.SentimentLexicon;
import io.storywatch.stage.score.TargetSpan;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the lexicon words of a sentence by forward longest match, never inside a target's name and, with tokens at
 * hand, on word boundaries: a one-character word must be a whole token and a longer one must start or end on a
 * boundary, so 好 inside 只好 is not read as praise.
 */
public final class LexiconMatching {

    private final SentimentLexicon lexicon;

    public LexiconMatching(SentimentLexicon lexicon) {
        this.lexicon = lexicon;
    }

    public LexiconHits find(SentenceInput sentence) {
        String text = sentence.text();
        int n = text.length();
        boolean[] starts = new boolean[n + 1];
        boolean[] ends = new boolean[n + 1];
        boolean segmented = !sentence.tokens().isEmpty();
        for (Token token : sentence.tokens()) {
            if (token.start() >= 0 && token.end() <= n && token.start() < token.end()) {
                starts[token.start()] = true;
                ends[token.end()] = true;
            }
        }
        int[] opaqueUntil = new int[n + 1];
        for (TargetSpan t : sentence.targets()) {
            for (int i = Math.max(0, t.start()); i < Math.min(n, t.end()); i++) {
                opaqueUntil[i] = Math.max(opaqueUntil[i], t.end());
            }
        }
        List<Cue> hits = new ArrayList<>();
        List<LexiconEntry> candidates = new ArrayList<>();
        int i = 0;
        while (i < n) {
            if (opaqueUntil[i] > i) {
                i = opaqueUntil[i];
                continue;
            }
            if (latinLetterAt(text, i) && latinLetterAt(text, i - 1)) {
                // no word starts inside a Latin word: URLs and English text cost one look each
                i++;
                continue;
            }
            lexicon.matchesAt(text, i, candidates);
            int matched = 0;
            for (int c = candidates.size() - 1; c >= 0; c--) {
                LexiconEntry entry = candidates.get(c);
                int len = entry.word().length();
                if (len > 1 && opaqueUntil[i + len - 1] > 0) {
                    continue;
                }
                boolean fits = SentimentLexicon.isLatin(entry.word())
                        ? !latinLetterAt(text, i - 1) && !latinLetterAt(text, i + len)
                        : !segmented || (len == 1 ? starts[i] && ends[i + 1] : starts[i] || ends[i + len]);
                if (fits) {
                    hits.add(new Cue(entry, i, i + len, entry.value(), false));
                    matched = len;
                    break;
                }
            }
            i += matched > 0 ? matched : 1;
        }
        return new LexiconHits(sentence, hits);
    }

    private static boolean latinLetterAt(String text, int i) {
        if (i < 0 || i >= text.length()) {
            return false;
        }
        char c = text.charAt(i);
        return c < 128 && Character.isLetter(c);
    }
}
