package io.storywatch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.storywatch.event.CorrectionMade;
import io.storywatch.web.view.StoryView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DashboardApiTest {

    @Test
    void shouldOfferCorrectionsOnTheMainStorysPageOnly() {
        StoryInfo other = new StoryInfo("river-dam", "清河水坝之争", "The river dam dispute",
                Map.of("build", new StoryInfo.FactionName("建坝派", "for the dam")));
        List<StoryView> made = new ArrayList<>(List.of(DashboardFixtures.view(), new StoryView()));
        List<CorrectionMade> appended = new ArrayList<>();
        DashboardApi api = new DashboardApi(StoryViews.of(List.of(StoryInfo.defaultStory(), other),
                () -> made.remove(0)), appended::add);

        assertEquals(true, summary(api, null).get("corrections"));
        assertEquals(true, summary(api, "story=openai-governance").get("corrections"));
        // corrections are keyed by article id and change the main story's analysis: none offered on another page
        assertEquals(false, summary(api, "story=river-dam").get("corrections"));
        assertEquals(List.of(), appended);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> summary(DashboardApi api, String query) {
        DashboardApi.Reply reply = api.handle("/api/summary", query);
        assertEquals(200, reply.status());
        return (Map<String, Object>) reply.body();
    }
}
