package io.storywatch.stage.tag;

import io.storywatch.story.Role;
import io.storywatch.story.StoryEntity;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Resolves 我 to whoever was last introduced as speaking ("奥特曼表示：“我……"), and 我们 in a speaker's words to the
 * organisation the speaker holds a post at on the article's day, if the article names it.
 */
final class SpeakerResolver {

    /** How many sentences back a quoted speaker still speaks. */
    private static final int SPEAKER_WINDOW = 8;
    /** A quotation opened after a colon in the same clause: "奥特曼在内部信中：“…". */
    private static final Pattern QUOTE_AFTER_NAME = Pattern.compile("^[^。！？；\\n“”]{0,30}?[：:]\\s*[“「\"]");

    private final ArticleView view;
    private final CompiledStory story;
    private final NamesLinked named;
    private final Pattern speechAfterName;

    SpeakerResolver(ArticleView view, CompiledStory story, TaggerLexicon lexicon, NamesLinked named) {
        this.view = view;
        this.story = story;
        this.named = named;
        this.speechAfterName = lexicon.speechAfterName();
    }

    Optional<Resolution> resolve(Anaphor.Speaker anaphor, Discourse discourse) {
        Referent speaker = speakerBefore(anaphor.start(), discourse);
        if (speaker == null) {
            return Optional.empty();
        }
        int sentence = view.sentenceIndex(anaphor.start());
        boolean near = sentence - speaker.sentence() <= 1;
        if (!anaphor.pronoun().plural()) {
            return Optional.of(new Resolution(speaker.entity(), anaphor.start(), anaphor.end(), sentence,
                    near ? 0.7 : 0.5));
        }
        for (Role role : speaker.entity().roles()) {
            StoryEntity organisation = role.organization() == null ? null : story.entities.get(role.organization());
            if (organisation != null && role.heldOn(view.day) && named.timesNamed(organisation.id()) > 0) {
                return Optional.of(new Resolution(organisation, anaphor.start(), anaphor.end(), sentence,
                        near ? 0.6 : 0.4));
            }
        }
        return Optional.empty();
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
