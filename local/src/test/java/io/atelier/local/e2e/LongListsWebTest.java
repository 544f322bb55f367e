package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * In Chromium: the job list with 500 jobs and the upload list with 200 files. Rows off screen are not rendered (CSS
 * content-visibility) but stay in the page, in order: scrolled to, the right rows are on screen; the keyboard reaches
 * a row far down and acts on it; a refresh while jobs run keeps every page loaded. An upload row's thumbnail is made
 * when the row comes into view, and a row removed from the keyboard hands the focus to its neighbour's Remove button.
 */
class LongListsWebTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int JOBS = 500;
    private static final int FILES = 200;
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
    void fiveHundredJobsScrollAndOpenFromTheKeyboard() throws Exception {
        String user = "web-lists-" + System.nanoTime();
        Http api = RealStack.as(user);
        String imageId = Flows.upload(api, Map.of("photo.png", Flows.png(64, 48)), "image/png")
                .get(0);
        Flows.awaitImage(api, imageId, "READY"::equals);
        List<SeededJob> jobs = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) jobs.add(SeededJob.create(user, imageId, String.format("list-%03d", i), 1));
        signIn(user);

        browser.driver.get(RealStack.get().apiUrl() + "/#/jobs");
        browser.waiting(WAIT).until(d -> rows() == 50);
        // Page after page (the last one may come back empty: the API cannot tell that nothing is left).
        while (rows() < JOBS || olderShown()) {
            int before = rows();
            browser.waiting(WAIT)
                    .withMessage(() -> rows() + " rows; the list says: "
                            + browser.js("return document.querySelector('#jobs-stale')?.textContent + ' | '"
                                    + " + document.querySelector('.error-state')?.textContent"))
                    .until(d -> olderShown());
            browser.button("Show older jobs").click();
            browser.waiting(WAIT).until(d -> rows() > before || !olderShown());
        }
        assertThat(titles()).hasSize(JOBS).first().isEqualTo("list-499");
        assertThat(titles()).last().isEqualTo("list-000");

        // Scrolled anywhere, the rows on screen are drawn where they are, in the list's order.
        for (int at : List.of(250, 0)) {
            String name = String.format("list-%03d", at);
            String above = String.format("list-%03d", Math.min(at + 1, JOBS - 1));
            // Rows drawn for the first time take their real height and move the page: scroll again until it settles.
            browser.waiting(WAIT).until(d -> {
                browser.js(
                        "[...document.querySelectorAll('.job-row')].find(r => r.querySelector('.job-title').textContent === arguments[0]).scrollIntoView({block: 'center'})",
                        name);
                return onScreen(name) && onScreen(above);
            });
        }
        browser.screenshot("43-job-list-500-bottom", false);

        // A job of the first page starts running: the refresh shows it, and keeps the 450 older jobs loaded.
        jobs.get(JOBS - 1).start(0);
        browser.js("window.scrollTo(0, 0)");
        browser.waiting(WAIT)
                .until(d -> "Running"
                        .equals(d.findElement(By.cssSelector(".job-list li:first-child .badge"))
                                .getText()));
        assertThat(rows()).isEqualTo(JOBS);
        browser.screenshot("44-job-list-500-top", false);

        // The keyboard walks the rows in order, far down too, and Enter opens the job focused.
        WebElement row = browser.driver.findElement(
                By.xpath("//a[contains(@class,'job-row')][.//div[@class='job-title' and text()='list-101']]"));
        browser.js("arguments[0].focus()", row);
        row.sendKeys(Keys.TAB);
        assertThat((String) browser.js("return document.activeElement.querySelector('.job-title')?.textContent"))
                .isEqualTo("list-100");
        browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        String wanted = "#/jobs/" + jobs.get(100).jobId;
        browser.waiting(WAIT).until(d -> wanted.equals(browser.js("return location.hash")));
        browser.waiting(WAIT)
                .until(d -> d.findElement(By.id("job-title")).getText().startsWith("list-100"));
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void twoHundredUploadsScrollAndTheKeyboardReachesTheLastRow() throws Exception {
        String user = "web-uploads-" + System.nanoTime();
        Path folder = Files.createTempDirectory("atelier-long-uploads");
        try {
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < FILES; i++) {
                Path file = folder.resolve(String.format("up-%03d.png", i));
                Files.write(file, Flows.png(40 + i, 30));
                paths.add(file.toString());
            }
            signIn(user);
            browser.driver.get(RealStack.get().apiUrl() + "/#/new");
            browser.waiting(WAIT).until(d -> !d.findElements(By.id("images")).isEmpty());
            browser.driver.findElement(By.id("images")).sendKeys(String.join("\n", paths));
            browser.waiting(WAIT)
                    .until(d -> String.valueOf(FILES)
                            .equals(d.findElement(By.id("upload-summary")).getAttribute("data-ready")));
            @SuppressWarnings("unchecked")
            List<String> names = (List<String>) browser.js(
                    "return [...document.querySelectorAll('.upload-list .upload-row')].map(r => r.dataset.name)");
            assertThat(names).hasSize(FILES).first().isEqualTo("up-000.png");
            assertThat(names).last().isEqualTo("up-199.png");

            // The list scrolls in its box: at its end, the last rows are the ones drawn there.
            browser.js("const list = document.querySelector('.upload-list'); list.scrollTop = 1e9;"
                    + " list.scrollIntoView({block: 'end'});");
            browser.waiting(WAIT).until(d -> "up-199.png".equals(uploadAt(-30)));
            // Thumbnails are made as rows come into view: every row on screen gets its own, the last row's too, while
            // most of the rows never shown have none.
            browser.waiting(WAIT)
                    .until(
                            d -> Boolean.TRUE.equals(
                                    browser.js(
                                            "const box = document.querySelector('.upload-list').getBoundingClientRect();"
                                                    + " const shown = [...document.querySelectorAll('.upload-list .upload-row')].filter(r => {"
                                                    + "   const b = r.getBoundingClientRect(); return b.bottom > box.top && b.top < Math.min(box.bottom, innerHeight); });"
                                                    + " return shown.length > 0 && shown.every(r => { const img = r.querySelector('.upload-thumb');"
                                                    + "   return img.src.startsWith('blob:') && img.complete && img.naturalWidth > 0; });")));
            assertThat(
                            browser.js(
                                    "return document.querySelector(\".upload-row[data-name='up-199.png'] .upload-thumb\").naturalWidth"))
                    .isEqualTo(40L + 199);
            long thumbs = ((Number)
                            browser.js("return document.querySelectorAll('.upload-list .upload-thumb[src]').length"))
                    .longValue();
            assertThat(thumbs).isPositive().isLessThan(FILES / 2);
            browser.screenshot("45-upload-list-200-end", false);

            // From the row before the last, Tab reaches the last row's Remove button.
            WebElement remove = browser.driver.findElement(
                    By.cssSelector(".upload-list .upload-row[data-name='up-198.png'] button[aria-label^='Remove']"));
            browser.js("arguments[0].focus()", remove);
            remove.sendKeys(Keys.TAB);
            WebElement focused = browser.driver.switchTo().activeElement();
            assertThat(focused.getAttribute("aria-label")).startsWith("Remove up-199.png");

            // Remove from the keyboard: the focus goes to the next row's Remove button, or the one before after the
            // last.
            browser.js("arguments[0].focus()", remove);
            remove.sendKeys(Keys.ENTER);
            browser.waiting(WAIT).until(d -> uploadRows() == FILES - 1);
            assertThat(browser.driver.switchTo().activeElement().getAttribute("aria-label"))
                    .startsWith("Remove up-199.png");
            browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
            browser.waiting(WAIT).until(d -> uploadRows() == FILES - 2);
            assertThat(browser.driver.switchTo().activeElement().getAttribute("aria-label"))
                    .startsWith("Remove up-197.png");
            browser.waiting(WAIT)
                    .until(d -> String.valueOf(FILES - 2)
                            .equals(d.findElement(By.id("upload-summary")).getAttribute("data-total")));
            assertThat(browser.consoleErrors()).isEmpty();
        } finally {
            Browser.deleteTree(folder);
        }
    }

    /** A fresh sign-in as this user (the session of the test before is dropped). */
    private static void signIn(String user) throws Exception {
        browser.driver.get(RealStack.get().apiUrl().toString());
        browser.js("sessionStorage.clear()");
        browser.driver.navigate().refresh();
        browser.waiting(WAIT).until(d -> browser.labelled("User name")).sendKeys(user);
        browser.button("Sign in").click();
        browser.waiting(WAIT)
                .until(d -> !d.findElements(By.cssSelector("a[data-route='projects']"))
                        .isEmpty());
    }

    private static boolean olderShown() {
        return browser.driver.findElements(By.xpath("//button[normalize-space()='Show older jobs']")).stream()
                .anyMatch(WebElement::isDisplayed);
    }

    private static int rows() {
        return ((Number) browser.js("return document.querySelectorAll('.job-row').length")).intValue();
    }

    private static List<String> titles() {
        @SuppressWarnings("unchecked")
        List<String> titles = (List<String>)
                browser.js("return [...document.querySelectorAll('.job-row .job-title')].map(t => t.textContent)");
        return titles;
    }

    /** The job's row is in the viewport, and what is drawn at its middle is that row. */
    private static boolean onScreen(String title) {
        return Boolean.TRUE.equals(browser.js(
                "const row = [...document.querySelectorAll('.job-row')].find(r => r.querySelector('.job-title').textContent === arguments[0]);"
                        + " const r = row.getBoundingClientRect();"
                        + " return r.top >= 64 && r.bottom <= innerHeight"
                        + " && document.elementFromPoint(r.left + r.width / 2, (r.top + r.bottom) / 2)?.closest('.job-row') === row;",
                title));
    }

    private static int uploadRows() {
        return ((Number) browser.js("return document.querySelectorAll('.upload-list .upload-row').length")).intValue();
    }

    /** The upload row at this many pixels from the list box's top (negative: from its bottom). */
    private static String uploadAt(int y) {
        return (String) browser.js(
                "const box = document.querySelector('.upload-list').getBoundingClientRect();"
                        + " const at = arguments[0] < 0 ? Math.min(box.bottom, innerHeight) + arguments[0] : box.top + arguments[0];"
                        + " return document.elementFromPoint(box.left + box.width / 2, at)?.closest('.upload-row')?.dataset.name ?? ''",
                y);
    }
}
