package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * In Chromium: a job of 300 tasks (written straight into the table: a third succeeded, a third canceled, a third
 * queued) shows a virtualised grid: a few dozen cards in the page wherever it is scrolled, the right ones in view,
 * filters that window their own list, and the compare dialog that hands the focus back to the card last shown.
 */
class VirtualGridWebTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int TASKS = 300;
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
    void theGridDrawsOnlyTheCardsNearTheViewportAndTheRightOnes() throws Exception {
        String user = "web-grid-" + System.nanoTime();
        Http api = RealStack.as(user);
        String imageId = Flows.upload(api, Map.of("photo.png", Flows.png(64, 48)), "image/png")
                .get(0);
        Flows.awaitImage(api, imageId, "READY"::equals);
        String jobId = seedJob(user, imageId);

        var driver = browser.driver;
        driver.get(RealStack.get().apiUrl().toString());
        browser.waiting(WAIT).until(d -> browser.labelled("User name")).sendKeys(user);
        browser.button("Sign in").click();
        browser.waiting(WAIT)
                .until(d -> !d.findElements(By.cssSelector("a[data-route='projects']"))
                        .isEmpty());
        driver.get(RealStack.get().apiUrl() + "/#/jobs/" + jobId);
        browser.waiting(WAIT)
                .until(d -> !d.findElements(By.xpath("//button[normalize-space()='All (300)']"))
                        .isEmpty());
        browser.waiting(WAIT)
                .until(d -> !d.findElements(By.cssSelector(".task-card")).isEmpty());

        long columns = (long)
                browser.js("return new Set([...document.querySelectorAll('.task-card')].map(c => c.style.left)).size");
        assertThat(columns).as("a desktop-wide grid").isGreaterThanOrEqualTo(3);
        assertThat(drawn())
                .as("only a window of the 300 cards")
                .hasSizeLessThan(80)
                .contains("sku-000.png");
        browser.screenshot("30-virtual-grid-top", false);

        // Row 40 at the top of the viewport: its first card is task 40 × columns, and the start of the list is gone.
        double pitch = pitch();
        browser.js(
                "const g = document.querySelector('.task-grid'); window.scrollTo(0, window.scrollY + g.getBoundingClientRect().top + arguments[0]);",
                40 * pitch + 5);
        int expected = (int) (40 * columns);
        browser.waiting(WAIT).until(d -> name(cardAt(120)).equals(String.format("sku-%03d.png", expected)));
        assertThat(drawn())
                .hasSizeLessThan(80)
                .doesNotContain("sku-000.png")
                .contains(String.format("sku-%03d.png", expected + (int) columns));
        browser.screenshot("31-virtual-grid-scrolled", false);

        browser.js("window.scrollTo(0, document.documentElement.scrollHeight)");
        browser.waiting(WAIT).until(d -> drawn().contains("sku-299.png"));

        // A filter windows its own list: only canceled tasks, and the last of them at the end.
        browser.js("window.scrollTo(0, 0)");
        driver.findElement(By.xpath("//button[normalize-space()='Failed or canceled (100)']"))
                .click();
        browser.waiting(WAIT)
                .until(d -> statuses().stream().allMatch("CANCELED"::equals) && drawn().contains("sku-000.png"));
        browser.js("window.scrollTo(0, document.documentElement.scrollHeight)");
        browser.waiting(WAIT).until(d -> drawn().contains("sku-297.png"));
        assertThat(statuses()).containsOnly("CANCELED");
        browser.js("window.scrollTo(0, 0)");
        driver.findElement(By.xpath("//button[normalize-space()='All (300)']")).click();

        // Compare from a card half-way down, walk 30 results back (far above the drawn rows), close: the focus lands on
        // the card of the result last shown, drawn and scrolled into view.
        browser.js(
                "const g = document.querySelector('.task-grid'); window.scrollTo(0, window.scrollY + g.getBoundingClientRect().top + arguments[0]);",
                40 * pitch + 5);
        browser.waiting(WAIT).until(d -> name(cardAt(120)).equals(String.format("sku-%03d.png", expected)));
        // A Compare button well inside the viewport (below the sticky top bar).
        var compare = (org.openqa.selenium.WebElement)
                browser.waiting(WAIT)
                        .until(
                                d -> browser.js(
                                        "return [...document.querySelectorAll(\".task-card[data-status='SUCCEEDED'] button[aria-label^='Compare']\")]"
                                                + ".find(b => { const r = b.getBoundingClientRect(); return r.top > 120 && r.bottom < innerHeight - 20; }) ?? null"));
        compare.click();
        browser.waiting(WAIT)
                .until(d -> !d.findElements(By.cssSelector("dialog[open]")).isEmpty());
        for (int i = 0; i < 30; i++)
            driver.findElement(By.xpath("//dialog[@open]//button[normalize-space()='← Previous']"))
                    .click();
        String last = driver.findElement(By.id("compare-title")).getText();
        driver.findElement(By.xpath("//dialog[@open]//button[normalize-space()='Close']"))
                .click();
        browser.waiting(WAIT)
                .until(d -> d.findElements(By.cssSelector("dialog[open]")).isEmpty());
        String focused = (String) browser.js(
                "return document.activeElement.closest('.task-card')?.querySelector('.task-name')?.textContent ?? ''");
        assertThat(last).contains(focused);
        assertThat(focused).isNotEmpty();
        assertThat(
                        (Boolean)
                                browser.js(
                                        "const r = document.activeElement.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight"))
                .as("the focused card is in view")
                .isTrue();
        // Tab walks on through the cards as they are seen, drawing the next ones as the page follows the focus.
        for (int i = 0; i < 12; i++) driver.switchTo().activeElement().sendKeys(Keys.TAB);
        assertThat(
                        (String)
                                browser.js(
                                        "return document.activeElement.closest('.task-card') ? 'card' : document.activeElement.tagName"))
                .isEqualTo("card");
        browser.screenshot("32-virtual-grid-after-compare", false);
        assertThat(browser.consoleErrors()).isEmpty();
    }

    /** Names of the cards in the page. */
    private static List<String> drawn() {
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>)
                browser.js("return [...document.querySelectorAll('.task-card .task-name')].map(n => n.textContent)");
        return names;
    }

    private static List<String> statuses() {
        @SuppressWarnings("unchecked")
        List<String> all = (List<String>)
                browser.js("return [...document.querySelectorAll('.task-card')].map(c => c.dataset.status)");
        return all;
    }

    private static double pitch() {
        return ((Number) browser.js(
                        "const tops = [...new Set([...document.querySelectorAll('.task-card')].map(c => parseFloat(c.style.top)))].sort((a, b) => a - b);"
                                + " return tops[1] - tops[0];"))
                .doubleValue();
    }

    /** The card under the first column, this many pixels below the top of the viewport. */
    private static Object cardAt(int y) {
        return browser.js(
                "const g = document.querySelector('.task-grid').getBoundingClientRect();"
                        + " return document.elementFromPoint(g.left + 20, arguments[0])?.closest('.task-card') ?? null;",
                y);
    }

    private static String name(Object card) {
        return card instanceof org.openqa.selenium.WebElement element
                ? element.findElement(By.cssSelector(".task-name")).getText()
                : "";
    }

    /** Task i is canceled when i % 3 == 0, succeeded when 1, queued when 2. */
    private static String seedJob(String owner, String imageId) throws Exception {
        SeededJob job = SeededJob.create(owner, imageId, "grid", TASKS);
        for (int i = 0; i < TASKS; i++) {
            if (i % 3 == 0) job.cancel(i);
            else if (i % 3 == 1) {
                job.start(i);
                job.succeed(i);
            }
        }
        return job.jobId;
    }
}
