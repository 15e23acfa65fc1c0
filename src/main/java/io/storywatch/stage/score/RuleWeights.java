package io.storywatch.stage.score;

/**
 * The few numbers the rules depend on, in one value so an evaluation can vary them without touching the rules.
 *
 * @param speaker share of a judgement that falls on the one who utters it
 * @param acrossVerb share of a sentiment word that reaches a target on the other side of an event verb
 * @param inheritedSubject share of a subjectless clause that falls on the previous clause's subject
 * @param inheritedOther share that falls on the previous clause's other entities
 * @param negation strength of a negator (times its lexicon value)
 * @param modifierReach how many characters may separate a negator or degree word from its sentiment word
 * @param question damping of a clause ending in a question mark
 * @param beforeContrast weight of the clauses before a contrast
 * @param leadIn share of a clause naming nobody, before anyone is named, that falls on every target
 * @param nominalEvent strength of an event verb used as a noun (X的起诉) relative to the verb
 * @param possessorReach how far before such an event noun its possessor (its doer) may stand
 * @param subjectWindow how many characters into a clause a name may stand and still be its subject
 * @param objectOfWord share of a sentiment word that falls on a name after it (its object), not before it
 * @param mutual share of a falling-out (分歧, 摩擦) that falls on either side named with 与/和
 */
public record RuleWeights(double speaker, double acrossVerb, double inheritedSubject, double inheritedOther,
                          double negation, int modifierReach, double question, double beforeContrast,
                          double leadIn, double nominalEvent, int possessorReach,
                          int subjectWindow, double objectOfWord, double mutual) {

    public static final RuleWeights DEFAULT = new RuleWeights(0.15, 0.3, 0.6, 0.4, 1.0, 4, 0.5, 0.5, 0.5, 0.6, 12, 3, 0.5, 0.15);
}
