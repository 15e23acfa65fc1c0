package io.storywatch.story;

/**
 * The character folding under which a name in an article equals a name in a story: one char for one char, so
 * offsets found in the folded text are offsets in the original. Latin letters fold to lower case, and the letters a
 * reader cannot tell apart in many fonts (I, i, L, l) to one letter, so a mistyped "IIya" or "AItman" is still Ilya
 * or Altman.
 */
public final class NameText {

    /** The one name separator every dot variant folds to. */
    public static final char NAME_DOT = '·';

    private NameText() {
    }

    public static char fold(char c) {
        if (c >= '\uFF01' && c <= '\uFF5E') {
            c = (char) (c - 0xFEE0);
        }
        switch (c) {
            case '\u2022', '\u30FB', '\u2027', '\u2219', '\u22C5', '\u00B7', '\uFF65', '\u0387', '\u16EB', '\u2E31' -> {
                return NAME_DOT;
            }
            case '\u2019', '\u2018', '\u02BC', '\u00B4', '`' -> {
                return '\'';
            }
            case '\u3000' -> {
                return ' ';
            }
            case 'I', 'i', 'L' -> {
                return 'l';
            }
            default -> {
                return c < 128 ? Character.toLowerCase(c) : c;
            }
        }
    }

    public static String fold(CharSequence text) {
        char[] folded = new char[text.length()];
        for (int i = 0; i < folded.length; i++) {
            folded[i] = fold(text.charAt(i));
        }
        return new String(folded);
    }

    public static boolean isLatinOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** A CJK unified ideograph (the basic block and extension A): every character of a Chinese name. */
    public static boolean isCjk(char c) {
        return (c >= '\u4e00' && c <= '\u9fff') || (c >= '\u3400' && c <= '\u4dbf');
    }
}
