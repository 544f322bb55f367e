package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * In Chromium: the page of a 5,000-task job follows its tasks as they change (written through the store's own
 * transitions, in bursts between and across the page's polls): the filters' counts, the job's counts and the cards at
 * the top, in the middle and at the end come right, and the whole listing is read once (the rest by the job's log).
 */
class LargeJobViewWebTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int TASKS = 5000;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        RealStack.get();
        browser = Browser.start(1280, 900);
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
    }

    @Test
    void theViewOfA5000TaskJobFollowsItsChanges() throws Exception {
        String user = "web-large-" + System.nanoTime();
        Http api = RealStack.as(user);
        String imageId = Flows.upload(api, Map.of("photo.png", Flows.png(64, 48)), "image/png")
                .get(0);
        Flows.awaitImage(api, imageId, "READY"::equals);
        SeededJob job = SeededJob.create(user, imageId, "catalogue", TASKS);

        var driver = browser.driver;
        driver.get(RealStack.get().apiUrl().toString());
        browser.waiting(WAIT).until(d -> browser.labelled("User name")).sendKeys(user);
        browser.button("Sign in").click();
        browser.waiting(WAIT)
                .until(d -> !d.findElements(By.cssSelector("a[data-route='projects']"))
                        .isEmpty());
        // Every request of the page is counted (the default buffer keeps 250).
        browser.js(
                "performance.setResourceTimingBufferSize(1000000); location.hash = '#/jobs/' + arguments[0]",
                job.jobId);
        awaitButton("All (5000)");
        awaitButton("Succeeded (0)");
        long listings = requests("/tasks?limit=");
        // 200 a page; the API may answer one more, empty, page: it cannot tell that nothing is left.
        assertThat(listings).as("the first load lists every task").isBetween(TASKS / 200L, TASKS / 200L + 1);
        assertThat(drawn()).hasSizeLessThan(100).contains("sku-0000.png");

        // Bursts a poll apart, and changes of one task landing in two different polls: 60 started, 40 of them
        // finished, the last 10 canceled.
        for (int i = 0; i < 60; i++) {
            job.start(i);
            if (i % 20 == 19) Thread.sleep(700);
        }
        for (int i = 0; i < 40; i++) job.succeed(i);
        Thread.sleep(700);
        for (int i = TASKS - 10; i < TASKS; i++) job.cancel(i);

        awaitButton("Succeeded (40)");
        awaitButton("Failed or canceled (10)");
        browser.waiting(WAIT)
                .until(d -> d.findElement(By.id("job-counts"))
                        .getText()
                        .equals("40 of 5000 done · 20 running · 4930 queued · 10 canceled"));
        browser.waiting(WAIT).until(d -> "SUCCEEDED".equals(status("sku-0000.png")));
        assertRightCards();

        // The middle: row 600's first card is task 600 × columns.
        long columns = (long)
                browser.js("return new Set([...document.querySelectorAll('.task-card')].map(c => c.style.left)).size");
        double pitch = ((Number) browser.js(
                        "const tops = [...new Set([...document.querySelectorAll('.task-card')].map(c => parseFloat(c.style.top)))].sort((a, b) => a - b);"
                                + " return tops[1] - tops[0];"))
                .doubleValue();
        browser.js(
                "const g = document.querySelector('.task-grid'); window.scrollTo(0, window.scrollY + g.getBoundingClientRect().top + arguments[0]);",
                (TASKS / columns / 2) * pitch + 5);
        String middle = String.format("sku-%04d.png", (TASKS / columns / 2) * columns);
        browser.waiting(WAIT).until(d -> middle.equals(nameAt(120)));
        assertRightCards();
        browser.screenshot("40-large-job-middle", false);

        browser.js("window.scrollTo(0, document.documentElement.scrollHeight)");
        browser.waiting(WAIT).until(d -> drawn().contains("sku-4999.png"));
        assertThat(drawn()).hasSizeLessThan(100).doesNotContain("sku-0000.png");
        assertThat(status("sku-4999.png")).isEqualTo("CANCELED");
        assertRightCards();
        browser.screenshot("41-large-job-end", false);

        browser.js("window.scrollTo(0, 0)");
        browser.waiting(WAIT).until(d -> drawn().contains("sku-0000.png"));
        browser.screenshot("42-large-job-top", false);
        assertThat(requests("/tasks?limit=")).as("no second full listing").isEqualTo(listings);
        assertThat(requests("/tasks?ids=")).as("changed tasks are read by id").isPositive();
        assertThat(browser.consoleErrors()).isEmpty();
    }

    /** Every card drawn shows its task's state: 0–39 succeeded, 40–59 running, the last 10 canceled, the rest queued. */
    private static void assertRightCards() {
        @SuppressWarnings("unchecked")
        List<List<String>> cards = (List<List<String>>)
                browser.js(
                        "return [...document.querySelectorAll('.task-card')].map(c => [c.querySelector('.task-name').textContent, c.dataset.status])");
        assertThat(cards).isNotEmpty();
        for (List<String> card : cards) {
            int i = Integer.parseInt(card.get(0).replaceAll("\\D", ""));
            String expected = i < 40 ? "SUCCEEDED" : i < 60 ? "RUNNING" : i >= TASKS - 10 ? "CANCELED" : "QUEUED";
            assertThat(card.get(1)).as(card.get(0)).isEqualTo(expected);
        }
    }

    private static void awaitButton(String text) {
        browser.waiting(WAIT)
                .until(d -> !d.findElements(By.xpath("//button[normalize-space()='" + text + "']"))
                        .isEmpty());
    }

    /** How many requests the page made whose URL contains this text. */
    private static long requests(String part) {
        return (long) browser.js(
                "return performance.getEntriesByType('resource').filter(e => e.name.includes(arguments[0])).length",
                part);
    }

    private static List<String> drawn() {
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>)
                browser.js("return [...document.querySelectorAll('.task-card .task-name')].map(n => n.textContent)");
        return names;
    }

    /** The status of a drawn card, by its task's name ("" when it is not drawn). */
    private static String status(String name) {
        return (String) browser.js(
                "return [...document.querySelectorAll('.task-card')].find(c => c.querySelector('.task-name').textContent === arguments[0])?.dataset.status ?? ''",
                name);
    }

    /** The name on the card under the first column, this many pixels below the top of the viewport. */
    private static String nameAt(int y) {
        Object card = browser.js(
                "const g = document.querySelector('.task-grid').getBoundingClientRect();"
                        + " return document.elementFromPoint(g.left + 20, arguments[0])?.closest('.task-card') ?? null;",
                y);
        return card instanceof WebElement element
                ? element.findElement(By.cssSelector(".task-name")).getText()
                : "";
    }
}
