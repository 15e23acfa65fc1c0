package io.storywatch.stage.score.rules;

import io.storywatch.event.Token;
import io.storywatch.stage.score.CueKind;
import io.storywatch.stage.score.SentenceInput;
import io.storywatch.stage.score.TargetSpan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits a sentence into clauses on clause punctuation and before contrast words, and hands each clause its cues,
 * its words, the targets it names and its adverbial phrases of time or place.
 */
public final class ClauseSplitting {

    /** How far apart the opener and the closer of an adverbial phrase may stand. */
    private static final int FRAME_REACH = 40;

    private final FunctionWords words;

    public ClauseSplitting(FunctionWords words) {
        this.words = words;
    }

    /** A clause's bounds; {@code continues} when it was split off before a contrast word inside a clause. */
    private record Bounds(int start, int end, boolean continues) {
    }

    public Clauses split(BoundCues bound) {
        SentenceInput sentence = bound.sentence();
        String text = sentence.text();
        List<Cue> cues = bound.cues();
        List<Token> tokens = sentence.tokens();
        List<Clause> clauses = new ArrayList<>();
        int next = 0;
        int firstToken = 0;
        for (Bounds b : bounds(text, cues)) {
            List<Cue> inside = new ArrayList<>();
            while (next < cues.size() && cues.get(next).start() < b.end()) {
                if (cues.get(next).start() >= b.start()) {
                    inside.add(cues.get(next));
                }
                next++;
            }
            while (firstToken < tokens.size() && tokens.get(firstToken).start() < b.start()) {
                firstToken++;
            }
            int endToken = firstToken;
            while (endToken < tokens.size() && tokens.get(endToken).start() < b.end()) {
                endToken++;
            }
            List<Token> own = tokens.subList(firstToken, endToken);
            List<TargetSpan> mentions = sentence.targets().stream()
                    .filter(t -> t.start() >= b.start() && t.start() < b.end())
                    .sorted(Comparator.comparingInt(TargetSpan::start)).toList();
            clauses.add(new Clause(b.start(), b.end(), 1, 1, inside, b.continues(), mentions, text, own,
                    frames(b.start(), b.end(), own)));
            firstToken = endToken;
        }
        return new Clauses(sentence, clauses);
    }

    private static List<Bounds> bounds(String text, List<Cue> cues) {
        List<Bounds> byPunctuation = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Punctuation.isClauseBreak(text.charAt(i))) {
                byPunctuation.add(new Bounds(start, i + 1, false));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            byPunctuation.add(new Bounds(start, text.length(), false));
        }
        List<Bounds> split = new ArrayList<>();
        for (Bounds b : byPunctuation) {
            int from = b.start();
            boolean continues = false;
            for (Cue cue : cues) {
                if (cue.kind() == CueKind.CONTRAST && cue.start() > from && cue.start() < b.end()
                        && !text.substring(from, cue.start()).isBlank()) {
                    split.add(new Bounds(from, cue.start(), continues));
                    from = cue.start();
                    continues = true;
                }
            }
            split.add(new Bounds(from, b.end(), continues));
        }
        return split;
    }

    /** Every adverbial phrase of a clause, in order: each opener (在, 当) with the first closer after it. */
    private List<Frame> frames(int start, int end, List<Token> tokens) {
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token opener = tokens.get(i);
            if (!words.frameOpeners().contains(opener.word()) || !opener.pos().startsWith("p")
                    || opener.start() < start || opener.start() >= end) {
                continue;
            }
            for (int j = i + 1; j < tokens.size(); j++) {
                Token closer = tokens.get(j);
                if (closer.end() > end || closer.start() - opener.end() > FRAME_REACH
                        || closer.pos().startsWith("w") && !closer.word().isBlank()
                        && "（）()·".indexOf(closer.word().charAt(0)) < 0) {
                    // brackets and name dots do not end the phrase: "在托纳和麦考利（Tasha McCauley）之间"
                    break;
                }
                if (j > i + 1 && words.frameClosers().contains(closer.word())) {
                    frames.add(new Frame(opener.start(), closer.end()));
                    break;
                }
            }
        }
        return frames;
    }
}
