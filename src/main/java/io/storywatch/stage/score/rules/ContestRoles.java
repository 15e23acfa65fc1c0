package io.storywatch.stage.score.rules;

import io.storywatch.event.Token;
import io.storywatch.stage.score.CueKind;
import io.storywatch.stage.score.TargetSpan;
import java.util.HashSet;
import java.util.Set;

/**
 * The two sides of a contest (超越, 击败: the winner gains what the one beaten loses) and of a falling-out (分歧,
 * 摩擦: the two sides named with 与/和 share it and neither is blamed).
 */
final class ContestRoles {

    private final FunctionWords words;
    private final EventRoles events;

    ContestRoles(FunctionWords words, EventRoles events) {
        this.words = words;
        this.events = events;
    }

    /** 1 for the winner of the contest {@code cue}, -1 for the one beaten, 0 for anyone else; with its fact. */
    RoleReading contest(String text, int at, Cue cue, Clause clause) {
        if (isOpponentInFrame(text, at, cue, clause)) {
            // "谷歌在与OpenAI的市场争夺中取得上风": the one competed with, inside 在与…中, is beaten
            return new RoleReading(-1, "loser-of-contest");
        }
        // "他的要求是击败谷歌": the one whose demand it is does not do the beating
        double winner = clause.tokenTaggedBetween("vshi", at, cue.start()) ? 0
                : events.agentFactor(at, cue, clause, opponentsInFrames(text, cue, clause));
        Cue marker = clause.markerBefore(cue);
        // the one beaten is the object, the subject of a passive or the object of 把, not whatever 对 governs
        double loser = at > cue.start() || marker != null && marker.kind() != CueKind.OBJECT_MARKER
                ? events.patientFactor(at, cue, clause) : 0;
        return new RoleReading(winner > 0.5 ? winner : -loser,
                loser > 0.5 ? "loser-of-contest" : winner > 0.5 ? "winner-of-contest" : "in-contest");
    }

    /**
     * Whether the target at {@code at} is one of the two sides of a falling-out named with 与/和/同/跟 before it: the
     * subject before the preposition ("布罗克曼与董事会产生分歧") or the name right after it ("与奥特曼的愿景产生摩擦").
     */
    boolean isSideOfMutual(String text, int at, Cue cue, Clause clause) {
        if (at >= cue.start()) {
            return false;
        }
        for (Token token : clause.tokens()) {
            if (token.start() >= cue.start()) {
                break;
            }
            if (!words.companionMarkers().contains(token.word())) {
                continue;
            }
            if (at < token.start() || at >= token.end() && text.substring(token.end(), at).isBlank()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the target at {@code at} is the one competed with in an adverbial phrase before a contest predicate:
     * "在与OpenAI的市场争夺中取得上风", "在和谷歌的较量中胜出". The name follows 与/和/同/跟 right inside the phrase.
     */
    private boolean isOpponentInFrame(String text, int at, Cue cue, Clause clause) {
        Frame frame = clause.frameAt(at);
        if (frame == null || frame.end() > cue.start()) {
            return false;
        }
        for (Token token : clause.tokens()) {
            if (token.start() > frame.start() && token.end() <= at && words.companionMarkers().contains(token.word())) {
                return text.substring(token.end(), at).isBlank();
            }
        }
        return false;
    }

    /** Where the opponents named inside adverbial phrases before a contest predicate start. */
    private Set<Integer> opponentsInFrames(String text, Cue cue, Clause clause) {
        Set<Integer> opponents = null;
        for (TargetSpan span : clause.mentions()) {
            if (span.start() < cue.start() && isOpponentInFrame(text, span.start(), cue, clause)) {
                if (opponents == null) {
                    opponents = new HashSet<>();
                }
                opponents.add(span.start());
            }
        }
        return opponents == null ? Set.of() : opponents;
    }
}
