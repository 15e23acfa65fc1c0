package io.storywatch.stage.tag;

import io.storywatch.event.ArticleSegmented;
import io.storywatch.event.Sentence;
import io.storywatch.event.Token;
import io.storywatch.story.NameText;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A segmented article as the tagging steps read it: text, folded text, sentences, token boundaries, URLs, day. */
final class ArticleView {

    private static final Pattern URL = Pattern.compile("(?:https?://|www\\.)[^\\s)\\]）]+|\\]\\([^)\\s]*\\)");

    final ArticleSegmented article;
    final String text;
    final String folded;
    final List<Sentence> sentences;
    final LocalDate day;
    private final int[] sentenceStarts;
    private final BitSet tokenStarts = new BitSet();
    private final BitSet tokenEnds = new BitSet();
    private final List<Span> urls;

    ArticleView(ArticleSegmented article) {
        this.article = article;
        this.text = article.text() == null ? "" : article.text();
        this.folded = NameText.fold(text);
        this.sentences = article.sentences() == null ? List.of() : article.sentences();
        this.sentenceStarts = sentences.stream().mapToInt(Sentence::start).toArray();
        for (Sentence sentence : sentences) {
            for (Token token : sentence.tokens()) {
                if (token.start() <= text.length() && token.end() <= text.length()) {
                    tokenStarts.set(token.start());
                    tokenEnds.set(token.end());
                }
            }
        }
        this.urls = urls(text);
        this.day = day(article.publishedAt());
    }

    private static List<Span> urls(String text) {
        List<Span> urls = new ArrayList<>();
        Matcher url = URL.matcher(text);
        for (String marker : List.of("http", "www.", "](")) {
            for (int at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
                if (url.region(at, text.length()).lookingAt()) {
                    urls.add(new Span(url.start(), url.end()));
                }
            }
        }
        return List.copyOf(urls);
    }

    boolean insideUrl(int start, int end) {
        return urls.stream().anyMatch(url -> url.overlaps(start, end));
    }

    boolean tokenBoundaries(int start, int end) {
        return tokenStarts.get(start) && tokenEnds.get(end);
    }

    /** Index of the last sentence starting at or before {@code offset}, or -1. */
    int sentenceIndex(int offset) {
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
        return found;
    }

    /** Whether [start, end) lies in one sentence: a word the sentence splitter cut in two (a run too long) is none. */
    boolean withinOneSentence(int start, int end) {
        return sentenceIndex(start) == sentenceIndex(end - 1);
    }

    Sentence sentenceAt(int offset) {
        int index = sentenceIndex(offset);
        return index < 0 ? null : sentences.get(index);
    }

    Token tokenEndingAt(int end) {
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

    Token tokenStartingAt(int start) {
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

    /** Where the text before {@code position} stops being white space or 的: the end of a qualifier. */
    int skipBackOverSpaceAndDe(int position) {
        int p = position;
        while (p > 0 && (Character.isWhitespace(text.charAt(p - 1)) || text.charAt(p - 1) == '的')) {
            p--;
        }
        return p;
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
