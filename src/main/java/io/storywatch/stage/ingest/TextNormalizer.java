package io.storywatch.stage.ingest;

import com.hankcs.hanlp.HanLP;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what producers send (HTML fragments, traditional characters, full-width Latin, ragged whitespace) into the
 * one plain simplified-Chinese text that every later offset indexes.
 *
 * <p>In order: HTML comments and {@code script}/{@code style} elements are removed with their content, {@code <br>}
 * becomes a line break and block tags ({@code p}, {@code div}, {@code li}, headings...) a paragraph break, every other
 * tag is removed; then entities are decoded ({@code &amp;}, {@code &#39;}, {@code &#x4E2D;}, {@code &nbsp;}...),
 * after the tags so that an escaped {@code &lt;b&gt;} stays visible text; unknown entities stay as written.
 * Full-width ASCII letters, digits and symbols (U+FF01–U+FF5E) become half-width and the ideographic space U+3000 a
 * space, <em>except</em> the full-width forms Chinese uses as its own punctuation, {@code ！（），：；？}, which stay, as
 * do {@code 。、“”} (outside that range): sentence splitting and the segmenter expect Chinese punctuation.
 * Traditional characters become simplified with HanLP's converter. Finally whitespace: line endings become
 * {@code \n}, other Unicode spaces a space, zero-width and control characters vanish, and so do
 * unpaired surrogates (half a character, which only a JSON escape can make), runs of spaces and tabs inside a
 * line collapse to one, lines are trimmed, and three or more line breaks collapse to one blank line, so paragraphs
 * (which sentence splitting uses) survive.
 */
public final class TextNormalizer {

    /**
     * Quoted or bare attribute text. Possessive, and never across a {@code <}, so that a stray {@code <} in plain
     * text costs one scan to the next {@code <}: no deep recursion, no backtracking, linear time on hostile input.
     */
    private static final String ATTRIBUTES = "(?:\"[^\"<]*+\"|'[^'<]*+'|[^'\"<>]++)*+";

    private static final Pattern COMMENT = Pattern.compile("<!--.*?(-->|$)", Pattern.DOTALL);
    private static final Pattern HIDDEN_ELEMENT = Pattern.compile(
            "<(script|style|noscript|template)\\b"+ ATTRIBUTES + ">.*?(</\\1\\s*>|$)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern LINE_BREAK_TAG = Pattern.compile("<br\\b"+ ATTRIBUTES + ">",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BLOCK_TAG = Pattern.compile(
            "</?(?:p|div|h[1-6]|li|ul|ol|dl|dt|dd|tr|table|thead|tbody|blockquote|section|article|header|footer"
                    + "|aside|nav|pre|hr|figure|figcaption|main|address)\\b"+ ATTRIBUTES + ">",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern OTHER_TAG = Pattern.compile(
            "</?[a-zA-Z][a-zA-Z0-9:-]*(?:\\s"+ ATTRIBUTES + ")?/?>|<![a-zA-Z][^<>]*+>|<\\?[^<>]*+\\?>");
    private static final Pattern ENTITY = Pattern.compile("&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f]+");
    private static final Pattern PARAGRAPH_BREAKS = Pattern.compile("\n{3,}");
    private static final Pattern LINE_BREAKS = Pattern.compile("\n+");

    /** Full-width forms kept as they are because they are ordinary Chinese punctuation. */
    private static final String CHINESE_PUNCTUATION = "！（），：；？";

    private static final Map<String, String> NAMED_ENTITIES = Map.ofEntries(
            Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
            Map.entry("apos", "'"), Map.entry("nbsp", "\u00A0"), Map.entry("ensp", "\u2002"),
            Map.entry("emsp", "\u2003"), Map.entry("thinsp", "\u2009"), Map.entry("zwsp", "\u200B"),
            Map.entry("zwnj", "\u200C"), Map.entry("zwj", "\u200D"), Map.entry("shy", "\u00AD"),
            Map.entry("ndash", "–"), Map.entry("mdash", "—"), Map.entry("lsquo", "‘"), Map.entry("rsquo", "’"),
            Map.entry("sbquo", "‚"), Map.entry("ldquo", "“"), Map.entry("rdquo", "”"), Map.entry("bdquo", "„"),
            Map.entry("laquo", "«"), Map.entry("raquo", "»"), Map.entry("hellip", "…"), Map.entry("middot", "·"),
            Map.entry("bull", "•"), Map.entry("copy", "©"), Map.entry("reg", "®"), Map.entry("trade", "™"),
            Map.entry("deg", "°"), Map.entry("plusmn", "±"), Map.entry("times", "×"), Map.entry("divide", "÷"),
            Map.entry("yen", "¥"), Map.entry("euro", "€"), Map.entry("pound", "£"), Map.entry("cent", "¢"),
            Map.entry("sect", "§"), Map.entry("para", "¶"), Map.entry("permil", "‰"), Map.entry("prime", "′"),
            Map.entry("Prime", "″"), Map.entry("larr", "←"), Map.entry("rarr", "→"), Map.entry("uarr", "↑"),
            Map.entry("darr", "↓"));

    private final UnaryOperator<String> toSimplified;

    /** Converts with HanLP's traditional-to-simplified dictionary. */
    public TextNormalizer() {
        this(HanLP::convertToSimplifiedChinese);
    }

    public TextNormalizer(UnaryOperator<String> toSimplified) {
        this.toSimplified = toSimplified;
    }

    /** Normalises a body: paragraphs and line breaks are kept. */
    public String normalize(String text) {
        if (text == null) {
            return "";
        }
        String plain = decodeEntities(stripTags(text));
        String mapped = mapCharacters(plain);
        return collapseWhitespace(toSimplified.apply(mapped));
    }

    /** Normalises a title: like a body, then folded onto one line, so a title never contains {@code \n}. */
    public String normalizeLine(String text) {
        return LINE_BREAKS.matcher(normalize(text)).replaceAll(" ");
    }

    static String stripTags(String html) {
        if (html.indexOf('<') < 0) {
            return html;
        }
        String text = COMMENT.matcher(html).replaceAll("");
        text = HIDDEN_ELEMENT.matcher(text).replaceAll("");
        text = LINE_BREAK_TAG.matcher(text).replaceAll("\n");
        text = BLOCK_TAG.matcher(text).replaceAll("\n\n");
        return OTHER_TAG.matcher(text).replaceAll("");
    }

    static String decodeEntities(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher matcher = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            String replacement = matcher.group();
            if (matcher.group(3) != null) {
                replacement = NAMED_ENTITIES.getOrDefault(matcher.group(3), replacement);
            } else {
                int codePoint = matcher.group(1) != null
                        ? Integer.parseInt(matcher.group(1))
                        : Integer.parseInt(matcher.group(2), 16);
                if (codePoint > 0 && codePoint <= Character.MAX_CODE_POINT
                        && !(codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE)) {
                    replacement = new String(Character.toChars(codePoint));
                }
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** One pass over the characters: width folding, space unification, invisible and control characters out. */
    static String mapCharacters(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                out.append('\n');
                if (i + 1 < length && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (c == '\n' || c == '\t') {
                out.append(c);
            } else if (c >= '\uFF01' && c <= '\uFF5E') {
                out.append(CHINESE_PUNCTUATION.indexOf(c) >= 0 ? c : (char) (c - 0xFEE0));
            } else if (c == '\u3000' || c == '\u00A0' || (c >= '\u2000' && c <= '\u200A') || c == '\u202F'
                    || c == '\u205F') {
                out.append(' ');
            } else if (c == '\u2028') {
                out.append('\n');
            } else if (c == '\u2029') {
                out.append("\n\n");
            } else if (c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\u2060' || c == '\uFEFF'
                    || c == '\u00AD') {
                // invisible: zero-width characters, byte order marks, soft hyphens
            } else if (c < ' ' || (c >= '\u007F' && c <= '\u009F')) {
                // other control characters carry nothing readable
            } else if (Character.isSurrogate(c)) {
                // half of a character (a JSON escape such as \ud800 makes one): kept only as a whole pair
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    out.append(c).append(text.charAt(++i));
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String collapseWhitespace(String text) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            out.append(SPACES.matcher(lines[i]).replaceAll(" ").strip());
        }
        return PARAGRAPH_BREAKS.matcher(out).replaceAll("\n\n").strip();
    }
}
