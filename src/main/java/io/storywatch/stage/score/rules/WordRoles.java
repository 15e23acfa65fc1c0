package io.storywatch.stage.score.rules;

import io.storywatch.event.Token;
import io.storywatch.stage.score.CueKind;
import io.storywatch.stage.score.RuleWeights;
import io.storywatch.stage.score.TargetSpan;

/**
 * How much of a plain sentiment word falls on a target of its clause: less across a verb, on an object, inside an
 * adverbial phrase, on another's possession or after a speaker; none on the doer of an event noun (谷歌的支持).
 */
final class WordRoles {

    /** Share of a judgement outside an adverbial phrase that falls on a name inside it. */
    private static final double IN_FRAME = 0.15;
    /** How long the class noun between an attribute and the name in apposition may be ("初创公司"). */
    private static final int APPOSITION_REACH = 6;

    private final RuleWeights weights;
    private final FunctionWords words;
    private final EventRoles events;

    WordRoles(RuleWeights weights, FunctionWords words, EventRoles events) {
        this.weights = weights;
        this.words = words;
        this.events = events;
    }

    double wordFactor(String text, int at, Cue cue, Clause clause) {
        int p = cue.start();
        double object = 1;
        if (at >= cue.end() && text.substring(cue.end(), Math.min(text.length(), at)).indexOf('的') < 0
                && !describesAppositive(at, cue, clause)) {
            // "重新加入董事会": a predicate speaks of its subject; the noun after it is its object or place
            object = weights.objectOfWord();
        } else if (at >= cue.end() && text.indexOf('的', cue.end()) >= 0 && text.indexOf('的', cue.end()) < at
                && verbBetween(text.indexOf('的', cue.end()), at, clause)) {
            // "以偏低的估值出售股份的布罗克曼": the attribute describes the noun right after 的, not a name further on
            object = weights.acrossVerb();
        }
        if (cue.nominal() && at < p && !clause.cues().stream().anyMatch(c -> c.start() > at && c.start() < p
                && (c.kind().isPolar() || c.kind().isRoleVerb() || c.kind() == CueKind.PASSIVE))
                && p - at <= weights.possessorReach()) {
            // "谷歌的支持", "马斯克的诉讼": the possessor of an event noun is its doer, not its object;
            // "奥特曼获得了员工的支持": the subject before a receiving verb is not the possessor but the receiver
            return 0;
        }
        int lo = Math.min(at, p);
        int hi = Math.max(at, p);
        double factor = 1;
        if (at < p && modifiesObject(text, at, cue, clause)) {
            // "该公司描绘了一幅美好的图景": an attribute inside the object describes the object, not the subject
            factor = weights.acrossVerb();
        }
        if (possessedByOther(text, at, cue, clause)) {
            // "以Greg的复出和Jan的离开告终": a noun after "Ilya的" is Ilya's, not Sam's
            factor = weights.acrossVerb();
        }
        Frame frame = clause.frameAt(at);
        if (frame != null && (p >= frame.end() || cue.end() <= frame.start())) {
            // "布罗克曼在投资人之间散布谣言": a name inside 在…之间 says where, the judgement is the subject's
            factor = IN_FRAME;
        }
        for (Cue other : clause.cues()) {
            if (other.start() <= lo || other.start() >= hi) {
                continue;
            }
            Frame otherFrame = clause.frameAt(other.start());
            if (otherFrame != null && (at < otherFrame.start() || at >= otherFrame.end())
                    && (p < otherFrame.start() || p >= otherFrame.end())) {
                // "托纳在听证会后重新获得任命": a verb inside 在…后 is not the clause's predicate
                continue;
            }
            if ((other.kind() == CueKind.SPEECH || other.kind() == CueKind.CONCERN) && at < p) {
                // "马斯克称…", "伊尔亚担忧OpenAI的技术会造成危险": what follows is the subject's own judgement
                factor = Math.min(factor, weights.speaker());
            } else if (other.kind().isRoleVerb() && at < p && events.isPassiveSubject(at, other, clause)) {
                // "奥特曼被罢免又很快复职": the subject of a passive stays the subject of what follows
                continue;
            } else if (other.kind().isRoleVerb()) {
                factor = Math.min(factor, weights.acrossVerb());
            } else if (other.kind() == CueKind.CAUSATIVE && at < other.start()) {
                factor = Math.min(factor, weights.acrossVerb());
            }
        }
        return factor * object;
    }

    /**
     * Whether a verb of its own lies strictly between two positions of a clause; a copula or 有 there links the two
     * instead ("被告的还有奥特曼").
     */
    private boolean verbBetween(int from, int to, Clause clause) {
        boolean verb = false;
        for (Token token : clause.tokens()) {
            if (token.start() > from && token.end() <= to && token.pos().startsWith("v")) {
                if (words.subjectAttributeVerbs().contains(token.word()) || token.pos().equals("vshi")
                        || token.pos().equals("vyou")) {
                    return false;
                }
                verb = true;
            }
        }
        return verb;
    }

    /**
     * Whether a sentiment noun or adjective qualifies a class noun that the target's name stands in apposition to:
     * "知名创业公司Anthropic", "核心人物Altman". A verb there is a predicate and the name its object instead.
     */
    private static boolean describesAppositive(int at, Cue cue, Clause clause) {
        if (at - cue.end() > APPOSITION_REACH) {
            return false;
        }
        boolean attributive = false;
        for (Token token : clause.tokens()) {
            if (token.start() <= cue.start() && token.end() > cue.start()) {
                String pos = token.pos();
                attributive = pos.startsWith("n") || pos.startsWith("a") || pos.equals("b");
            } else if (token.start() >= cue.end() && token.end() <= at) {
                String pos = token.pos();
                // "初创公司": HanLP tags the 初创 of a class noun as an intransitive verb
                if (!(pos.startsWith("n") || pos.equals("vi") || pos.equals("b")) || pos.startsWith("nr")) {
                    return false;
                }
            }
        }
        return attributive;
    }

    /** Whether a sentiment word stands right after another target's name and 的: then it is that target's. */
    private boolean possessedByOther(String text, int at, Cue cue, Clause clause) {
        int p = cue.start();
        if (cue.nominal() || p < 2 || !words.isNominaliser(text.charAt(p - 1))) {
            // an event noun (谷歌的支持) names its doer before 的 and may well be done to someone else
            return false;
        }
        String self = clause.targetAt(at);
        for (TargetSpan span : clause.mentions()) {
            if (span.end() == p - 1 && span.start() != at && !span.target().equals(self) && !span.implicit()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a sentiment word is an attribute ("美好的") of a noun that is the object of a verb standing between it
     * and the target; a copula (是, 成为) or a verb of having (拥有, 展现) lets the attribute describe the subject.
     */
    private boolean modifiesObject(String text, int at, Cue cue, Clause clause) {
        if (cue.end() >= text.length() || !words.isNominaliser(text.charAt(cue.end()))) {
            return false;
        }
        boolean verb = false;
        for (Token token : clause.tokens()) {
            if (token.start() <= at || token.start() >= cue.start()) {
                continue;
            }
            if (token.pos().startsWith("v") && words.subjectAttributeVerbs().contains(token.word())) {
                return false;
            }
            verb |= token.pos().startsWith("v") && !token.pos().equals("vshi") && !token.pos().equals("vyou");
        }
        return verb;
    }
}
