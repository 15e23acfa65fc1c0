package io.storywatch.stage.tag;

import io.storywatch.event.ArticleSegmented;
import io.storywatch.event.EntitiesTagged;
import io.storywatch.story.StoryDefinition;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Links a segmented article to the players of a story: every name form, told apart from namesakes by context,
 * plus role nouns and pronouns resolved to a player, names the story does not know, and how much the article
 * belongs to the story.
 */
public final class EntityTagger {

    /** Relevance at or above which an article counts as part of the story. */
    public static final double RELEVANCE_THRESHOLD = 0.5;

    private final Map<String, CompiledStory> compiled = new ConcurrentHashMap<>();
    private final TaggerLexicon lexicon;

    public EntityTagger() {
        this(TaggerLexicon.bundled());
    }

    EntityTagger(TaggerLexicon lexicon) {
        this.lexicon = lexicon;
    }

    /** Names the tagger's behaviour; it changes whenever the output on some input does, and goes into every output. */
    public String version() {
        return lexicon.version();
    }

    /** The steps in the order they run; each reads the results of the ones before. */
    public EntitiesTagged tag(ArticleSegmented article, StoryDefinition definition) {
        CompiledStory story = compiled(definition);
        ArticleView view = new ArticleView(article);
        Scanned scanned = StoryScan.scan(view, story, new NameSpans(view, lexicon));
        List<NameHit> hits = NameSelection.longestLeftmost(scanned.nameCandidates());
        NameEvidence evidence = new NameEvidence(view, story, scanned.cues(), hits);
        ForeignFullNames foreign = new ForeignFullNames(view, story, lexicon);
        Set<String> anchored = Anchoring.anchors(hits, evidence, foreign);
        NamesLinked named = new NameLinking(view, story, evidence, foreign).link(hits, anchored);
        UnknownNames unknown = new UnknownNameFinder(view, story, lexicon).find(named);
        List<Anaphor> anaphors = new AnaphorFinder(view, lexicon).find(scanned.roleNouns(), named);
        Salience salience = SalienceRanking.rank(view, named);
        Discourse start = Discourse.start(named, unknown);
        Quotations quotations = new QuotationFinder(view, lexicon, speakerWords(start, anaphors),
                personWords(start, anaphors)).find();
        Discourse discourse = new ImplicitResolution(view, story, lexicon, named, unknown, salience, quotations)
                .resolve(anaphors, start);
        double relevance = Relevance.of(named, scanned.keywords(), story);
        return TaggedAssembly.assemble(view, story, lexicon.version(), named.mentions(), discourse.implicit(),
                unknown.names(), relevance);
    }

    /** Where the words start that can name a speaker: names, names the story does not know, and anaphors. */
    private static int[] speakerWords(Discourse start, List<Anaphor> anaphors) {
        return java.util.stream.IntStream.concat(start.referents().stream().mapToInt(Referent::start),
                anaphors.stream().mapToInt(Anaphor::start)).distinct().sorted().toArray();
    }

    /** Where the words start that name a third person: a person's name, 他, 她. */
    private static java.util.BitSet personWords(Discourse start, List<Anaphor> anaphors) {
        java.util.BitSet people = new java.util.BitSet();
        start.referents().stream().filter(Referent::isPerson).forEach(r -> people.set(r.start()));
        anaphors.stream().filter(a -> a instanceof Anaphor.Personal p && !p.pronoun().plural())
                .forEach(a -> people.set(a.start()));
        return people;
    }

    private CompiledStory compiled(StoryDefinition story) {
        String key = story.label();
        CompiledStory cached = compiled.get(key);
        if (cached != null && (cached.story == story || cached.story.equals(story))) {
            return cached;
        }
        if (compiled.size() > 16) {
            compiled.clear();
        }
        CompiledStory fresh = new CompiledStory(story);
        compiled.put(key, fresh);
        return fresh;
    }
}
