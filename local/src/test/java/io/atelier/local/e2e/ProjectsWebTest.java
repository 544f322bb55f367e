package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** In Chromium: 12 images uploaded by SKU show as 4 SKU cards with their main image in the Projects view. */
class ProjectsWebTest {
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
    void twelveImagesNamedBySkuMakeFourSkuCards() throws Exception {
        String user = "web-projects-" + System.nanoTime();
        ProjectsApiTest.uploadTwelveBySku(RealStack.as(user));
        var driver = browser.driver;
        driver.get(RealStack.get().apiUrl().toString());
        browser.waiting(WAIT).until(d -> browser.labelled("User name")).sendKeys(user);
        browser.button("Sign in").click();
        browser.waiting(WAIT)
                .until(d -> !d.findElements(By.cssSelector("a[data-route='projects']"))
                        .isEmpty());
        driver.findElement(By.cssSelector("a[data-route='projects']")).click();
        browser.waiting(WAIT)
                .until(d -> !d.findElements(By.cssSelector(".project-list a")).isEmpty());
        assertThat(driver.findElement(By.cssSelector(".project-list")).getText())
                .contains("spring")
                .contains("12 images");
        browser.screenshot("20-projects", false);
        driver.findElement(By.cssSelector(".project-list a")).click();
        browser.waiting(WAIT)
                .until(d -> d.findElements(By.cssSelector(".sku-card")).size() == 4);
        List<WebElement> cards = driver.findElements(By.cssSelector(".sku-card"));
        assertThat(cards)
                .extracting(card -> card.getAttribute("data-sku"))
                .containsExactly("sku-101", "sku-102", "sku-103", "sku-104");
        assertThat(cards.get(0).getText()).contains("3 images").contains("Not processed");
        browser.waiting(WAIT)
                .until(d -> d.findElements(By.cssSelector(".sku-thumb img")).size() == 4);
        assertThat(driver.findElement(By.id("sku-count")).getText()).isEqualTo("4 SKUs");
        browser.screenshot("21-project-skus", false);
    }
}
