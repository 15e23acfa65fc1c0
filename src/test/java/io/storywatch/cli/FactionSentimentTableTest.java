package io.storywatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.storywatch.event.FactionSentimentWindow;
import java.util.List;
import org.junit.jupiter.api.Test;

class FactionSentimentTableTest {

    private static FactionSentimentWindow window(String faction, String day, long articles, double mean, long pos,
                                                 long neg, long neu) {
        return new FactionSentimentWindow(1, faction, day + "T00:00:00Z", nextDay(day) + "T00:00:00Z", articles,
                articles * 2, mean, pos, neg, neu);
    }

    private static String nextDay(String day) {
        return java.time.LocalDate.parse(day).plusDays(1).toString();
    }

    @Test
    void shouldShowTheLatestValueOfEachWindowOldestWindowFirst() {
        FactionSentimentTable table = new FactionSentimentTable();
        table.update(window("safety", "2023-11-18", 1, 0.5, 1, 0, 0));
        table.update(window("acceleration", "2023-11-17", 1, -0.25, 0, 1, 0));
        table.update(window("safety", "2023-11-17", 1, 0.0, 0, 0, 1));
        // a second article in safety's 17 Nov window replaces that row
        table.update(window("safety", "2023-11-17", 2, 0.125, 1, 0, 1));

        assertEquals(List.of(
                "FACTION       WINDOW                  ARTICLES MENTIONS       MEAN   POS/NEG/NEU",
                "acceleration  2023-11-17                     1        2     -0.250         0/1/0",
                "safety        2023-11-17                     2        4     +0.125         1/0/1",
                "safety        2023-11-18                     1        2     +0.500         1/0/0"), table.render(10));
    }

    @Test
    void shouldCountTheEarlierWindowsItLeavesOut() {
        FactionSentimentTable table = new FactionSentimentTable();
        table.update(window("safety", "2015-12-11", 1, 0.5, 1, 0, 0));
        table.update(window("safety", "2019-07-22", 1, 0.5, 1, 0, 0));
        table.update(window("safety", "2024-05-15", 3, -0.5, 0, 3, 0));

        assertEquals(List.of(
                FactionSentimentTable.header(),
                "(2 earlier windows not shown)",
                "safety        2024-05-15                     3        6     -0.500         0/3/0"), table.render(1));
    }

    @Test
    void shouldShowAWindowThatIsNotOneUtcDayByItsBounds() {
        assertEquals("2023-11-17T08:00:00Z..2023-11-18T08:00:00Z",
                FactionSentimentTable.window("2023-11-17T08:00:00Z", "2023-11-18T08:00:00Z"));
        assertEquals("2023-11-17", FactionSentimentTable.window("2023-11-17T00:00:00Z", "2023-11-18T00:00:00Z"));
    }
}
