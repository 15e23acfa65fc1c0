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
        return targetSentiment(sentence, target, rules.analyse(sentence));
    }

    /** As {@link #targetSentiment(SentenceInput, String)}, reusing the rules' analysis of the sentence. */
    public List<String> targetSentiment(SentenceInput sentence, String target,
                                        RuleSentimentModel.SentenceAnalysis analysis) {
        String text = sentence.text();
        char[] marked = normalise(text).toCharArray();
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
        List<String> features = new ArrayList<>();
        for (int i = 0; i < markedText.length(); i++) {
            if (markedText.charAt(i) == TARGET) {
                String left = markedText.substring(Math.max(0, i - 6), i);
                String right = markedText.substring(i + 1, Math.min(markedText.length(), i + 7));
                charGrams(left, "L", features);
                charGrams(right, "R", features);
            }
        }
        List<String> words = new ArrayList<>();
        List<Token> tokens = sentence.tokens().isEmpty() ? tokens(text) : sentence.tokens();
        for (Token token : tokens) {
            boolean inTarget = sentence.targets().stream()
                    .anyMatch(t -> token.start() < t.end() && token.end() > t.start());
            if (!inTarget) {
                words.add(normalise(token.word()));
            }
        }
        for (String word : words) {
            if (!word.isBlank()) {
                features.add("w:" + word);
            }
        }
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
        if (own.stream().allMatch(TargetSpan::implicit) && !own.isEmpty()) {
            features.add("target:implicit");
        }
        return features;
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

    static void charGrams(String text, String prefix, List<String> out) {
        for (int n = 1; n <= 3; n++) {
            for (int i = 0; i + n <= text.length(); i++) {
                String gram = text.substring(i, i + n);
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

    static List<Token> tokens(String text) {
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
