package io.storywatch.stage.tag;

import io.storywatch.event.Token;
import io.storywatch.stage.tag.CompiledStory.RoleSense;
import io.storywatch.story.NameText;
import io.storywatch.story.StoryEntity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Resolves a role noun (首席科学家, CEO) to whoever held the role on the article's day, at the organisation that
 * qualifies it or the one most present in the article; an apposition (首席科学家伊利亚) or another organisation's role
 * (Instacart首席执行官) is no implicit mention.
 */
final class RoleNounResolver {

    private final ArticleView view;
    private final CompiledStory story;
    private final NamesLinked named;
    private final UnknownNames unknown;
    private final Pattern endsInOrganisationNoun;

    RoleNounResolver(ArticleView view, CompiledStory story, TaggerLexicon lexicon, NamesLinked named,
                     UnknownNames unknown) {
        this.view = view;
        this.story = story;
        this.named = named;
        this.unknown = unknown;
        this.endsInOrganisationNoun = lexicon.endsInOrganisationNoun();
    }

    Optional<Resolution> resolve(Anaphor.RoleNoun role) {
        int sentence = view.sentenceIndex(role.start());
        List<RoleSense> senses = story.roles.get(view.folded.substring(role.start(), role.end()));
        if (senses == null || sentence < 0 || namesFollow(role.end())) {
            return Optional.empty();
        }
        int p = view.skipBackOverSpaceAndDe(role.start());
        StoryEntity namedBefore = named.endingAt().get(p);
        String qualifier = namedBefore != null && !namedBefore.isPerson() ? namedBefore.id() : null;
        if (qualifier == null && otherOrganisationBefore(p)) {
            return Optional.empty();
        }
        Map<String, StoryEntity> candidates = new LinkedHashMap<>();
        for (RoleSense sense : senses) {
            if (sense.role().heldOn(view.day) && (qualifier == null || sense.role().organization() == null
                    || qualifier.equals(sense.role().organization()))) {
                candidates.put(sense.entity().id(), sense.entity());
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        StoryEntity best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (RoleSense sense : senses) {
            StoryEntity entity = candidates.get(sense.entity().id());
            if (entity == null) {
                continue;
            }
            String org = sense.role().organization();
            double score = named.timesNamed(entity.id()) + (org == null ? 0 : 0.5 * named.timesNamed(org));
            if (score > bestScore) {
                bestScore = score;
                best = entity;
            }
        }
        double confidence = candidates.size() == 1 ? (qualifier != null ? 0.9 : 0.8) : 0.6;
        return Optional.of(new Resolution(best, role.start(), role.end(), sentence, confidence));
    }

    /** Apposition: "首席科学家伊利亚", "CEO 兼 …", a name HanLP found, or a transliterated name with a dot. */
    private boolean namesFollow(int end) {
        String text = view.text;
        int q = end;
        while (q < text.length() && (Character.isWhitespace(text.charAt(q)) || text.charAt(q) == '兼')) {
            q++;
        }
        StoryEntity namedAfter = named.startingAt().get(q);
        if (namedAfter != null && namedAfter.isPerson()) {
            return true;
        }
        Token next = view.tokenStartingAt(q);
        if (next != null && NameSpans.PERSON_POS.contains(next.pos())) {
            return true;
        }
        if (unknown.startsAt(q)) {
            return true;
        }
        String following = text.substring(q, Math.min(text.length(), q + 5));
        int dot = NameText.fold(following).indexOf(NameText.NAME_DOT);
        return dot > 0 && following.substring(0, dot).chars().allMatch(c -> NameText.isCjk((char) c));
    }

    /** Another organisation's role: "Instacart首席执行官", "基金会前首席执行官". */
    private boolean otherOrganisationBefore(int p) {
        int r = p;
        if (r > 0 && view.text.charAt(r - 1) == '前') {
            r--;
        }
        Token before = view.tokenEndingAt(r);
        return before != null && (before.pos().startsWith("nt") || before.pos().equals("nx")
                || before.pos().startsWith("nz") || NameSpans.PERSON_POS.contains(before.pos())
                || endsInOrganisationNoun.matcher(view.text.substring(Math.max(0, r - 4), r)).matches());
    }
}
