package io.storywatch.stage.tag;

import io.storywatch.event.Token;
import io.storywatch.story.Role;
import io.storywatch.story.StoryEntity;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Resolves 我 to the speaker of the quotation it stands in, and 我们 to the body the speaker speaks for: the
 * organisation itself when an organisation speaks, else the body a person is a member of, else the organisation the
 * person holds a post at on the article's day, if the article names it. Outside a quotation with a known speaker, 我
 * goes to whoever was last introduced as speaking. 你 / 您 in an interviewer's question is the one who answers it, 你们
 * the body they answer for.
 */
final class SpeakerResolver {

    /** How many sentences back a quoted speaker still speaks. */
    private static final int SPEAKER_WINDOW = 8;
    /** How many sentences back a pronoun naming the speaker after a quotation (“…”，他说) looks for its person. */
    private static final int PRONOUN_WINDOW = 4;
    private static final double NAMED_SPEAKER_CONFIDENCE = 0.8;
    private static final double CONTINUED_SPEAKER_CONFIDENCE = 0.6;
    /** How many turns after an interviewer's question the answer it asks for may come. */
    private static final int ANSWER_REACH = 3;
    private static final double MAIN_PLAYER_CONFIDENCE = 0.4;
    /** A quotation opened after a colon in the same clause: "奥特曼在内部信中：“…". */
    private static final Pattern QUOTE_AFTER_NAME = Pattern.compile("^[^。！？；\\n“”]{0,30}?[：:]\\s*[“「\"]");

    private final ArticleView view;
    private final CompiledStory story;
    private final TaggerLexicon lexicon;
    private final NamesLinked named;
    private final Salience salience;
    private final Quotations quotations;
    private final Pattern speechAfterName;

    SpeakerResolver(ArticleView view, CompiledStory story, TaggerLexicon lexicon, NamesLinked named, Salience salience,
                    Quotations quotations) {
        this.view = view;
        this.story = story;
        this.lexicon = lexicon;
        this.named = named;
        this.salience = salience;
        this.quotations = quotations;
        this.speechAfterName = lexicon.speechAfterName();
    }

    Optional<Resolution> resolve(Anaphor.Speaker anaphor, Discourse discourse) {
        Optional<Quotation> quotation = quotations.voicedAround(anaphor.start());
        if (quotation.isPresent()) {
            return quoted(anaphor, quotation.get(), discourse);
        }
        Referent speaker = speakerBefore(anaphor.start(), discourse);
        if (speaker == null) {
            return Optional.empty();
        }
        int sentence = view.sentenceIndex(anaphor.start());
        boolean near = sentence - speaker.sentence() <= 1;
        StoryEntity meant = anaphor.pronoun().plural() ? bodyOf(speaker.entity()) : speaker.entity();
        return meant == null ? Optional.empty() : Optional.of(new Resolution(meant, anaphor.start(), anaphor.end(),
                sentence, anaphor.pronoun().plural() ? (near ? 0.6 : 0.4) : (near ? 0.7 : 0.5)));
    }

    /**
     * Whom 你 means: in an interviewer's question, whoever the next answer's label names, else the article's main
     * player; anywhere else the reader or anyone, so nobody in the story.
     */
    Optional<Resolution> addressee(Anaphor.Addressee anaphor, Discourse discourse) {
        Optional<Quotation> question = quotations.voicedAround(anaphor.start());
        if (question.isEmpty() || question.get().voice() != Quotation.Voice.INTERVIEWER) {
            return Optional.empty();
        }
        StoryEntity answerer = answererOf(question.get(), discourse);
        double confidence = CONTINUED_SPEAKER_CONFIDENCE;
        if (answerer == null) {
            StoryEntity main = salience.person(null);
            answerer = main != null && discourse.mentionedBefore(main, anaphor.start()) ? main : null;
            confidence = MAIN_PLAYER_CONFIDENCE;
        }
        StoryEntity meant = answerer == null ? null
                : anaphor.pronoun().plural() ? bodyOf(answerer) : answerer.isPerson() ? answerer : null;
        return meant == null ? Optional.empty() : Optional.of(new Resolution(meant, anaphor.start(), anaphor.end(),
                view.sentenceIndex(anaphor.start()), confidence));
    }

    /** The story entity the label of the first answer after {@code question} names, or null. */
    private StoryEntity answererOf(Quotation question, Discourse discourse) {
        int turns = 0;
        for (Quotation turn : quotations.all()) {
            if (turn.start() < question.end()) {
                continue;
            }
            if (++turns > ANSWER_REACH) {
                return null;
            }
            switch (turn.voice()) {
                case INTERVIEWER -> {
                    continue;
                }
                case WORD, CONTINUED -> {
                    Referent label = discourse.referentAt(turn.speakerAt());
                    return label == null ? null : label.entity();
                }
                default -> {
                    return null;
                }
            }
        }
        return null;
    }

    private Optional<Resolution> quoted(Anaphor.Speaker anaphor, Quotation quotation, Discourse discourse) {
        StoryEntity speaker = switch (quotation.voice()) {
            case WORD, CONTINUED -> speakerNamedAt(quotation, discourse);
            case ANSWERER -> {
                StoryEntity main = salience.person(null);
                yield main != null && discourse.mentionedBefore(main, anaphor.start()) ? main : null;
            }
            default -> null;
        };
        if (speaker == null) {
            return Optional.empty();
        }
        StoryEntity meant = anaphor.pronoun().plural() ? bodyOf(speaker) : speaker.isPerson() ? speaker : null;
        double confidence = quotation.voice() == Quotation.Voice.WORD ? NAMED_SPEAKER_CONFIDENCE
                : CONTINUED_SPEAKER_CONFIDENCE;
        return meant == null ? Optional.empty() : Optional.of(new Resolution(meant, anaphor.start(), anaphor.end(),
                view.sentenceIndex(anaphor.start()), confidence));
    }

    /**
     * The entity the quotation's speaker word denotes: a referent known at that place, or, for a pronoun after the
     * quotation (“…”，他说) that is not resolved yet, the last person of its gender before the quotation.
     */
    private StoryEntity speakerNamedAt(Quotation quotation, Discourse discourse) {
        Referent referent = discourse.referentAt(quotation.speakerAt());
        if (referent != null) {
            return referent.entity();
        }
        Token word = view.tokenStartingAt(quotation.speakerAt());
        TaggerLexicon.Pronoun pronoun = word == null ? null : lexicon.pronouns().get(word.word());
        if (pronoun == null || pronoun.plural() || !pronoun.kind().equals("personal")) {
            return null;
        }
        int sentence = view.sentenceIndex(quotation.start());
        for (int k = discourse.lastReferentBefore(quotation.start()); k >= 0; k--) {
            Referent before = discourse.referents().get(k);
            if (before.sentence() < sentence - PRONOUN_WINDOW) {
                return null;
            }
            if (before.isPerson()) {
                StoryEntity entity = before.entity();
                if (entity == null) {
                    return null;
                }
                if (entity.gender() == null || entity.gender().equals(pronoun.gender())) {
                    return entity;
                }
            }
        }
        return null;
    }

    /**
     * Whom 我们 in the speaker's words means: an organisation speaks for itself; a person for the first body they are a
     * member of that the article names (or names the whole of), else for the organisation of a post they hold.
     */
    private StoryEntity bodyOf(StoryEntity speaker) {
        if (speaker == null) {
            return null;
        }
        if (!speaker.isPerson()) {
            return speaker;
        }
        for (String member : speaker.memberOf()) {
            StoryEntity body = story.entities.get(member);
            if (body != null && (named.timesNamed(body.id()) > 0
                    || body.partOf() != null && named.timesNamed(body.partOf()) > 0)) {
                return body;
            }
        }
        for (Role role : speaker.roles()) {
            StoryEntity organisation = role.organization() == null ? null : story.entities.get(role.organization());
            if (organisation != null && role.heldOn(view.day) && named.timesNamed(organisation.id()) > 0) {
                return organisation;
            }
        }
        return null;
    }

    /** The story person last introduced as speaking before {@code position}, within the speaker window, or null. */
    private Referent speakerBefore(int position, Discourse discourse) {
        int sentence = view.sentenceIndex(position);
        for (int k = discourse.lastReferentBefore(position); k >= 0; k--) {
            Referent referent = discourse.referents().get(k);
            if (referent.sentence() < sentence - SPEAKER_WINDOW) {
                return null;
            }
            if (!referent.isPerson()) {
                continue;
            }
            String after = view.text.substring(referent.start(), Math.min(view.text.length(), referent.start() + 20));
            String clause = view.text.substring(referent.start(), Math.min(view.text.length(), referent.start() + 40));
            if (speechAfterName.matcher(after).find() || QUOTE_AFTER_NAME.matcher(clause).find()) {
                return referent.entity() != null ? referent : null;
            }
        }
        return null;
    }
}
