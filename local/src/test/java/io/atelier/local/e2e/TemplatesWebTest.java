package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * In Chromium: prompts an earlier version kept in this browser are offered once for the account (imported, then never
 * offered again), and the result names field shows its example as it is typed.
 */
class TemplatesWebTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
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
    void browserPromptsAreOfferedOnceForTheAccountAndResultNamesShowAnExample() throws Exception {
        String user = "web-templates-" + System.nanoTime();
        var driver = browser.driver;
        driver.get(RealStack.get().apiUrl().toString());
        browser.js("localStorage.clear(); localStorage.setItem('atelier.promptTemplates.v1', JSON.stringify("
                + "[{name: 'Old studio', text: '{sku} on white', savedAt: '2026-01-01T00:00:00Z'}]));");
        browser.waiting(WAIT).until(d -> browser.labelled("User name")).sendKeys(user);
        browser.button("Sign in").click();
        browser.waiting(WAIT).until(d -> !d.findElements(By.linkText("New job")).isEmpty());
        driver.findElement(By.linkText("New job")).click();
        WebElement offer = browser.waiting(WAIT)
                .until(d -> d.findElements(By.cssSelector(".import-offer")).stream()
                        .filter(WebElement::isDisplayed)
                        .findFirst()
                        .orElse(null));
        assertThat(offer.getText()).contains("1 prompt saved in this browser only");
        browser.js("arguments[0].scrollIntoView({block: 'center'})", offer);
        browser.screenshot("34-template-import-offer", false);
        offer.findElement(By.xpath(".//button[normalize-space()='Import it']")).click();
        browser.waiting(WAIT).until(d -> !offer.isDisplayed());
        var templates = RealStack.as(user).get("/templates").json().get("templates");
        assertThat(templates).hasSize(1);
        assertThat(templates.get(0).get("name").asText()).isEqualTo("Old studio");

        WebElement names = browser.labelled("Result names (optional)");
        names.sendKeys("{sku}/{sku}_{role}.{ext}");
        assertThat(driver.findElement(By.id("output-name-example")).getText())
                .isEqualTo("For example: sku-101/sku-101_main.png");
        browser.js("arguments[0].scrollIntoView({block: 'center'})", names);
        browser.screenshot("35-result-names", false);
        names.clear();
        names.sendKeys("{ext}/{name}");
        assertThat(driver.findElement(By.id("output-name-example")).getText())
                .startsWith("Not valid: {ext} may only end");

        // Offered once: not again after a reload.
        driver.navigate().refresh();
        browser.waiting(WAIT).until(d -> !d.findElements(By.id("operation")).isEmpty());
        Thread.sleep(1500); // the templates load after the form; the offer would show by now
        assertThat(driver.findElements(By.cssSelector(".import-offer")).stream().noneMatch(WebElement::isDisplayed))
                .isTrue();
        assertThat(browser.consoleErrors()).as("browser console errors").isEmpty();
    }
}
