package io.storywatch.stage.tag;

import com.hankcs.hanlp.dictionary.CoreDictionary;
import java.util.Set;

/**
 * Weeds out what HanLP's person recogniser takes for names but is not one (周内, 曾想, 那一年, 100万美金): a Chinese
 * name starts with a surname and does not end in a function word; a transliterated name is not a two-character
 * fragment.
 */
final class PersonNames {

    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于"
            + "蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛"
            + "郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁"
            + "尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古"
            + "吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄"
            + "丛仲虞敖巩明佘池查麻苑迟邝";
    private static final Set<String> COMPOUND_SURNAMES = Set.of("欧阳", "司马", "诸葛", "上官", "东方", "皇甫",
            "令狐", "慕容", "尉迟", "长孙", "宇文", "司徒", "夏侯", "公孙", "端木", "西门", "南宫");
    /** Characters of grammar that no given name contains (高得多, 于由谁). */
    private static final String GRAMMAR = "的得了着过谁吗呢吧啊么们这那些和向为由被把从";
    private static final String NUMERALS = "0123456789一二三四五六七八九十百千万亿两几";
    /** Parts of speech a given name is not: verbs, localisers, adverbs, numerals, pronouns, particles... */
    private static final Set<String> NOT_GIVEN_NAME = Set.of("v", "vi", "vshi", "vyou", "vf", "vx", "vl", "f", "d",
            "p", "pba", "pbei", "c", "cc", "ude1", "ude2", "ude3", "ule", "uzhe", "uguo", "m", "mq", "q", "qv",
            "qt", "r", "rr", "rz", "rzv", "ry", "t", "y", "e", "o");

    private PersonNames() {
    }

    /** Whether a person token is plausibly a name; {@code before} is the character before it, or 0. */
    static boolean plausible(String name, String pos, char before) {
        if (NUMERALS.indexOf(before) >= 0) {
            return false;
        }
        if (name.indexOf('·') >= 0) {
            return true;
        }
        if (pos.equals("nrf")) {
            return name.length() >= 3;
        }
        if (name.length() > 4) {
            return false;
        }
        int surname = name.length() >= 3 && COMPOUND_SURNAMES.contains(name.substring(0, 2)) ? 2 : 1;
        if (surname == 1 && SURNAMES.indexOf(name.charAt(0)) < 0) {
            return false;
        }
        String given = name.substring(surname);
        if (given.isEmpty() || given.chars().anyMatch(c -> NUMERALS.indexOf(c) >= 0 || GRAMMAR.indexOf(c) >= 0)) {
            return false;
        }
        CoreDictionary.Attribute attribute = CoreDictionary.get(given);
        return attribute == null || !NOT_GIVEN_NAME.contains(attribute.nature[0].toString());
    }
}
