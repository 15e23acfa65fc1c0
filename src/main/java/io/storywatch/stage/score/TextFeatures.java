package io.storywatch.stage.score;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.seg.common.Term;
import io.storywatch.event.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns text into the sparse features the {@link LinearClassifier} learns from: character 1-3-grams, words and word
 * pairs, the lexicon rules' verdict, and for target sentiment the words around the target and its role.
 */
public final class TextFeatures {

    static final char TARGET = 'Ⓣ';
    static final char OTHER = 'Ⓔ';

    private final RuleSentimentModel rules;

    public TextFeatures(RuleSentimentModel rules) {
        this.rules = rules;
    }

    /** Document polarity: n-grams, words and lexicon cues of the whole text. */
    public List<String> polarity(String text) {
        List<String> features = new ArrayList<>();
        charGrams(normalise(text), "c", features);
        List<Token> tokens = tokens(text);
        wordGrams(tokens.stream().map(t -> normalise(t.word())).toList(), "w", features);
        lexicon(new SentenceInput(text, tokens, List.of()), features);
        return features;
    }

    /** Stance toward a target phrase: polarity features plus the target as a bias term. */
    public List<String> stance(String text, String target) {
        List<String> features = polarity(text);
        features.add("target:" + normalise(target));
        return features;
    }

    /** Sentiment toward one target of a sentence, whose mentions are among {@code sentence.targets()}. */
    public List<String> targetSentiment(SentenceInput sentence, String target) {
        return targetSentiment(prepare(sentence), target, rules.analyse(sentence));
    }

    /** What every target of one sentence shares: its normalised text and the words that are not target names. */
    public record PreparedSentence(SentenceInput sentence, String normalised, List<String> words) {
    }

    public PreparedSentence prepare(SentenceInput sentence) {
        List<String> words = new ArrayList<>();
        List<Token> tokens = sentence.tokens().isEmpty() ? tokens(sentence.text()) : sentence.tokens();
        for (Token token : tokens) {
            if (!token.word().isBlank() && !overlapsTarget(token, sentence.targets())) {
                words.add("w:" + normalise(token.word()));
            }
        }
        return new PreparedSentence(sentence, normalise(sentence.text()), words);
    }

    /** Features of one target of a prepared sentence, reusing the rules' analysis of the sentence. */
    public List<String> targetSentiment(PreparedSentence prepared, String target,
                                        RuleSentimentModel.SentenceAnalysis analysis) {
        SentenceInput sentence = prepared.sentence();
        char[] marked = prepared.normalised().toCharArray();
        List<TargetSpan> own = new ArrayList<>();
        for (TargetSpan span : sentence.targets()) {
            boolean mine = span.target().equals(target);
            if (mine) {
                own.add(span);
            }
            for (int i = Math.max(0, span.start()); i < Math.min(marked.length, span.end()); i++) {
                marked[i] = i == span.start() ? (mine ? TARGET : OTHER) : '\0';
            }
        }
        String markedText = new String(marked).replace("\0", "");
        List<String> features = new ArrayList<>(prepared.words().size() + 64);
        for (int i = 0; i < markedText.length(); i++) {
            if (markedText.charAt(i) == TARGET) {
                charGrams(markedText.substring(unsplit(markedText, Math.max(0, i - 6), 1), i), "L", features);
                charGrams(markedText.substring(i + 1, unsplit(markedText, Math.min(markedText.length(), i + 7), -1)),
                        "R", features);
            }
        }
        features.addAll(prepared.words());
        if (own.isEmpty()) {
            features.add("target:absent");
        }
        features.add("rule:s" + bucket(analysis.sentenceRaw()));
        Double raw = analysis.targetRaw().get(target);
        if (raw != null) {
            features.add("rule:t" + bucket(raw));
            features.add("rule:t" + bucket(raw));
            for (String fact : analysis.targetFacts().getOrDefault(target, java.util.Set.of())) {
                features.add("fact:" + fact);
            }
        }
        if (!own.isEmpty() && own.stream().allMatch(TargetSpan::implicit)) {
            features.add("target:implicit");
        }
        return features;
    }

    private static boolean overlapsTarget(Token token, List<TargetSpan> targets) {
        for (TargetSpan t : targets) {
            if (token.start() < t.end() && token.end() > t.start()) {
                return true;
            }
        }
        return false;
    }

    private void lexicon(SentenceInput sentence, List<String> features) {
        RuleSentimentModel.SentenceAnalysis analysis = rules.analyse(sentence);
        features.add("rule:s" + bucket(analysis.sentenceRaw()));
        for (String cue : rules.cueSigns(sentence)) {
            features.add("cue:" + cue);
        }
    }

    static String bucket(double raw) {
        if (raw <= -1) {
            return "--";
        }
        if (raw <= -0.25) {
            return "-";
        }
        if (raw < 0.25) {
            return "0";
        }
        return raw < 1 ? "+" : "++";
    }

    /** Moves a cut by {@code step} when it would fall inside a surrogate pair (an emoji, a rare CJK character). */
    private static int unsplit(String text, int cut, int step) {
        boolean inside = cut > 0 && cut < text.length() && Character.isHighSurrogate(text.charAt(cut - 1))
                && Character.isLowSurrogate(text.charAt(cut));
        return inside ? cut + step : cut;
    }

    /** N-grams of characters, not of UTF-16 units: a gram never holds half a surrogate pair. */
    static void charGrams(String text, String prefix, List<String> out) {
        int[] points = text.codePoints().toArray();
        for (int n = 1; n <= 3; n++) {
            for (int i = 0; i + n <= points.length; i++) {
                String gram = new String(points, i, n);
                if (!gram.isBlank()) {
                    out.add(prefix + n + ":" + gram);
                }
            }
        }
    }

    static void wordGrams(List<String> words, String prefix, List<String> out) {
        String previous = "<s>";
        for (String word : words) {
            if (word.isBlank()) {
                continue;
            }
            out.add(prefix + ":" + word);
            out.add(prefix + "2:" + previous + "_" + word);
            previous = word;
        }
    }

    public static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        int cursor = 0;
        for (Term term : HanLP.segment(text)) {
            int at = text.indexOf(term.word, cursor);
            if (at >= 0) {
                tokens.add(new Token(term.word, String.valueOf(term.nature), at, at + term.word.length()));
                cursor = at + term.word.length();
            }
        }
        return tokens;
    }

    /** Lower case, half-width, digits folded to 0; keeps the length so offsets still hold. */
    static String normalise(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c >= '\uFF01' && c <= '\uFF5E') {
                c = (char) (c - 0xFEE0);
            } else if (c == '\u3000') {
                c = ' ';
            }
            if (Character.isDigit(c)) {
                c = '0';
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }
}
