package io.storywatch.stage.tag;

import io.storywatch.event.ArticleSegmented;
import io.storywatch.event.EntitiesTagged;
import io.storywatch.event.EntityMentions;
import io.storywatch.event.Mention;
import io.storywatch.event.Sentence;
import io.storywatch.event.Token;
import io.storywatch.event.UnlinkedName;
import io.storywatch.stage.tag.CompiledStory.Kind;
import io.storywatch.stage.tag.CompiledStory.RoleSense;
import io.storywatch.stage.tag.CompiledStory.Sense;
import io.storywatch.story.FactionMember;
import io.storywatch.story.NameText;
import io.storywatch.story.StoryDefinition;
import io.storywatch.story.StoryEntity;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Links a segmented article to the players of a story: every name form, told apart from namesakes by context,
 * plus role nouns and pronouns resolved to a player, names the story does not know, and how much the article
 * belongs to the story.
 */
public final class EntityTagger {

    /** Relevance at or above which an article counts as part of the story. */
    public static final double RELEVANCE_THRESHOLD = 0.5;

    private static final Pattern LATIN_NAME = Pattern.compile("[A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2}(?![A-Za-z])");
    private static final Set<String> LATIN_NON_NAMES = Set.of("The", "A", "An", "In", "On", "At", "For", "Of",
            "And", "But", "New", "This", "That", "From", "With");
    private static final Pattern SPEECH = Pattern.compile("^.{0,12}?(说|表示|称|写道|指出|透露|强调|回忆|坦言|宣布|发文|声明|告诉|回应|承认|解释)");
    /** How many sentences back a quoted speaker still speaks, and a pronoun still finds its antecedent. */
    private static final int SPEAKER_WINDOW = 8;
    private static final int PERSON_WINDOW = 2;
    private static final int ORGANIZATION_WINDOW = 3;
    private static final Pattern ORGANIZATION_NOUN = Pattern.compile(".*(公司|基金会|集团|银行|大学|学院|研究院|研究所|实验室|机构|组织|协会|委员会|政府|部门|媒体|企业)$");
    private static final Pattern URL = Pattern.compile("(?:https?://|www\\.)[^\\s)\\]）]+|\\]\\([^)\\s]*\\)");
    private static final Set<String> PERSON_POS = Set.of("nr", "nrf", "nrj", "nr1", "nr2");
    private static final Set<String> LATIN_TITLES = Set.of("mr", "mrs", "ms", "dr", "prof", "ceo", "cto", "sir");
    /** Characters Chinese transliterations of foreign names are made of. */
    private static final String TRANSLITERATION_CHARACTERS = "斯克盖尔特德娜拉尼亚诺夫基里罗卡塔达马纳利伊奥安艾埃弗维森"
            + "逊顿登蒙茨兹格姆勒莱雷莉丽琳娃妮波普布巴帕西希休舍谢泰托图吉杰乔朱佐索苏萨赛桑沙华霍胡哈汉恩因温文韦沃乌瓦"
            + "米迪蒂提贝比皮菲费芬琼森曼门林伦纳内科柯考库戈古哥加嘉贾杰捷赫黑亨欧奥鲁路卢洛罗莫摩穆慕默梅麦迈";
    /** First characters of every pronoun and anaphor looked for: most tokens are ruled out by this alone. */
    private static final String ANAPHOR_INITIALS = "我他她公";
    /** 该公司, 这家人工智能初创公司, 这个非营利组织: a demonstrative and an organisation noun, at most six words apart. */
    private static final Pattern ORG_ANAPHOR = Pattern.compile(
            "(?:这家|该|这个|此|这间|这所)[\\u4e00-\\u9fffA-Za-z]{0,6}?(?:公司|企业|机构|组织|实验室)");

    private final Map<String, CompiledStory> compiled = new ConcurrentHashMap<>();

    public EntitiesTagged tag(ArticleSegmented article, StoryDefinition story) {
        CompiledStory compiledStory = compiled(story);
        return new Tagging(article, compiledStory).run();
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

    /** A name found in the text and the senses it could have. */
    private record Hit(int start, int end, List<Sense> senses) {
        int length() {
            return end - start;
        }
    }

    /** Something a pronoun or role noun can point back to: a story entity or an unknown name. */
    private record Referent(int start, int sentence, StoryEntity entity, String unlinkedType) {
    }

    private static final class Tagging {
        private final ArticleSegmented article;
        private final CompiledStory story;
        private final String text;
        private final String folded;
        private final List<Sentence> sentences;
        private final int[] sentenceStarts;
        private final boolean[] tokenStart;
        private final boolean[] tokenEnd;
        /** Characters covered by a linked name. */
        private final boolean[] linked;
        /** Referent start -> whether a speech verb follows it ("奥特曼表示"). */
        private final Map<Integer, Boolean> speaks = new HashMap<>();
        private final List<int[]> urls = new ArrayList<>();
        private final LocalDate day;
        /** entity id -> [positive, negative] cue counts, per sentence and for the article. */
        /** Cue counts: [sentence][2 * entity index + (0 for, 1 against)]; the article's in the last row. */
        private int[][] cueCounts;
        private final Set<String> anchored = new HashSet<>();
        private final Map<String, List<Mention>> mentions = new LinkedHashMap<>();
        private final Map<String, Integer> namedCount = new HashMap<>();
        private final List<Hit> selected = new ArrayList<>();
        private final Map<Hit, StoryEntity> resolved = new java.util.IdentityHashMap<>();
        private final Map<Integer, StoryEntity> namedStartingAt = new HashMap<>();
        private final Map<Integer, StoryEntity> namedEndingAt = new HashMap<>();
        private final List<UnlinkedName> unlinked = new ArrayList<>();
        private final List<Referent> referents = new ArrayList<>();
        private final List<Hit> nameCandidates = new ArrayList<>();
        private final List<int[]> roleCandidates = new ArrayList<>();
        private final Set<String> keywordsFound = new HashSet<>();

        Tagging(ArticleSegmented article, CompiledStory story) {
            this.article = article;
            this.story = story;
            this.text = article.text() == null ? "" : article.text();
            this.folded = NameText.fold(text);
            this.sentences = article.sentences() == null ? List.of() : article.sentences();
            this.sentenceStarts = sentences.stream().mapToInt(Sentence::start).toArray();
            this.tokenStart = new boolean[text.length() + 1];
            this.tokenEnd = new boolean[text.length() + 1];
            this.linked = new boolean[text.length()];
            for (Sentence sentence : sentences) {
                for (Token token : sentence.tokens()) {
                    if (token.start() <= text.length() && token.end() <= text.length()) {
                        tokenStart[token.start()] = true;
                        tokenEnd[token.end()] = true;
                    }
                }
            }
            Matcher url = URL.matcher(text);
            for (String marker : List.of("http", "www.", "](")) {
                for (int at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
                    if (url.region(at, text.length()).lookingAt()) {
                        urls.add(new int[] {url.start(), url.end()});
                    }
                }
            }
            this.day = day(article.publishedAt());
        }

        EntitiesTagged run() {
            scan();
            List<Hit> hits = nameHits();
            selectAnchors(hits);
            resolveNames(hits);
            findUnlinked();
            findLatinNames();
            resolveImplicit();
            double relevance = relevance();
            Map<String, String> versions = new TreeMap<>();
            if (article.versions() != null) {
                versions.putAll(article.versions());
            }
            versions.put("story", story.story.label());
            return new EntitiesTagged(EntitiesTagged.SCHEMA_VERSION, article.id(), article.title(), article.text(),
                    article.publishedAt(), article.source(), article.url(), article.language(),
                    article.contentHash(), article.duplicateOf(), article.sentences(), entityMentions(), unlinked,
                    relevance, relevance >= RELEVANCE_THRESHOLD, versions);
        }

        // ---- names -------------------------------------------------------------------------------------------

        private List<Hit> nameHits() {
            List<Hit> candidates = nameCandidates;
            candidates.sort(Comparator.comparingInt(Hit::start).thenComparing(Comparator.comparingInt(Hit::length).reversed()));
            List<Hit> chosen = new ArrayList<>();
            int reached = 0;
            for (Hit hit : candidates) {
                if (hit.start() >= reached) {
                    chosen.add(hit);
                    reached = hit.end();
                }
            }
            selected.addAll(chosen);
            return chosen;
        }

        /** Word boundaries, letter case, URLs, and not a piece of a longer word or of someone else's full name. */
        private boolean acceptableSpan(int begin, int end, String form) {
            for (int[] url : urls) {
                if (begin < url[1] && end > url[0]) {
                    return false;
                }
            }
            boolean latinStart = NameText.isLatinOrDigit(form.charAt(0));
            boolean latinEnd = NameText.isLatinOrDigit(form.charAt(form.length() - 1));
            if (latinStart && begin > 0 && NameText.isLatinOrDigit(text.charAt(begin - 1))) {
                return false;
            }
            if (latinEnd && end < text.length() && NameText.isLatinOrDigit(text.charAt(end))) {
                return false;
            }
            if (latinStart && !caseAgrees(text.substring(begin, end), form)) {
                return false;
            }
            // a piece of an address: openai.com, x.com/elonmusk (written in lower case, unlike YC.org)
            if (latinStart && text.substring(begin, end).chars().noneMatch(Character::isUpperCase)
                    && ((end + 1 < text.length() && text.charAt(end) == '.'
                    && NameText.isLatinOrDigit(text.charAt(end + 1)))
                    || (begin > 0 && (text.charAt(begin - 1) == '/' || text.charAt(begin - 1) == '.')))) {
                return false;
            }
            if (!latinStart && insideLongerWord(begin, end)) {
                return false;
            }
            return true;
        }

        private static boolean caseAgrees(String found, String form) {
            if (found.equals(form)) {
                return true;
            }
            // short forms (SSI, YC, Sam, Jan) only as spelt; longer ones in any case ("openAI", "OPENAI"), URLs
            // having been excluded already
            return form.length() >= 5;
        }

        /** A token strictly containing the span means the segmenter read a different word there (雷克萨斯). */
        private boolean insideLongerWord(int begin, int end) {
            if (tokenStart[begin] && tokenEnd[end]) {
                return false;
            }
            Sentence sentence = sentenceAt(begin);
            if (sentence == null) {
                return false;
            }
            for (Token token : sentence.tokens()) {
                if (token.start() <= begin && token.end() >= end && token.end() - token.start() > end - begin) {
                    return !swallowedFunctionWord(token, begin, end);
                }
            }
            return false;
        }

        /**
         * HanLP's name recogniser often glues the next character onto a name (萨姆并没有, 雷克发长文): a person token
         * that is the name plus one character that does not occur in transliterations is that name, while 雷克斯
         * or 谢尔盖 are other names.
         */
        private boolean swallowedFunctionWord(Token token, int begin, int end) {
            if (!PERSON_POS.contains(token.pos()) || token.end() - token.start() != end - begin + 1) {
                return false;
            }
            char extra = token.start() == begin ? text.charAt(token.end() - 1) : text.charAt(token.start());
            return TRANSLITERATION_CHARACTERS.indexOf(extra) < 0;
        }

        /** Entities named so that no context is needed: a full name, or an alias only they have. */
        private void selectAnchors(List<Hit> hits) {
            for (Hit hit : hits) {
                if (hit.senses().size() != 1) {
                    continue;
                }
                Sense sense = hit.senses().get(0);
                if (sense.kind() == Kind.NAME || (sense.kind() == Kind.ALIAS && acceptAlias(sense, hit))) {
                    if (!partOfRefused(sense.entity(), hit, false) && !foreignFullName(sense.entity(), hit)) {
                        anchored.add(sense.entity().id());
                    }
                }
            }
        }

        private void resolveNames(List<Hit> hits) {
            for (Hit hit : hits) {
                StoryEntity best = null;
                double bestScore = Double.NEGATIVE_INFINITY;
                for (Sense sense : hit.senses()) {
                    StoryEntity entity = sense.entity();
                    boolean accepted = switch (sense.kind()) {
                        case NAME -> true;
                        case ALIAS -> acceptAlias(sense, hit);
                        case AMBIGUOUS -> acceptAmbiguous(sense, hit);
                    };
                    if (!accepted || partOfRefused(entity, hit, true) || foreignFullName(entity, hit)) {
                        continue;
                    }
                    int sentence = sentenceIndex(hit.start());
                    int[] s = cues(sentence, entity.id());
                    int[] a = cues(sentences.size(), entity.id());
                    double score = switch (sense.kind()) {
                        case NAME -> 3;
                        case ALIAS -> 2;
                        case AMBIGUOUS -> 0;
                    } + (anchored.contains(entity.id()) ? 3 : 0) + 2 * s[0] + 0.5 * Math.min(a[0], 3) - 2 * s[1];
                    if (score > bestScore) {
                        bestScore = score;
                        best = entity;
                    }
                }
                if (best != null) {
                    resolved.put(hit, best);
                    namedStartingAt.put(hit.start(), best);
                    namedEndingAt.put(hit.end(), best);
                    java.util.Arrays.fill(linked, hit.start(), hit.end(), true);
                    int sentence = sentenceIndex(hit.start());
                    addMention(best, Mention.named(hit.start(), hit.end(), text.substring(hit.start(), hit.end()),
                            sentence));
                    namedCount.merge(best.id(), 1, Integer::sum);
                    referents.add(new Referent(hit.start(), sentence, best, null));
                    if (best.partOf() != null) {
                        nameWholeToo(best, hit, sentence);
                    }
                }
            }
        }

        /** "OpenAI董事会" names the board and OpenAI itself. */
        private void nameWholeToo(StoryEntity part, Hit hit, int sentence) {
            StoryEntity parent = story.entities.get(part.partOf());
            String found = folded.substring(hit.start(), hit.end());
            for (String parentName : parent.unambiguousNames()) {
                int at = found.indexOf(NameText.fold(parentName));
                if (at >= 0) {
                    int start = hit.start() + at;
                    int end = start + parentName.length();
                    addMention(parent, Mention.named(start, end, text.substring(start, end), sentence));
                    namedCount.merge(parent.id(), 1, Integer::sum);
                    return;
                }
            }
        }

        private boolean acceptAlias(Sense sense, Hit hit) {
            int[] evidence = evidence(sense.entity(), sentenceIndex(hit.start()));
            return evidence[1] == 0 || evidence[0] > evidence[1];
        }

        private boolean acceptAmbiguous(Sense sense, Hit hit) {
            int sentence = sentenceIndex(hit.start());
            boolean supported = anchored.contains(sense.entity().id()) || cues(sentence, sense.entity().id())[0] > 0;
            int[] evidence = evidence(sense.entity(), sentence);
            return supported && (evidence[1] == 0 || evidence[0] > evidence[1]);
        }

        /** [for, against]: cues in the sentence count double, the rest of the article up to three. */
        private int[] evidence(StoryEntity entity, int sentence) {
            int[] s = cues(sentence, entity.id());
            int[] a = cues(sentences.size(), entity.id());
            int storyContext = Math.min((int) anchored.stream().filter(id -> !id.equals(entity.id())).count(), 3);
            return new int[] {2 * s[0] + Math.min(a[0], 3) + storyContext, 2 * s[1] + Math.min(a[1], 3)};
        }

        /**
         * A generic name of a part (董事会 of OpenAI) counts only in an article about its whole, and not where
         * another organisation's name qualifies it (特斯拉董事会).
         */
        private boolean partOfRefused(StoryEntity entity, Hit hit, boolean checkAnchor) {
            if (entity.partOf() == null) {
                return false;
            }
            StoryEntity parent = story.entities.get(entity.partOf());
            String found = folded.substring(hit.start(), hit.end());
            for (String parentName : parent.unambiguousNames()) {
                if (found.contains(NameText.fold(parentName))) {
                    return false;
                }
            }
            if (checkAnchor && !anchored.contains(parent.id())) {
                return true;
            }
            int p = hit.start();
            while (p > 0 && (Character.isWhitespace(text.charAt(p - 1)) || text.charAt(p - 1) == '的')) {
                p--;
            }
            for (Hit other : selected) {
                if (other.end() == p) {
                    return other.senses().stream().noneMatch(s -> s.entity().id().equals(parent.id()));
                }
            }
            Token before = tokenEndingAt(p);
            if (before == null) {
                return false;
            }
            String pos = before.pos();
            return pos.startsWith("nt") || pos.startsWith("ns") || pos.equals("nx") || PERSON_POS.contains(pos);
        }

        /**
         * A part of someone else's full name: 伊利亚 in 伊利亚·波洛苏欣, 奥特曼 in 杰克·奥特曼, Sam in Sam
         * Bankman-Fried. A neighbouring part that looks like one of the entity's own name parts is accepted.
         */
        private boolean foreignFullName(StoryEntity entity, Hit hit) {
            String found = folded.substring(hit.start(), hit.end());
            if (found.indexOf(NameText.NAME_DOT) >= 0 || found.indexOf(' ') >= 0) {
                return false;
            }
            if (!entity.isPerson()) {
                return false;
            }
            char first = found.charAt(0);
            if (NameText.isLatinOrDigit(first)) {
                return isCapitalisedName(latinWordAfter(hit.end())) || isCapitalisedName(latinWordBefore(hit.start()));
            }
            if (hit.end() + 1 < text.length() && folded.charAt(hit.end()) == NameText.NAME_DOT
                    && NameText.isCjk(text.charAt(hit.end() + 1))) {
                Token after = tokenStartingAt(hit.end() + 1);
                String part = after == null ? text.substring(hit.end() + 1, Math.min(text.length(), hit.end() + 3))
                        : after.word();
                return !story.familyNameHeads.getOrDefault(entity.id(), Set.of()).contains(CompiledStory.head(part));
            }
            if (hit.start() >= 2 && folded.charAt(hit.start() - 1) == NameText.NAME_DOT
                    && NameText.isCjk(text.charAt(hit.start() - 2))) {
                Token before = tokenEndingAt(hit.start() - 1);
                String part = before == null ? text.substring(Math.max(0, hit.start() - 3), hit.start() - 1)
                        : before.word();
                return !story.givenNameTails.getOrDefault(entity.id(), Set.of()).contains(CompiledStory.tail(part));
            }
            return false;
        }

        /** "Bankman" or "Jack", not "CEO", "Mr" or a lower-case word. */
        private static boolean isCapitalisedName(String word) {
            return word != null && word.length() > 1 && Character.isUpperCase(word.charAt(0))
                    && Character.isLowerCase(word.charAt(1)) && !LATIN_TITLES.contains(word.toLowerCase());
        }

        private String latinWordAfter(int end) {
            if (end >= text.length() || text.charAt(end) != ' ') {
                return null;
            }
            int i = end + 1;
            int j = i;
            while (j < text.length() && (Character.isLetter(text.charAt(j)) && text.charAt(j) < 128
                    || text.charAt(j) == '-')) {
                j++;
            }
            return j > i ? text.substring(i, j) : null;
        }

        private String latinWordBefore(int start) {
            if (start < 2 || text.charAt(start - 1) != ' ') {
                return null;
            }
            int j = start - 1;
            int i = j;
            while (i > 0 && Character.isLetter(text.charAt(i - 1)) && text.charAt(i - 1) < 128) {
                i--;
            }
            return j > i ? text.substring(i, j) : null;
        }

        // ---- cues and keywords ---------------------------------------------------------------------------------

        /** One pass of the story's automaton over the article: names, role nouns, cues and keywords. */
        private void scan() {
            cueCounts = new int[sentences.size() + 1][2 * story.index.size()];
            if (story.words.size() == 0) {
                return;
            }
            story.words.parseText(folded, (begin, end, entry) -> {
                if (entry.senses != null && acceptableSpan(begin, end, entry.senses.get(0).form())) {
                    nameCandidates.add(new Hit(begin, end, entry.senses));
                }
                if (!latinBoundaries(begin, end)) {
                    return;
                }
                if (entry.roles != null) {
                    roleCandidates.add(new int[] {begin, end});
                }
                if (entry.keyword != null) {
                    keywordsFound.add(entry.keyword);
                }
                if (entry.cues != null) {
                    int sentence = sentenceIndex(begin);
                    for (CompiledStory.Cue cue : entry.cues) {
                        int slot = 2 * cue.entityIndex() + (cue.positive() ? 0 : 1);
                        if (sentence >= 0) {
                            cueCounts[sentence][slot]++;
                        }
                        cueCounts[sentences.size()][slot]++;
                    }
                }
            });
        }

        private int[] cues(int sentence, String entityId) {
            Integer entity = story.index.get(entityId);
            if (sentence < 0 || sentence >= cueCounts.length || entity == null) {
                return new int[2];
            }
            return new int[] {cueCounts[sentence][2 * entity], cueCounts[sentence][2 * entity + 1]};
        }

        private boolean latinBoundaries(int begin, int end) {
            if (NameText.isLatinOrDigit(folded.charAt(begin)) && begin > 0
                    && NameText.isLatinOrDigit(folded.charAt(begin - 1))) {
                return false;
            }
            return !(NameText.isLatinOrDigit(folded.charAt(end - 1)) && end < folded.length()
                    && NameText.isLatinOrDigit(folded.charAt(end)));
        }

        private double relevance() {
            double entityWeight = 0;
            for (String id : namedCount.keySet()) {
                StoryEntity entity = story.entities.get(id);
                entityWeight += entity.isPerson() ? 1.0 : 0.5;
            }
            double raw = entityWeight + 0.3 * Math.min(keywordsFound.size(), 10);
            double relevance = raw / (raw + 2.5);
            return Math.round(relevance * 1000) / 1000.0;
        }

        // ---- unknown names -------------------------------------------------------------------------------------

        private void findUnlinked() {
            Set<String> storyWords = story.notNames;
            for (Sentence sentence : sentences) {
                List<Token> tokens = sentence.tokens();
                for (int i = 0; i < tokens.size(); i++) {
                    Token token = tokens.get(i);
                    String type = nameType(token.pos());
                    if (type == null) {
                        continue;
                    }
                    int start = token.start();
                    int end = token.end();
                    int j = i;
                    // a transliterated full name comes as name · name
                    while (j + 2 < tokens.size() && NameText.fold(tokens.get(j + 1).word()).equals("·")
                            && tokens.get(j + 1).start() == end && tokens.get(j + 2).start() == end + 1
                            && nameType(tokens.get(j + 2).pos()) != null) {
                        end = tokens.get(j + 2).end();
                        j += 2;
                    }
                    i = j;
                    String name = text.substring(start, end);
                    if (name.codePointCount(0, name.length()) < 2 || storyWords.contains(name)
                            || overlapsLinked(start, end) || name.chars().anyMatch(Character::isDigit)) {
                        continue;
                    }
                    if (type.equals(StoryEntity.PERSON)
                            && !PersonNames.plausible(name, token.pos(), start > 0 ? text.charAt(start - 1) : 0)) {
                        continue;
                    }
                    unlinked.add(new UnlinkedName(name, type, start, end, sentence.index()));
                    referents.add(new Referent(start, sentence.index(), null, type));
                }
            }
        }

        /** Capitalised Latin names ("Jakub Pachocki") the story does not know; HanLP leaves them as nx. */
        private void findLatinNames() {
            Matcher name = LATIN_NAME.matcher(text);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                // only a capital that starts a word can start a name
                if (c < 'A' || c > 'Z' || (i > 0 && Character.isLetter(text.charAt(i - 1))
                        && text.charAt(i - 1) < 128)) {
                    continue;
                }
                if (!name.region(i, text.length()).lookingAt()) {
                    continue;
                }
                int start = name.start();
                int end = name.end();
                i = end;
                String first = name.group().split("[ -]")[0];
                if (LATIN_NON_NAMES.contains(first) || overlapsLinked(start, end) || insideUrl(start, end)) {
                    continue;
                }
                int sentence = sentenceIndex(start);
                unlinked.add(new UnlinkedName(name.group(), StoryEntity.PERSON, start, end, sentence));
                referents.add(new Referent(start, sentence, null, StoryEntity.PERSON));
            }
            unlinked.sort(Comparator.comparingInt(UnlinkedName::start));
        }

        private boolean insideUrl(int start, int end) {
            for (int[] url : urls) {
                if (start < url[1] && end > url[0]) {
                    return true;
                }
            }
            return false;
        }

        private static String nameType(String pos) {
            if (pos.length() < 2 || pos.charAt(0) != 'n' || (pos.charAt(1) != 'r' && pos.charAt(1) != 't')) {
                return null;
            }
            if (PERSON_POS.contains(pos)) {
                return StoryEntity.PERSON;
            }
            if (pos.startsWith("nt")) {
                return StoryEntity.ORGANIZATION;
            }
            return null;
        }

        private boolean overlapsLinked(int start, int end) {
            for (int i = Math.max(0, start); i < end && i < linked.length; i++) {
                if (linked[i]) {
                    return true;
                }
            }
            return false;
        }

        // ---- implicit mentions ---------------------------------------------------------------------------------

        private void resolveImplicit() {
            List<int[]> roleHits = roleHits();
            referents.sort(Comparator.comparingInt(Referent::start));
            List<Object[]> anaphors = new ArrayList<>();
            for (int[] roleHit : roleHits) {
                anaphors.add(new Object[] {roleHit[0], roleHit});
            }
            boolean[] covered = new boolean[text.length() + 1];
            for (int[] roleHit : roleHits) {
                java.util.Arrays.fill(covered, roleHit[0], roleHit[1], true);
            }
            Matcher organisation = ORG_ANAPHOR.matcher(text);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                // a hand-rolled first step: find() would try the whole pattern at every character
                if ((c != '这' && c != '该' && c != '此')
                        || !organisation.region(i, Math.min(text.length(), i + 14)).lookingAt()) {
                    continue;
                }
                if (!covered[organisation.start()] && !covered[organisation.end() - 1]
                        && !overlapsLinked(organisation.start(), organisation.end())) {
                    anaphors.add(new Object[] {organisation.start(), new Token(organisation.group(), "rz",
                            organisation.start(), organisation.end())});
                    java.util.Arrays.fill(covered, organisation.start(), organisation.end(), true);
                }
            }
            for (Sentence sentence : sentences) {
                List<Token> tokens = sentence.tokens();
                for (int i = 0; i < tokens.size(); i++) {
                    Token token = tokens.get(i);
                    String word = token.word();
                    if (ANAPHOR_INITIALS.indexOf(word.charAt(0)) < 0) {
                        continue;
                    }
                    if (word.equals("我") || word.equals("我们")) {
                        anaphors.add(new Object[] {token.start(), token});
                    } else if (word.equals("他") || word.equals("她") || word.equals("他们") || word.equals("她们")
                            || (!covered[token.start()] && isBareCompany(tokens, i))) {
                        anaphors.add(new Object[] {token.start(), token});
                    }
                }
            }
            anaphors.sort(Comparator.comparingInt(a -> (Integer) a[0]));
            for (Object[] anaphor : anaphors) {
                if (anaphor[1] instanceof int[] roleHit) {
                    resolveRole(roleHit);
                } else {
                    resolvePronoun((Token) anaphor[1]);
                }
            }
        }

        private boolean isBareCompany(List<Token> tokens, int i) {
            if (!tokens.get(i).word().equals("公司")) {
                return false;
            }
            if (i > 0) {
                Token previous = tokens.get(i - 1);
                String pos = previous.pos();
                boolean modifier = pos.startsWith("n") || pos.startsWith("a") || pos.equals("b") || pos.startsWith("m")
                        || pos.equals("vi")
                        || pos.startsWith("q") || pos.startsWith("g") || pos.equals("vn") || pos.startsWith("r")
                        || pos.equals("ude1") && i > 1 && !tokens.get(i - 2).pos().startsWith("w");
                if (modifier || previous.end() != tokens.get(i).start() && !previous.pos().startsWith("w")) {
                    return false;
                }
            }
            if (i + 1 < tokens.size()) {
                String next = tokens.get(i + 1).pos();
                if (next.equals("nx") || next.startsWith("nr") || next.startsWith("nt")) {
                    return false;
                }
            }
            return true;
        }

        /** Role noun spans [start, end], longest first, not overlapping a name. */
        private List<int[]> roleHits() {
            List<int[]> hits = new ArrayList<>();
            for (int[] hit : roleCandidates) {
                if (!overlapsLinked(hit[0], hit[1])) {
                    hits.add(hit);
                }
            }
            hits.sort(Comparator.<int[]>comparingInt(h -> h[0]).thenComparingInt(h -> h[0] - h[1]));
            List<int[]> chosen = new ArrayList<>();
            int reached = 0;
            for (int[] hit : hits) {
                if (hit[0] >= reached) {
                    chosen.add(hit);
                    reached = hit[1];
                }
            }
            return chosen;
        }

        private void resolveRole(int[] roleHit) {
            int start = roleHit[0];
            int end = roleHit[1];
            int sentence = sentenceIndex(start);
            List<RoleSense> senses = story.roles.get(folded.substring(start, end));
            if (senses == null || sentence < 0) {
                return;
            }
            // apposition: "首席科学家伊利亚" names the person right there
            int q = end;
            while (q < text.length() && (Character.isWhitespace(text.charAt(q)) || text.charAt(q) == '兼')) {
                q++;
            }
            StoryEntity named = namedStartingAt.get(q);
            if (named != null && named.isPerson()) {
                return;
            }
            Token next = tokenStartingAt(q);
            if (next != null && PERSON_POS.contains(next.pos())) {
                return;
            }
            for (UnlinkedName name : unlinked) {
                if (name.start() == q) {
                    return;
                }
            }
            String following = text.substring(q, Math.min(text.length(), q + 5));
            int dot = NameText.fold(following).indexOf(NameText.NAME_DOT);
            if (dot > 0 && following.substring(0, dot).chars().allMatch(c -> NameText.isCjk((char) c))) {
                return;
            }
            String qualifier = null;
            int p = start;
            while (p > 0 && (Character.isWhitespace(text.charAt(p - 1)) || text.charAt(p - 1) == '的')) {
                p--;
            }
            StoryEntity namedBefore = namedEndingAt.get(p);
            if (namedBefore != null && !namedBefore.isPerson()) {
                qualifier = namedBefore.id();
            }
            if (qualifier == null) {
                // another organisation's role: "Instacart首席执行官", "基金会前首席执行官"
                int r = p;
                if (r > 0 && text.charAt(r - 1) == '前') {
                    r--;
                }
                Token before = tokenEndingAt(r);
                if (before != null && (before.pos().startsWith("nt") || before.pos().equals("nx")
                        || before.pos().startsWith("nz") || PERSON_POS.contains(before.pos())
                        || ORGANIZATION_NOUN.matcher(text.substring(Math.max(0, r - 4), r)).matches())) {
                    return;
                }
            }
            Map<String, StoryEntity> candidates = new LinkedHashMap<>();
            for (RoleSense sense : senses) {
                if (!sense.role().heldOn(day)) {
                    continue;
                }
                if (qualifier != null && sense.role().organization() != null
                        && !qualifier.equals(sense.role().organization())) {
                    continue;
                }
                candidates.put(sense.entity().id(), sense.entity());
            }
            if (candidates.isEmpty()) {
                return;
            }
            StoryEntity best = null;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (RoleSense sense : senses) {
                StoryEntity entity = candidates.get(sense.entity().id());
                if (entity == null) {
                    continue;
                }
                String org = sense.role().organization();
                double score = namedCount.getOrDefault(entity.id(), 0)
                        + (org == null ? 0 : 0.5 * namedCount.getOrDefault(org, 0));
                if (score > bestScore) {
                    bestScore = score;
                    best = entity;
                }
            }
            double confidence = candidates.size() == 1 ? (qualifier != null ? 0.9 : 0.8) : 0.6;
            addImplicit(best, start, end, sentence, confidence);
        }

        /** 我 is whoever was last introduced as speaking: "奥特曼表示：“我……". */
        private void resolveSpeaker(Token token) {
            Referent speaker = speakerBefore(token);
            if (speaker != null) {
                addImplicit(speaker.entity(), token.start(), token.end(), sentenceIndex(token.start()),
                        sentenceIndex(token.start()) - speaker.sentence() <= 1 ? 0.7 : 0.5);
            }
        }

        /**
         * 我们 in a speaker's words is the organisation the speaker holds a post at on the article's day, if the article
         * names it: "布罗克曼说：“我们的产品依然领先" speaks for OpenAI.
         */
        private void resolveSpeakersOrganisation(Token token) {
            Referent speaker = speakerBefore(token);
            if (speaker == null) {
                return;
            }
            for (var role : speaker.entity().roles()) {
                StoryEntity organisation = role.organization() == null ? null : story.entities.get(role.organization());
                if (organisation != null && role.heldOn(day) && namedCount.getOrDefault(organisation.id(), 0) > 0) {
                    int sentence = sentenceIndex(token.start());
                    addImplicit(organisation, token.start(), token.end(), sentence,
                            sentence - speaker.sentence() <= 1 ? 0.6 : 0.4);
                    return;
                }
            }
        }

        /** The story person last introduced as speaking before {@code token}, within the speaker window, or null. */
        private Referent speakerBefore(Token token) {
            int sentence = sentenceIndex(token.start());
            for (int k = lastReferentBefore(token.start()); k >= 0; k--) {
                Referent referent = referents.get(k);
                if (referent.sentence() < sentence - SPEAKER_WINDOW) {
                    return null;
                }
                if (referent.entity() == null && !StoryEntity.PERSON.equals(referent.unlinkedType())) {
                    continue;
                }
                if (referent.entity() != null && !referent.entity().isPerson()) {
                    continue;
                }
                boolean speaking = speaks.computeIfAbsent(referent.start(), at ->
                        SPEECH.matcher(text.substring(at, Math.min(text.length(), at + 20))).find());
                if (speaking) {
                    return referent.entity() != null ? referent : null;
                }
            }
            return null;
        }

        private void resolvePronoun(Token token) {
            int sentence = sentenceIndex(token.start());
            String word = token.word();
            if (word.equals("我")) {
                resolveSpeaker(token);
                return;
            }
            if (word.equals("我们")) {
                resolveSpeakersOrganisation(token);
                return;
            }
            boolean plural = word.endsWith("们");
            boolean organisationAnaphor = !word.startsWith("他") && !word.startsWith("她");
            String wantedGender = word.startsWith("她") ? "female" : "male";
            Referent found = null;
            Set<Object> peopleSeen = new HashSet<>();
            for (int k = lastReferentBefore(token.start()); k >= 0; k--) {
                Referent referent = referents.get(k);
                int window = organisationAnaphor || plural ? ORGANIZATION_WINDOW : PERSON_WINDOW;
                if (referent.sentence() < sentence - window) {
                    break;
                }
                boolean person = referent.entity() != null ? referent.entity().isPerson()
                        : StoryEntity.PERSON.equals(referent.unlinkedType());
                if (organisationAnaphor || plural) {
                    if (person) {
                        // 他们 after two people means those people, not an organisation
                        Object who = referent.entity() != null ? referent.entity().id() : referent.start();
                        if (plural && !peopleSeen.contains(who)) {
                            peopleSeen.add(who);
                            if (peopleSeen.size() >= 2) {
                                return;
                            }
                        }
                        continue;
                    }
                    if (referent.entity() != null && referent.entity().partOf() != null && organisationAnaphor) {
                        continue;
                    }
                    found = referent;
                    break;
                }
                if (!person) {
                    continue;
                }
                if (referent.entity() == null) {
                    if (wantedGender.equals("male")) {
                        found = referent;
                        break;
                    }
                    continue;
                }
                String gender = referent.entity().gender();
                if (gender == null || gender.equals(wantedGender)) {
                    found = referent;
                    break;
                }
            }
            if (found == null || found.entity() == null) {
                return;
            }
            double confidence = switch (sentence - found.sentence()) {
                case 0 -> 0.8;
                case 1 -> 0.7;
                default -> 0.5;
            };
            if (plural) {
                confidence -= 0.2;
            }
            int start = token.start();
            for (String demonstrative : List.of("这家", "该", "此", "本")) {
                if (organisationAnaphor && text.startsWith(demonstrative, start - demonstrative.length())) {
                    start -= demonstrative.length();
                    break;
                }
            }
            addImplicit(found.entity(), start, token.end(), sentence, confidence);
        }

        /** Index of the last referent starting before {@code position}, or -1; referents are sorted by start. */
        private int lastReferentBefore(int position) {
            int lo = 0;
            int hi = referents.size() - 1;
            int found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (referents.get(mid).start() < position) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return found;
        }

        private void addImplicit(StoryEntity entity, int start, int end, int sentence, double confidence) {
            referents.add(lastReferentBefore(start + 1) + 1, new Referent(start, sentence, entity, null));
            boolean namedHere = mentions.getOrDefault(entity.id(), List.of()).stream()
                    .anyMatch(m -> !m.implicit() && m.sentence() == sentence);
            if (!namedHere) {
                addMention(entity, new Mention(start, end, text.substring(start, end), sentence, true,
                        Math.round(confidence * 100) / 100.0));
            }
        }

        // ---- assembly ------------------------------------------------------------------------------------------

        private void addMention(StoryEntity entity, Mention mention) {
            mentions.computeIfAbsent(entity.id(), k -> new ArrayList<>()).add(mention);
        }

        private List<EntityMentions> entityMentions() {
            List<EntityMentions> result = new ArrayList<>();
            for (Map.Entry<String, List<Mention>> entry : mentions.entrySet()) {
                StoryEntity entity = story.entities.get(entry.getKey());
                List<Mention> sorted = new ArrayList<>(entry.getValue());
                sorted.sort(Comparator.comparingInt(Mention::start));
                result.add(new EntityMentions(entity.id(), entity.type(), factions(entity.id()), sorted));
            }
            result.sort(Comparator.comparingInt(e -> e.mentions().get(0).start()));
            return result;
        }

        private List<String> factions(String entityId) {
            List<String> factions = new ArrayList<>();
            for (var faction : story.story.factions()) {
                for (FactionMember member : faction.members()) {
                    if (member.id().equals(entityId) && member.heldOn(day)) {
                        factions.add(faction.id());
                        break;
                    }
                }
            }
            return factions;
        }

        // ---- positions -----------------------------------------------------------------------------------------

        private int sentenceIndex(int offset) {
            int lo = 0;
            int hi = sentenceStarts.length - 1;
            int found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (sentenceStarts[mid] <= offset) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            if (found >= 0 && offset >= sentences.get(found).end()) {
                return found;
            }
            return found;
        }

        private Sentence sentenceAt(int offset) {
            int index = sentenceIndex(offset);
            return index < 0 ? null : sentences.get(index);
        }

        private Token tokenEndingAt(int end) {
            Sentence sentence = sentenceAt(Math.max(0, end - 1));
            if (sentence == null) {
                return null;
            }
            for (Token token : sentence.tokens()) {
                if (token.end() == end) {
                    return token;
                }
            }
            return null;
        }

        private Token tokenStartingAt(int start) {
            Sentence sentence = sentenceAt(start);
            if (sentence == null) {
                return null;
            }
            for (Token token : sentence.tokens()) {
                if (token.start() == start) {
                    return token;
                }
            }
            return null;
        }

        private static LocalDate day(String publishedAt) {
            if (publishedAt == null || publishedAt.isBlank()) {
                return null;
            }
            try {
                return OffsetDateTime.parse(publishedAt).toLocalDate();
            } catch (DateTimeParseException e) {
                try {
                    return LocalDate.parse(publishedAt.length() >= 10 ? publishedAt.substring(0, 10) : publishedAt);
                } catch (DateTimeParseException ignored) {
                    return null;
                }
            }
        }
    }
}
