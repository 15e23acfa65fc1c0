package io.storywatch.stage.score.rules;

import io.storywatch.event.Token;
import io.storywatch.stage.score.CueKind;
import io.storywatch.stage.score.TargetSpan;
import java.util.List;

/**
 * A stretch of the sentence between clause breaks (or before a contrast word), with what the rules read inside it.
 *
 * @param weight how much the clause counts (a contrast weighs the clause it opens up, the ones before it down)
 * @param damping how much hedges and questions damp it
 * @param continuesPrevious whether it is the rest of a clause split before a contrast word (…，却被排挤出局)
 * @param mentions the targets named in it, by start
 * @param sentence the whole sentence's text
 * @param tokens the clause's own words
 * @param frames its adverbial phrases of time or place, by start
 */
public record Clause(int start, int end, double weight, double damping, List<Cue> cues, boolean continuesPrevious,
                     List<TargetSpan> mentions, String sentence, List<Token> tokens, List<Frame> frames) {

    public Clause {
        cues = List.copyOf(cues);
        mentions = List.copyOf(mentions);
        tokens = List.copyOf(tokens);
        frames = List.copyOf(frames);
    }

    Clause weighted(double newWeight, double newDamping) {
        return new Clause(start, end, newWeight, newDamping, cues, continuesPrevious, mentions, sentence, tokens,
                frames);
    }

    /** The adverbial phrase holding {@code position}, or null. */
    Frame frameAt(int position) {
        for (Frame frame : frames) {
            if (frame.start() >= position) {
                return null;
            }
            if (position < frame.end()) {
                return frame;
            }
        }
        return null;
    }

    /** The target of the mention starting at {@code at}, or null. */
    String targetAt(int at) {
        String self = null;
        for (TargetSpan span : mentions) {
            if (span.start() == at) {
                self = span.target();
            }
        }
        return self;
    }

    /** The nearest passive, disposal or object marker before a verb with no other role verb in between, or null. */
    Cue markerBefore(Cue verb) {
        Cue found = null;
        for (Cue other : cues) {
            if (other.start() >= verb.start()) {
                break;
            }
            if (other.kind().isRoleVerb()) {
                found = null;
            } else if (other.kind() == CueKind.PASSIVE || other.kind() == CueKind.DISPOSAL
                    || other.kind() == CueKind.OBJECT_MARKER) {
                found = other;
            }
        }
        return found;
    }

    boolean roleVerbBetween(int from, int to) {
        for (Cue other : cues) {
            if (other.start() > from && other.start() < to && other.kind().isRoleVerb()) {
                return true;
            }
        }
        return false;
    }

    /** Whether a token tagged {@code pos} lies strictly between two positions. */
    boolean tokenTaggedBetween(String pos, int from, int to) {
        for (Token token : tokens) {
            if (token.start() > from && token.end() <= to && token.pos().equals(pos)) {
                return true;
            }
        }
        return false;
    }
}
