package io.storywatch.stage.score;

import io.storywatch.event.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Target sentiment from the lexicon and a few rules of Chinese news syntax: clauses split on punctuation, negation
 * and degree words bound to the next sentiment word, hedges and questions damping their clause, the clause after a
 * contrast weighing more, event verbs marking their patient or their agent, speakers kept apart from what they say,
 * and subjectless clauses inheriting the previous clause's entities.
 */
public final class RuleSentimentModel implements SentimentModel {

    private static final String CLAUSE_BREAKS = "，,；;。！!？?：:…\n—";
    private static final String NOMINALISERS = "的之";
    private static final Set<String> CONJUNCTIONS = Set.of("和", "与", "及", "以及", "、", "跟", "同", "还有", "");
    /** Endings of a clause that only says when something happened. */
    private static final List<String> TIME_FRAME_ENDINGS =
            List.of("后", "以后", "之后", "时", "之时", "的时候", "期间", "以来", "之际", "前", "之前", "当天", "那天");
    /** Prepositions that open an adverbial of time or place, the words that close it, and how far apart they stand. */
    private static final String FRAME_OPENERS = "在当于";
    private static final Set<String> FRAME_CLOSERS = Set.of("后", "之后", "以后", "中", "之中", "当中", "之间", "期间",
            "时", "之时", "的时候", "前", "之前", "以来", "上", "里", "内", "面前", "之际");
    private static final int FRAME_REACH = 40;
    /** Last characters of the closers, a cheap test before the set is asked. */
    private static final String FRAME_CLOSER_ENDINGS = "后中间时前来上里内际候";
    /** Praise for someone without whom something would not exist. */
    private static final double INDISPENSABLE = 0.6;
    /** How long the class noun between an attribute and the name in apposition may be ("初创公司"). */
    private static final int APPOSITION_REACH = 6;
    /** Share of a judgement outside such a phrase that falls on a name inside it. */
    private static final double IN_FRAME = 0.15;

    /**
     * Verbs whose object's attributes describe their subject: copulas, verbs of having or showing, and light verbs
     * whose object is the subject's own deed ("进行了挑拨离间的行为", "取得了巨大的成功").
     */
    private static final Set<String> SUBJECT_ATTRIBUTE_VERBS = Set.of("是", "成为", "为", "作为", "堪称", "称为",
            "被称为", "算是", "当选", "有", "拥有", "具有", "具备", "有着", "展现", "展现出", "展示", "展示出", "表现出",
            "显示出", "保持", "仍是", "就是", "乃是", "变成", "成了", "进行", "做出", "作出", "采取", "实施", "犯下",
            "发表", "发起", "取得", "创下", "做", "干", "搞", "还有", "也有", "包括", "便是");
    private static final Set<String> FIRST_PERSON = Set.of("我", "本人");
    /** Prepositions that name whom one competes, disagrees or deals with: "与X的竞争", "和X产生分歧". */
    private static final Set<String> COMPANION_MARKERS = Set.of("与", "和", "同", "跟");

    private final SentimentLexicon lexicon;
    private final RuleWeights weights;

    public RuleSentimentModel(SentimentLexicon lexicon, RuleWeights weights) {
        this.lexicon = lexicon;
        this.weights = weights;
    }

    public RuleSentimentModel(SentimentLexicon lexicon) {
        this(lexicon, RuleWeights.DEFAULT);
    }

    @Override
    public String version() {
        return "rules-" + lexicon.version();
    }

    public SentimentLexicon lexicon() {
        return lexicon;
    }

    @Override
    public SentenceSentiment score(SentenceInput sentence) {
        SentenceAnalysis analysis = analyse(sentence);
        Map<String, Double> targets = new LinkedHashMap<>();
        analysis.targetRaw().forEach((target, raw) -> targets.put(target, Math.tanh(raw)));
        return new SentenceSentiment(Math.tanh(analysis.sentenceRaw()), targets);
    }

    /** The sign of every sentiment word after negation ("+", "-"), and "flipped+"/"flipped-" where negation turned it. */
    public List<String> cueSigns(SentenceInput sentence) {
        List<String> signs = new ArrayList<>();
        for (Cue cue : findCues(sentence.text(), sentence.tokens(), sentence.targets())) {
            if (cue.kind().isPolar() && cue.value() != 0) {
                String sign = cue.value() > 0 ? "+" : "-";
                signs.add(sign);
                if (Math.signum(cue.value()) != Math.signum(cue.entry().value())) {
                    signs.add("flipped" + sign);
                }
            }
        }
        return signs;
    }

    /** The unsquashed sums and the role facts a trained model can use as features. */
    public record SentenceAnalysis(double sentenceRaw, Map<String, Double> targetRaw,
                                   Map<String, Set<String>> targetFacts) {
    }

    /** A lexicon word found at [start, end) of the sentence, with its value after negation and degree. */
    record Cue(LexiconEntry entry, int start, int end, double value, boolean nominal) {
        CueKind kind() {
            return entry.kind();
        }
    }

    /** A stretch of the sentence between clause breaks, with its weight and damping. */
    record Clause(int start, int end, double weight, double damping, List<Cue> cues, boolean continuesPrevious,
                  List<TargetSpan> mentions, String sentence, List<Token> tokens, List<int[]> frames) {
        /** {@code tokens} are the clause's own words; its adverbial phrases are found once, here. */
        Clause(int start, int end, double weight, double damping, List<Cue> cues, boolean continuesPrevious,
               String sentence, List<Token> tokens) {
            this(start, end, weight, damping, cues, continuesPrevious, new ArrayList<>(), sentence, tokens,
                    adverbialFrames(start, end, tokens));
        }
    }

    public SentenceAnalysis analyse(SentenceInput sentence) {
        String text = sentence.text();
        List<Cue> cues = findCues(text, sentence.tokens(), sentence.targets());
        List<Clause> clauses = splitClauses(text, cues, sentence.tokens());
        double sentenceRaw = 0;
        for (Clause clause : clauses) {
            for (Cue cue : clause.cues()) {
                if (cue.kind().isPolar()) {
                    sentenceRaw += clause.weight() * clause.damping() * cue.value();
                }
            }
        }

        Map<String, Double> targetRaw = new LinkedHashMap<>();
        Map<String, Set<String>> facts = new LinkedHashMap<>();
        for (TargetSpan span : sentence.targets()) {
            targetRaw.putIfAbsent(span.target(), 0.0);
            facts.putIfAbsent(span.target(), new LinkedHashSet<>());
        }
        Set<String> speakers = new LinkedHashSet<>();
        List<String> chain = List.of();
        String subject = null;
        double leadIn = 0;
        for (Clause clause : clauses) {
            List<TargetSpan> inClause = sentence.targets().stream()
                    .filter(t -> t.start() >= clause.start() && t.start() < clause.end())
                    .sorted(java.util.Comparator.comparingInt(TargetSpan::start)).toList();
            clause.mentions().addAll(inClause);
            if (!inClause.isEmpty()) {
                Map<String, List<TargetSpan>> positions = new LinkedHashMap<>();
                for (TargetSpan t : inClause) {
                    positions.computeIfAbsent(t.target(), k -> new ArrayList<>()).add(t);
                }
                for (var entry : positions.entrySet()) {
                    double raw = 0;
                    for (Cue cue : clause.cues()) {
                        if (!cue.kind().isPolar()) {
                            continue;
                        }
                        double best = 0;
                        for (TargetSpan at : entry.getValue()) {
                            double factor = roleFactor(text, at, cue, clause, facts.get(entry.getKey()));
                            best = Math.abs(factor) > Math.abs(best) ? factor : best;
                        }
                        raw += best * cue.value();
                    }
                    targetRaw.merge(entry.getKey(), clause.weight() * clause.damping() * raw, Double::sum);
                    for (Cue cue : clause.cues()) {
                        if ((cue.kind() == CueKind.SPEECH || cue.kind() == CueKind.CONCERN)
                                && entry.getValue().get(0).start() < cue.start()) {
                            speakers.add(entry.getKey());
                        }
                    }
                    if (clause.weight() > 1) {
                        facts.get(entry.getKey()).add("in-contrast-clause");
                    }
                }
                boolean opensWithName = opensWith(text, clause, inClause.get(0));
                if (!opensWithName && subject != null && !positions.containsKey(subject)) {
                    // "John Schulman，长年领导OpenAI团队": the dropped subject is still the topic
                    inherit(text, subject, clause, speakers, facts, targetRaw);
                }
                if (opensWithName) {
                    subject = inClause.get(0).target();
                }
                chain = List.copyOf(positions.keySet());
            } else if (chain.isEmpty() && subject == null) {
                if (opensWithOtherNoun(clause, sentence.tokens())) {
                    // "我一直很欣赏这家媒体，...": a clause with a subject of its own frames nobody else
                    continue;
                }
                if (isTimeFrame(text, clause)) {
                    // "宫斗落幕后，OpenAI正在融资": a clause that says when sets the time, not the tone
                    continue;
                }
                // a framing clause before anyone is named ("一出闹剧，几乎让Anthropic...") colours the whole sentence
                for (Cue cue : clause.cues()) {
                    if (cue.kind().isPolar()) {
                        leadIn += clause.weight() * clause.damping() * cue.value();
                    }
                }
            } else {
                if (subject != null) {
                    inherit(text, subject, clause, speakers, facts, targetRaw);
                }
                for (String target : chain) {
                    if (subject != null) {
                        // the subject is the topic; the names the previous clause acted on are not
                        break;
                    }
                    double share = clause.continuesPrevious() ? 1 : weights.inheritedOther();
                    if (speakers.contains(target)) {
                        share *= weights.speaker();
                    }
                    double raw = 0;
                    for (Cue cue : clause.cues()) {
                        if (cue.kind().isPolar()) {
                            raw += (cue.kind().hasRoles() ? 0.5 : 1) * cue.value();
                        }
                    }
                    targetRaw.merge(target, share * clause.weight() * clause.damping() * raw, Double::sum);
                }
            }
        }
        for (String target : targetRaw.keySet()) {
            boolean firstPersonOnly = sentence.targets().stream().filter(t -> t.target().equals(target))
                    .allMatch(t -> FIRST_PERSON.contains(text.substring(Math.max(0, t.start()),
                            Math.min(text.length(), Math.max(t.start(), t.end())))));
            if (firstPersonOnly) {
                // "我为此感到自豪": the speaker's own feelings are not a judgement of the speaker; 我们 is the
                // organisation the speaker speaks for, and its boast is the sentence's tone toward it
                targetRaw.put(target, targetRaw.get(target) * weights.speaker());
            }
        }
        for (int c = 0; c + 1 < clauses.size(); c++) {
            String indispensable = indispensable(text, clauses.get(c), clauses.get(c + 1));
            if (indispensable != null && targetRaw.containsKey(indispensable)) {
                // "没有他，这个团队早就散了": what could not be without someone praises that someone
                targetRaw.merge(indispensable, INDISPENSABLE * clauses.get(c + 1).weight(), Double::sum);
                facts.get(indispensable).add("indispensable");
            }
        }
        reverseFortunes(text, clauses, targetRaw, facts);
        beliedSpeaker(text, clauses, targetRaw, facts);
        if (leadIn != 0) {
            for (String target : targetRaw.keySet()) {
                targetRaw.merge(target, weights.leadIn() * leadIn, Double::sum);
            }
        }
        Map<String, Set<String>> frozenFacts = new LinkedHashMap<>();
        facts.forEach((k, v) -> frozenFacts.put(k, Set.copyOf(v)));
        return new SentenceAnalysis(sentenceRaw, targetRaw, frozenFacts);
    }

    /**
     * Finds a claim the sentence shows untrue: a clause opening with 而/但 + 实际上 (or 事实上) after someone's words,
     * and gives the one who spoke last before it the belying word's value.
     */
    private static void beliedSpeaker(String text, List<Clause> clauses, Map<String, Double> targetRaw,
                                      Map<String, Set<String>> facts) {
        TargetSpan speaker = null;
        for (Clause clause : clauses) {
            for (Cue cue : clause.cues()) {
                if (cue.kind() == CueKind.SPEECH) {
                    TargetSpan nearest = null;
                    for (TargetSpan span : clause.mentions()) {
                        if (span.end() <= cue.start()) {
                            nearest = span;
                        }
                    }
                    speaker = nearest;
                } else if (cue.kind() == CueKind.BELYING && speaker != null && opensContrast(text, clause, cue)) {
                    targetRaw.merge(speaker.target(), clause.weight() * cue.value(), Double::sum);
                    facts.get(speaker.target()).add("belied-speaker");
                    speaker = null;
                }
            }
        }
    }

    /** Whether a cue stands at the head of its clause right after a contrast: 而实际上, 但事实上, 然而实际上. */
    private static boolean opensContrast(String text, Clause clause, Cue cue) {
        int k = clause.start();
        while (k < cue.start() && !Character.isLetterOrDigit(text.charAt(k))) {
            k++;
        }
        String before = text.substring(k, cue.start());
        return before.equals("而") || before.equals("但") || before.equals("可") || before.equals("但是")
                || before.equals("然而") || before.equals("可是");
    }

    /**
     * Reads a sentence that returns someone to office. A removal of the same one before the return and the return
     * itself cancel ("奥特曼被罢免又很快复职": the episode ends where it began); anyone else it shows leaving a post
     * is the side that lost ("奥特曼官复原职之际，托纳卸任了董事").
     */
    private void reverseFortunes(String text, List<Clause> clauses, Map<String, Double> targetRaw,
                                 Map<String, Set<String>> facts) {
        Map<String, Integer> restoredAt = null;
        for (Clause clause : clauses) {
            for (Cue cue : clause.cues()) {
                if (cue.kind() != CueKind.RESTORATION || cue.value() <= 0) {
                    continue;
                }
                for (TargetSpan span : clause.mentions()) {
                    if (span.start() < cue.start() && wordFactor(text, span.start(), cue, clause) > 0.5) {
                        if (restoredAt == null) {
                            restoredAt = new LinkedHashMap<>();
                        }
                        restoredAt.merge(span.target(), cue.start(), Math::max);
                    }
                }
            }
        }
        if (restoredAt == null) {
            return;
        }
        Map<String, Double> removals = new LinkedHashMap<>();
        Map<String, Double> returns = new LinkedHashMap<>();
        Map<String, Double> losses = new LinkedHashMap<>();
        for (Clause clause : clauses) {
            double weight = clause.weight() * clause.damping();
            for (Cue cue : clause.cues()) {
                for (TargetSpan span : clause.mentions()) {
                    String target = span.target();
                    Integer returned = restoredAt.get(target);
                    if (returned != null && cue.kind() == CueKind.PATIENT && cue.value() < 0
                            && cue.start() < returned && patientFactor(span.start(), cue, clause) > 0.5) {
                        removals.merge(target, weight * cue.value(), Math::min);
                    } else if (returned != null && cue.kind() == CueKind.RESTORATION && span.start() < cue.start()
                            && wordFactor(text, span.start(), cue, clause) > 0.5) {
                        returns.merge(target, weight * cue.value(), Math::max);
                    } else if (returned == null && cue.kind() == CueKind.DEPARTURE && span.start() < cue.start()
                            && agentFactor(span.start(), cue, clause) > 0.5) {
                        losses.merge(target, weight * cue.value(), Math::min);
                    }
                }
            }
        }
        removals.forEach((target, removal) -> {
            // a return alone keeps its praise; after a removal the two make a round trip
            targetRaw.merge(target, -removal - returns.getOrDefault(target, 0.0), Double::sum);
            facts.get(target).add("removed-and-restored");
        });
        losses.forEach((target, loss) -> {
            targetRaw.merge(target, loss, Double::sum);
            facts.get(target).add("left-as-other-side-returned");
        });
    }

    /**
     * The target of "(如果)没有X，…不会…": a clause that is only "without X" followed by a negated outcome; null if the
     * two clauses are not that.
     */
    private static String indispensable(String text, Clause without, Clause outcome) {
        Cue negator = null;
        for (Cue cue : without.cues()) {
            if (cue.kind().isPolar()) {
                return null;
            }
            if (cue.kind() == CueKind.NEGATOR && cue.entry().word().equals("没有") && negator == null) {
                negator = cue;
            }
        }
        if (negator == null || negator.start() - without.start() > 3 || without.mentions().isEmpty()) {
            return null;
        }
        TargetSpan who = without.mentions().get(0);
        if (who.start() < negator.end() || who.start() - negator.end() > 1) {
            return null;
        }
        for (Cue cue : outcome.cues()) {
            if (cue.kind() == CueKind.NEGATOR && (cue.entry().word().startsWith("不") || cue.entry().word().equals("没有"))) {
                return who.target();
            }
        }
        return null;
    }

    /** Scores a clause that does not name its subject for the subject carried over from before. */
    private void inherit(String text, String subject, Clause clause, Set<String> speakers,
                         Map<String, Set<String>> facts, Map<String, Double> targetRaw) {
        double share = clause.continuesPrevious() ? 1 : weights.inheritedSubject();
        if (speakers.contains(subject)) {
            share *= weights.speaker();
        }
        TargetSpan virtual = new TargetSpan(subject, clause.start() - 1, clause.start() - 1, true, 1);
        double raw = 0;
        for (Cue cue : clause.cues()) {
            if (cue.kind().isPolar()) {
                raw += roleFactor(text, virtual, cue, clause, facts.get(subject)) * cue.value();
            }
        }
        targetRaw.merge(subject, share * clause.weight() * clause.damping() * raw, Double::sum);
    }

    /** Whether a clause is an adverbial of time ("…之后，", "在…期间，", "…以来，"), read up to its closing punctuation. */
    static boolean isTimeFrame(String text, Clause clause) {
        int end = clause.end();
        while (end > clause.start() && !Character.isLetterOrDigit(text.charAt(end - 1))) {
            end--;
        }
        String body = text.substring(clause.start(), end);
        for (String suffix : TIME_FRAME_ENDINGS) {
            if (body.endsWith(suffix) && body.length() > suffix.length()) {
                return true;
            }
        }
        return false;
    }

    /** Whether a clause begins with a noun or pronoun that names no target: it has a subject of its own. */
    private static boolean opensWithOtherNoun(Clause clause, List<Token> tokens) {
        for (Token token : tokens) {
            if (token.start() < clause.start() || token.word().isBlank() || token.pos().startsWith("w")) {
                continue;
            }
            if (token.start() >= clause.end()) {
                return false;
            }
            for (Cue cue : clause.cues()) {
                if (cue.start() == token.start() && cue.kind() == CueKind.CONTRAST) {
                    return false;
                }
            }
            String pos = token.pos();
            return (pos.startsWith("n") && !pos.equals("nnt")) || pos.equals("rr");
        }
        return false;
    }

    /** Whether a clause begins with this mention (after punctuation and a contrast word): then it is the subject. */
    private boolean opensWith(String text, Clause clause, TargetSpan first) {
        int k = clause.start();
        for (Cue cue : clause.cues()) {
            if (cue.start() == k && cue.kind() == CueKind.CONTRAST) {
                k = cue.end();
            }
        }
        while (k < first.start() && k < text.length() && !Character.isLetterOrDigit(text.charAt(k))) {
            k++;
        }
        return first.start() - k <= weights.subjectWindow();
    }

    /** How much of a sentiment cue falls on a target mentioned at {@code span} in the same clause. */
    private double roleFactor(String text, TargetSpan span, Cue cue, Clause clause, Set<String> facts) {
        double member = 1;
        for (Cue other : clause.cues()) {
            if (other.kind() == CueKind.MEMBER && other.start() >= span.end() && other.start() <= span.end() + 2
                    && span.end() > span.start()
                    && text.substring(span.end(), other.start()).replace("的", "").isBlank()) {
                member = weights.acrossVerb();
            }
        }
        return member * roleFactor(text, span.start(), cue, clause, facts);
    }

    private double roleFactor(String text, int at, Cue cue, Clause clause, Set<String> facts) {
        int p = cue.start();
        return switch (cue.kind()) {
            case WORD, RESTORATION, SHIFTER -> wordFactor(text, at, cue, clause);
            case MUTUAL -> {
                // "布罗克曼与董事会产生分歧": a disagreement between two sides named with 与 blames neither
                double f = wordFactor(text, at, cue, clause);
                if (isSideOfMutual(text, at, cue, clause)) {
                    facts.add("side-of-falling-out");
                    f *= weights.mutual();
                }
                yield f;
            }
            case PATIENT, CONCERN -> {
                double f = patientFactor(at, cue, clause);
                if (f > 0.5) {
                    facts.add(cue.value() < 0 ? "patient-of-negative" : "patient-of-positive");
                } else {
                    facts.add(cue.value() < 0 ? "agent-of-negative-event" : "agent-of-positive-event");
                }
                yield f;
            }
            case AGENT -> {
                double f = agentFactor(at, cue, clause);
                if (f > 0.5) {
                    facts.add(cue.value() < 0 ? "agent-of-wrongdoing" : "agent-of-good-deed");
                }
                yield f;
            }
            case CONTEST -> {
                // "OpenAI超越了特斯拉": the winner gains what the one overtaken loses
                // "他的要求是击败谷歌": the one whose demand it is does not do the beating
                if (isOpponentInFrame(text, at, cue, clause)) {
                    // "谷歌在与OpenAI的市场争夺中取得上风": the one competed with, inside 在与…中, is beaten
                    facts.add("loser-of-contest");
                    yield -1;
                }
                double winner = copulaBetween(at, cue.start(), clause) ? 0
                        : agentFactor(at, cue, clause, opponentsInFrames(text, cue, clause));
                Cue marker = markerBefore(cue, clause);
                // the one beaten is the object, the subject of a passive or the object of 把, not whatever 对 governs
                double loser = at > cue.start() || marker != null && marker.kind() != CueKind.OBJECT_MARKER
                        ? patientFactor(at, cue, clause) : 0;
                facts.add(loser > 0.5 ? "loser-of-contest" : winner > 0.5 ? "winner-of-contest" : "in-contest");
                yield winner > 0.5 ? winner : -loser;
            }
            default -> 0;
        };
    }

    private double wordFactor(String text, int at, Cue cue, Clause clause) {
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
        int[] frame = adverbialFrame(at, clause);
        if (frame != null && (p >= frame[1] || cue.end() <= frame[0])) {
            // "布罗克曼在投资人之间散布谣言": a name inside 在…之间 says where, the judgement is the subject's
            factor = IN_FRAME;
        }
        for (Cue other : clause.cues()) {
            if (other.start() <= lo || other.start() >= hi) {
                continue;
            }
            int[] otherFrame = adverbialFrame(other.start(), clause);
            if (otherFrame != null && (at < otherFrame[0] || at >= otherFrame[1])
                    && (p < otherFrame[0] || p >= otherFrame[1])) {
                // "托纳在听证会后重新获得任命": a verb inside 在…后 is not the clause's predicate
                continue;
            }
            if ((other.kind() == CueKind.SPEECH || other.kind() == CueKind.CONCERN) && at < p) {
                // "马斯克称…", "伊尔亚担忧OpenAI的技术会造成危险": what follows is the subject's own judgement
                factor = Math.min(factor, weights.speaker());
            } else if (other.kind().isRoleVerb() && at < p && isPassiveSubject(at, other, clause)) {
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
    private static boolean verbBetween(int from, int to, Clause clause) {
        boolean verb = false;
        for (Token token : clause.tokens()) {
            if (token.start() > from && token.end() <= to && token.pos().startsWith("v")) {
                if (SUBJECT_ATTRIBUTE_VERBS.contains(token.word()) || token.pos().equals("vshi")
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
    private static boolean possessedByOther(String text, int at, Cue cue, Clause clause) {
        int p = cue.start();
        if (cue.nominal() || p < 2 || NOMINALISERS.indexOf(text.charAt(p - 1)) < 0) {
            // an event noun (谷歌的支持) names its doer before 的 and may well be done to someone else
            return false;
        }
        String self = null;
        for (TargetSpan span : clause.mentions()) {
            if (span.start() == at) {
                self = span.target();
            }
        }
        for (TargetSpan span : clause.mentions()) {
            if (span.end() == p - 1 && span.start() != at && !span.target().equals(self) && !span.implicit()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The adverbial phrase 在…后/中/之间/期间 (or 当…时) holding {@code position}, as [start, end), or null: what lies
     * inside it says when or where, it is neither the clause's subject nor its predicate.
     */
    private static int[] adverbialFrame(int position, Clause clause) {
        for (int[] frame : clause.frames()) {
            if (frame[0] >= position) {
                return null;
            }
            if (position < frame[1]) {
                return frame;
            }
        }
        return null;
    }

    /** Every adverbial phrase of a clause as [start, end), in order: each opener with the first closer after it. */
    private static List<int[]> adverbialFrames(int start, int end, List<Token> tokens) {
        List<int[]> frames = List.of();
        for (int i = 0; i < tokens.size(); i++) {
            Token opener = tokens.get(i);
            String word = opener.word();
            if (word.length() != 1 || FRAME_OPENERS.indexOf(word.charAt(0)) < 0 || !opener.pos().startsWith("p")
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
                String last = closer.word();
                if (j > i + 1 && !last.isEmpty() && last.length() <= 3
                        && FRAME_CLOSER_ENDINGS.indexOf(last.charAt(last.length() - 1)) >= 0
                        && FRAME_CLOSERS.contains(last)) {
                    if (frames.isEmpty()) {
                        frames = new ArrayList<>();
                    }
                    frames.add(new int[] {opener.start(), closer.end()});
                    break;
                }
            }
        }
        return frames;
    }

    /**
     * Whether a sentiment word is an attribute ("美好的") of a noun that is the object of a verb standing between it
     * and the target; a copula (是, 成为) or a verb of having (拥有, 展现) lets the attribute describe the subject.
     */
    private static boolean modifiesObject(String text, int at, Cue cue, Clause clause) {
        if (cue.end() >= text.length() || NOMINALISERS.indexOf(text.charAt(cue.end())) < 0) {
            return false;
        }
        boolean verb = false;
        for (Token token : clause.tokens()) {
            if (token.start() <= at || token.start() >= cue.start()) {
                continue;
            }
            if (token.pos().startsWith("v") && SUBJECT_ATTRIBUTE_VERBS.contains(token.word())) {
                return false;
            }
            verb |= token.pos().startsWith("v") && !token.pos().equals("vshi") && !token.pos().equals("vyou");
        }
        return verb;
    }

    private double patientFactor(int at, Cue cue, Clause clause) {
        int p = cue.start();
        Cue marker = markerBefore(cue, clause);
        if (at > p) {
            return roleVerbBetween(p, at, clause) ? 0 : 1;
        }
        if (marker != null) {
            return switch (marker.kind()) {
                case PASSIVE -> at < marker.start() && !otherMentionBetween(at, marker.start(), clause) ? 1 : 0;
                case DISPOSAL, OBJECT_MARKER -> at > marker.start() ? 1 : 0;
                default -> 0;
            };
        }
        return 0;
    }

    private double agentFactor(int at, Cue cue, Clause clause) {
        return agentFactor(at, cue, clause, Set.of());
    }

    /** As {@link #agentFactor(int, Cue, Clause)}, the mentions starting at {@code notRivals} not competing for the role. */
    private double agentFactor(int at, Cue cue, Clause clause, Set<Integer> notRivals) {
        int p = cue.start();
        if (at > p) {
            return 0;
        }
        Cue marker = markerBefore(cue, clause);
        if (marker != null && marker.kind() == CueKind.PASSIVE) {
            return at > marker.start() ? 1 : 0;
        }
        if (marker != null) {
            // "奥特曼对董事会撒谎": the name after 对/把 is what the deed is done to, the one before it did it
            return at > marker.start() || otherMentionBetween(at, marker.start(), clause) ? 0 : 1;
        }
        return roleVerbBetween(at, p, clause) || otherMentionBetween(at, p, clause, notRivals) ? 0 : 1;
    }

    /**
     * Whether the target at {@code at} is the one competed with in an adverbial phrase before a contest predicate:
     * "在与OpenAI的市场争夺中取得上风", "在和谷歌的较量中胜出". The name follows 与/和/同/跟 right inside the phrase.
     */
    private static boolean isOpponentInFrame(String text, int at, Cue cue, Clause clause) {
        int[] frame = adverbialFrame(at, clause);
        if (frame == null || frame[1] > cue.start()) {
            return false;
        }
        for (Token token : clause.tokens()) {
            if (token.start() > frame[0] && token.end() <= at && COMPANION_MARKERS.contains(token.word())) {
                return text.substring(token.end(), at).isBlank();
            }
        }
        return false;
    }

    /**
     * Whether the target at {@code at} is one of the two sides of a falling-out named with 与/和/同/跟 before it: the
     * subject before the preposition ("布罗克曼与董事会产生分歧") or the name right after it ("与奥特曼的愿景产生摩擦").
     */
    private static boolean isSideOfMutual(String text, int at, Cue cue, Clause clause) {
        if (at >= cue.start()) {
            return false;
        }
        for (Token token : clause.tokens()) {
            if (token.start() >= cue.start()) {
                break;
            }
            if (!COMPANION_MARKERS.contains(token.word())) {
                continue;
            }
            if (at < token.start() || text.substring(token.end(), at).isBlank()) {
                return true;
            }
        }
        return false;
    }

    /** Where the opponents named inside adverbial phrases before a contest predicate start. */
    private static Set<Integer> opponentsInFrames(String text, Cue cue, Clause clause) {
        Set<Integer> opponents = null;
        for (TargetSpan span : clause.mentions()) {
            if (span.start() < cue.start() && isOpponentInFrame(text, span.start(), cue, clause)) {
                if (opponents == null) {
                    opponents = new java.util.HashSet<>();
                }
                opponents.add(span.start());
            }
        }
        return opponents == null ? Set.of() : opponents;
    }

    /** Whether the target at {@code at} is the subject of a passive verb (奥特曼被董事会罢免). */
    private static boolean isPassiveSubject(int at, Cue verb, Clause clause) {
        Cue marker = markerBefore(verb, clause);
        return marker != null && marker.kind() == CueKind.PASSIVE && at < marker.start()
                && !otherMentionBetween(at, marker.start(), clause);
    }

    private static boolean copulaBetween(int from, int to, Clause clause) {
        for (Token token : clause.tokens()) {
            if (token.start() > from && token.end() <= to && token.pos().equals("vshi")) {
                return true;
            }
        }
        return false;
    }

    /** Whether another entity is named between two positions: then the nearer one fills the role. */
    private static boolean otherMentionBetween(int at, int to, Clause clause) {
        return otherMentionBetween(at, to, clause, Set.of());
    }

    private static boolean otherMentionBetween(int at, int to, Clause clause, Set<Integer> ignored) {
        String self = null;
        for (TargetSpan span : clause.mentions()) {
            if (span.start() == at) {
                self = span.target();
            }
        }
        for (TargetSpan span : clause.mentions()) {
            if (span.start() > at && span.start() < to && !span.target().equals(self)
                    && !ignored.contains(span.start()) && !connectedByConjunction(span, at, clause)) {
                return true;
            }
        }
        return false;
    }

    /** "奥特曼和布罗克曼被解雇": names joined by 和/与/及/、 share a role. */
    private static boolean connectedByConjunction(TargetSpan later, int at, Clause clause) {
        for (TargetSpan span : clause.mentions()) {
            if (span.start() == at && later.start() >= span.end()) {
                String between = clause.sentence().substring(span.end(), later.start()).strip();
                return CONJUNCTIONS.contains(between);
            }
        }
        return false;
    }

    /** The nearest passive, disposal or object marker before a verb with no other role verb in between. */
    private static Cue markerBefore(Cue verb, Clause clause) {
        Cue found = null;
        for (Cue other : clause.cues()) {
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

    private static boolean roleVerbBetween(int from, int to, Clause clause) {
        for (Cue other : clause.cues()) {
            if (other.start() > from && other.start() < to && other.kind().isRoleVerb()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Forward longest match of lexicon words. With tokens at hand, a one-character word must be a whole token and a
     * longer one must start or end on a token boundary, so 好 inside 只好 is not read as praise.
     */
    List<Cue> findCues(String text, List<Token> tokens, List<TargetSpan> targets) {
        int n = text.length();
        boolean[] starts = new boolean[n + 1];
        boolean[] ends = new boolean[n + 1];
        boolean segmented = !tokens.isEmpty();
        for (Token token : tokens) {
            if (token.start() >= 0 && token.end() <= n && token.start() < token.end()) {
                starts[token.start()] = true;
                ends[token.end()] = true;
            }
        }
        int[] opaqueUntil = new int[n + 1];
        for (TargetSpan t : targets) {
            for (int i = Math.max(0, t.start()); i < Math.min(n, t.end()); i++) {
                opaqueUntil[i] = Math.max(opaqueUntil[i], t.end());
            }
        }
        List<Cue> raw = new ArrayList<>();
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
                    raw.add(new Cue(entry, i, i + len, entry.value(), false));
                    matched = len;
                    break;
                }
            }
            i += matched > 0 ? matched : 1;
        }
        return applyModifiers(text, raw);
    }

    private static boolean latinLetterAt(String text, int i) {
        if (i < 0 || i >= text.length()) {
            return false;
        }
        char c = text.charAt(i);
        return c < 128 && Character.isLetter(c);
    }

    /** Binds negators and degree adverbs to the sentiment word right after them. */
    private List<Cue> applyModifiers(String text, List<Cue> raw) {
        List<Cue> result = new ArrayList<>(raw.size());
        int shifted = -1;
        for (int k = 0; k < raw.size(); k++) {
            Cue cue = raw.get(k);
            if (!cue.kind().isPolar()) {
                result.add(cue);
                continue;
            }
            if (cue.kind() == CueKind.SHIFTER) {
                int good = shiftedWord(text, raw, k);
                if (good >= 0) {
                    // "失去了信心": the loss is said by turning what is lost, not twice
                    shifted = good;
                    result.add(new Cue(cue.entry(), cue.start(), cue.end(), 0, false));
                    continue;
                }
            }
            double value = k == shifted ? -weights.negation() * cue.value() : cue.value();
            LexiconEntry entry = cue.entry();
            boolean nominal = false;
            boolean attributive = cue.end() < text.length() && text.charAt(cue.end()) == '的';
            if (cue.kind().hasRoles() && (attributive
                    || cue.start() > 0 && NOMINALISERS.indexOf(text.charAt(cue.start() - 1)) >= 0)) {
                nominal = true;
                // "X的起诉", "谷歌的支持": an event noun, not a verb with an agent and a patient
                entry = new LexiconEntry(entry.word(), entry.value(), CueKind.WORD);
                value *= weights.nominalEvent();
            }
            int boundary = cue.start();
            int gap = 0;
            for (int j = k - 1; j >= 0; j--) {
                Cue before = raw.get(j);
                if (before.kind().isPolar() || before.kind().isRoleVerb() || before.kind() == CueKind.CONTRAST) {
                    break;
                }
                gap += boundary - before.end();
                if (gap > weights.modifierReach() || hasBreak(text, before.end(), boundary)) {
                    break;
                }
                if (before.kind() == CueKind.NEGATOR) {
                    value *= weights.negation() * before.value();
                } else if (before.kind() == CueKind.DEGREE) {
                    value *= before.value();
                }
                boundary = before.start();
            }
            result.add(new Cue(entry, cue.start(), cue.end(), Math.max(-1.5, Math.min(1.5, value)), nominal));
        }
        return result;
    }

    /**
     * The index of the good word a shifter at {@code k} turns: the next sentiment word, positive, within the modifier
     * reach and the same clause; -1 if there is none, or if a negator before the shifter turns the shifter itself
     * ("没有失去信心").
     */
    private int shiftedWord(String text, List<Cue> raw, int k) {
        Cue shifter = raw.get(k);
        if (k > 0 && raw.get(k - 1).kind() == CueKind.NEGATOR
                && shifter.start() - raw.get(k - 1).end() <= weights.modifierReach()
                && !hasBreak(text, raw.get(k - 1).end(), shifter.start())) {
            return -1;
        }
        for (int j = k + 1; j < raw.size(); j++) {
            Cue next = raw.get(j);
            if (next.start() - shifter.end() > weights.modifierReach()
                    || hasBreak(text, shifter.end(), next.start())) {
                return -1;
            }
            if (next.kind().isPolar()) {
                return next.value() > 0 ? j : -1;
            }
            if (next.kind().isRoleVerb() || next.kind() == CueKind.CONTRAST || next.kind() == CueKind.NEGATOR) {
                return -1;
            }
        }
        return -1;
    }

    private static boolean hasBreak(String text, int from, int to) {
        for (int i = Math.max(0, from); i < Math.min(text.length(), to); i++) {
            if (CLAUSE_BREAKS.indexOf(text.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Splits on clause punctuation and before contrast words; weighs and damps each clause. */
    List<Clause> splitClauses(String text, List<Cue> cues, List<Token> tokens) {
        List<int[]> bounds = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (CLAUSE_BREAKS.indexOf(text.charAt(i)) >= 0) {
                bounds.add(new int[] {start, i + 1});
                start = i + 1;
            }
        }
        if (start < text.length()) {
            bounds.add(new int[] {start, text.length()});
        }
        List<int[]> split = new ArrayList<>();
        for (int[] b : bounds) {
            int from = b[0];
            int continues = 0;
            for (Cue cue : cues) {
                if (cue.kind() == CueKind.CONTRAST && cue.start() > from && cue.start() < b[1]
                        && !text.substring(from, cue.start()).isBlank()) {
                    split.add(new int[] {from, cue.start(), continues});
                    from = cue.start();
                    continues = 1;
                }
            }
            split.add(new int[] {from, b[1], continues});
        }
        List<Clause> clauses = new ArrayList<>();
        int lastContrast = -1;
        int next = 0;
        int firstToken = 0;
        for (int c = 0; c < split.size(); c++) {
            int[] b = split.get(c);
            List<Cue> inside = new ArrayList<>();
            while (next < cues.size() && cues.get(next).start() < b[1]) {
                if (cues.get(next).start() >= b[0]) {
                    inside.add(cues.get(next));
                }
                next++;
            }
            double contrast = 1;
            double damping = 1;
            for (Cue cue : inside) {
                if (cue.kind() == CueKind.CONTRAST && text.substring(b[0], cue.start()).isBlank()) {
                    contrast = cue.value();
                }
                if (cue.kind() == CueKind.HEDGE || cue.kind() == CueKind.QUESTION) {
                    damping = Math.min(damping, cue.value());
                }
            }
            char last = text.charAt(b[1] - 1);
            if (last == '？' || last == '?') {
                damping = Math.min(damping, weights.question());
            }
            if (contrast > 1) {
                lastContrast = c;
            }
            while (firstToken < tokens.size() && tokens.get(firstToken).start() < b[0]) {
                firstToken++;
            }
            int endToken = firstToken;
            while (endToken < tokens.size() && tokens.get(endToken).start() < b[1]) {
                endToken++;
            }
            clauses.add(new Clause(b[0], b[1], contrast, damping, inside, b[2] == 1, text,
                    tokens.subList(firstToken, endToken)));
            firstToken = endToken;
        }
        if (lastContrast > 0) {
            for (int c = 0; c < lastContrast; c++) {
                Clause before = clauses.get(c);
                clauses.set(c, new Clause(before.start(), before.end(), before.weight() * weights.beforeContrast(),
                        before.damping(), before.cues(), before.continuesPrevious(), new ArrayList<>(), text,
                        before.tokens(), before.frames()));
            }
        }
        return clauses;
    }
}
