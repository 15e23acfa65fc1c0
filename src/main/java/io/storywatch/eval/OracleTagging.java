package io.storywatch.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.seg.common.Term;
import io.storywatch.event.EntitiesTagged;
import io.storywatch.event.EntityMentions;
import io.storywatch.event.Mention;
import io.storywatch.event.RawArticle;
import io.storywatch.event.Sentence;
import io.storywatch.event.Token;
import io.storywatch.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Tags an article as a perfect tagger would for the gold sentences: the title plus the gold sentences, segmented
 * with plain HanLP, carrying exactly the gold entities (placed at an alias, or at a pronoun for implicit ones). It lets
 * the sentiment logic be measured apart from segmentation and entity-finding errors.
 */
public final class OracleTagging implements ArticleTagging {

    private static final List<String> PERSON_PRONOUNS = List.of("他们", "她们", "他", "她", "其", "这位", "此人", "我们", "我");
    private static final List<String> ORGANISATION_WORDS =
            List.of("该公司", "这家公司", "公司", "董事会", "他们", "该机构", "其", "团队", "实验室");
    private static final double IMPLICIT_CONFIDENCE = 0.8;

    private final Gold gold;
    private final Map<String, List<String>> aliases;
    private final Map<String, String> types;
    private final Map<String, List<String>> factionsOf;

    private OracleTagging(Gold gold, Map<String, List<String>> aliases, Map<String, String> types,
                          Map<String, List<String>> factionsOf) {
        this.gold = gold;
        this.aliases = aliases;
        this.types = types;
        this.factionsOf = factionsOf;
    }

    /** Reads names, types and factions from the evaluation's catalogue.json. */
    public static OracleTagging fromCatalogue(Gold gold, Path catalogue) {
        try {
            JsonNode root = Json.mapper().readTree(Files.readString(catalogue));
            Map<String, List<String>> aliases = new LinkedHashMap<>();
            Map<String, String> types = new LinkedHashMap<>();
            for (String group : List.of("people", "organizations")) {
                root.get(group).fields().forEachRemaining(e -> {
                    Set<String> names = new LinkedHashSet<>();
                    e.getValue().forEach(n -> {
                        String name = n.asText().replaceAll("\\s*\\(.*\\)$", "").strip();
                        names.add(name);
                        for (String part : name.split("[·•・ ]")) {
                            if (part.length() >= 2 && !part.equals(name)) {
                                names.add(part);
                            }
                        }
                    });
                    aliases.put(e.getKey(), new ArrayList<>(names));
                    types.put(e.getKey(), group.equals("people") ? "person" : "organization");
                });
            }
            Map<String, List<String>> factionsOf = new LinkedHashMap<>();
            root.get("factions").fields().forEachRemaining(f -> f.getValue().forEach(member ->
                    factionsOf.computeIfAbsent(member.asText(), k -> new ArrayList<>()).add(f.getKey())));
            return new OracleTagging(gold, aliases, types, factionsOf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read catalogue " + catalogue, e);
        }
    }

    /** The faction names of the catalogue, so absent factions can be reported. */
    public List<String> factions() {
        return factionsOf.values().stream().flatMap(List::stream).distinct().sorted().toList();
    }

    @Override
    public EntitiesTagged tag(RawArticle article) {
        List<GoldSentence> goldSentences = gold.sentencesOf(article.id());
        List<String> texts = new ArrayList<>();
        texts.add(article.title() == null ? "" : article.title());
        goldSentences.forEach(g -> texts.add(g.sentence()));

        StringBuilder text = new StringBuilder();
        List<Sentence> sentences = new ArrayList<>();
        Map<String, List<Mention>> mentions = new LinkedHashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            if (i > 0) {
                text.append(i == 1 ? "\n" : "");
            }
            int start = text.length();
            String sentence = texts.get(i);
            text.append(sentence);
            sentences.add(new Sentence(i, start, start + sentence.length(), sentence, segment(sentence, start)));
            if (i == 0) {
                for (String id : aliases.keySet()) {
                    probe(id, sentence, start, i, mentions);
                }
            } else {
                GoldSentence g = goldSentences.get(i - 1);
                for (String id : g.entities()) {
                    place(id, sentence, start, i, false, mentions);
                }
                for (String id : g.implicit()) {
                    place(id, sentence, start, i, true, mentions);
                }
            }
        }
        List<EntityMentions> entities = new ArrayList<>();
        mentions.forEach((id, list) -> entities.add(new EntityMentions(id, types.getOrDefault(id, "person"),
                factionsOf.getOrDefault(id, List.of()), list)));
        return new EntitiesTagged(EntitiesTagged.SCHEMA_VERSION, article.id(), article.title(), text.toString(),
                article.publishedAt(), article.source(), article.url(), article.language(), null, null, sentences,
                entities, List.of(), 1.0, true, Map.of("segmenter", "hanlp-portable-1.8.6-plain", "story", "oracle"));
    }

    /**
     * The whole article (title, newline, body) split into sentences and segmented with plain HanLP, with every
     * catalogue name found by its forms: the work a segment and tag stage does, for measuring scoring cost.
     */
    public EntitiesTagged tagWholeArticle(RawArticle article) {
        String text = (article.title() == null ? "" : article.title()) + "\n" + article.body();
        List<Sentence> sentences = new ArrayList<>();
        Map<String, List<Mention>> mentions = new LinkedHashMap<>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            boolean end = i == text.length() || "。！？!?\n".indexOf(text.charAt(i)) >= 0;
            if (!end) {
                continue;
            }
            int stop = i < text.length() && text.charAt(i) != '\n' ? i + 1 : i;
            if (!text.substring(start, stop).isBlank()) {
                String sentence = text.substring(start, stop);
                int index = sentences.size();
                sentences.add(new Sentence(index, start, stop, sentence, segment(sentence, start)));
                for (String id : aliases.keySet()) {
                    probe(id, sentence, start, index, mentions);
                }
            }
            start = i + 1;
        }
        List<EntityMentions> entities = new ArrayList<>();
        mentions.forEach((id, list) -> entities.add(new EntityMentions(id, types.getOrDefault(id, "person"),
                factionsOf.getOrDefault(id, List.of()), list)));
        return new EntitiesTagged(EntitiesTagged.SCHEMA_VERSION, article.id(), article.title(), text,
                article.publishedAt(), article.source(), article.url(), article.language(), null, null, sentences,
                entities, List.of(), 1.0, true, Map.of("segmenter", "hanlp-portable-1.8.6-plain", "story", "oracle"));
    }

    private void place(String id, String sentence, int offset, int index, boolean implicit,
                       Map<String, List<Mention>> mentions) {
        place(id, sentence, offset, index, implicit, mentions, false);
    }

    private void probe(String id, String sentence, int offset, int index, Map<String, List<Mention>> mentions) {
        place(id, sentence, offset, index, false, mentions, true);
    }

    private void place(String id, String sentence, int offset, int index, boolean implicit,
                       Map<String, List<Mention>> mentions, boolean probing) {
        List<Mention> found = new ArrayList<>();
        if (!implicit) {
            String lower = sentence.toLowerCase(Locale.ROOT);
            List<String> names = new ArrayList<>(aliases.getOrDefault(id, List.of()));
            names.sort(Comparator.comparingInt(String::length).reversed());
            boolean[] taken = new boolean[sentence.length()];
            for (String name : names) {
                String needle = name.toLowerCase(Locale.ROOT);
                for (int at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + 1)) {
                    if (!taken[at] && !taken[at + needle.length() - 1]) {
                        for (int k = at; k < at + needle.length(); k++) {
                            taken[k] = true;
                        }
                        found.add(Mention.named(offset + at, offset + at + needle.length(),
                                sentence.substring(at, at + needle.length()), index));
                    }
                }
            }
            if (probing || !found.isEmpty()) {
                mentions.computeIfAbsent(id, k -> new ArrayList<>()).addAll(found);
                if (mentions.get(id).isEmpty()) {
                    mentions.remove(id);
                }
                return;
            }
        }
        List<String> words = "person".equals(types.get(id)) ? PERSON_PRONOUNS : ORGANISATION_WORDS;
        int earliest = -1;
        String earliestWord = null;
        for (String word : words) {
            int at = sentence.indexOf(word);
            if (at >= 0 && (earliest < 0 || at < earliest)) {
                earliest = at;
                earliestWord = word;
            }
        }
        if (earliestWord != null) {
            found.add(new Mention(offset + earliest, offset + earliest + earliestWord.length(), earliestWord, index,
                    implicit, implicit ? IMPLICIT_CONFIDENCE : 1.0));
        }
        if (found.isEmpty()) {
            found.add(new Mention(offset, offset, "", index, implicit, implicit ? IMPLICIT_CONFIDENCE : 1.0));
        }
        mentions.computeIfAbsent(id, k -> new ArrayList<>()).addAll(found);
    }

    /** Plain HanLP words with offsets into the article text. */
    public static List<Token> segment(String sentence, int offset) {
        List<Token> tokens = new ArrayList<>();
        int cursor = 0;
        for (Term term : HanLP.segment(sentence)) {
            int at = sentence.indexOf(term.word, cursor);
            if (at < 0) {
                continue;
            }
            tokens.add(new Token(term.word, term.nature == null ? "x" : term.nature.toString(), offset + at,
                    offset + at + term.word.length()));
            cursor = at + term.word.length();
        }
        return tokens;
    }
}
