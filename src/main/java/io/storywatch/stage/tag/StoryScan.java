package io.storywatch.stage.tag;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Step 1: one pass of the story's automaton over the folded article finds names, role nouns, cues and keywords. */
final class StoryScan {

    private StoryScan() {
    }

    static Scanned scan(ArticleView view, CompiledStory story, NameSpans spans) {
        CueCounts.Builder cues = new CueCounts.Builder(view.sentences.size(), story);
        List<NameHit> names = new ArrayList<>();
        List<Span> roles = new ArrayList<>();
        Set<String> keywords = new HashSet<>();
        if (story.words.size() > 0) {
            story.words.parseText(view.folded, (begin, end, entry) -> {
                if (entry.senses != null && spans.acceptable(begin, end, entry.senses.get(0).form())) {
                    names.add(new NameHit(begin, end, entry.senses));
                }
                if (!spans.latinBoundaries(begin, end)) {
                    return;
                }
                if (entry.roles != null && view.withinOneSentence(begin, end)) {
                    roles.add(new Span(begin, end));
                }
                if (entry.keyword != null) {
                    keywords.add(entry.keyword);
                }
                if (entry.cues != null) {
                    int sentence = view.sentenceIndex(begin);
                    entry.cues.forEach(cue -> cues.add(sentence, cue));
                }
            });
        }
        return new Scanned(List.copyOf(names), List.copyOf(roles), Set.copyOf(keywords), cues.build());
    }
}
