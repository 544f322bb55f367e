package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** In Chromium: add an endpoint (its secret shown once), send a test ping, and read it in the delivery log. */
class WebhooksWebTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static Browser browser;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        RealStack.get();
        receiver = new WebhookReceiver();
        browser = Browser.start(1280, 900);
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (receiver != null) receiver.close();
    }

    @Test
    void anEndpointIsAddedPingedAndItsDeliveryLogged() throws Exception {
        String user = "web-hooks-" + System.nanoTime();
        var driver = browser.driver;
        driver.get(RealStack.get().apiUrl().toString());
        browser.waiting(WAIT).until(d -> browser.labelled("User name")).sendKeys(user);
        browser.button("Sign in").click();
        browser.waiting(WAIT)
                .until(d -> d.findElements(By.cssSelector("a[data-route='webhooks']")).stream()
                        .anyMatch(e -> e.isDisplayed()));
        driver.findElement(By.cssSelector("a[data-route='webhooks']")).click();
        browser.waiting(WAIT)
                .until(d -> !d.findElements(By.cssSelector(".webhook-form")).isEmpty());

        browser.labelled("URL").sendKeys("https://10.0.0.1/hook"); // past the form's own check: the server refuses it
        browser.button("Add endpoint").click();
        browser.waiting(WAIT)
                .until(d -> d.findElement(By.id("webhook-errors")).getText().contains("private"));

        browser.labelled("URL").clear();
        browser.labelled("URL").sendKeys(receiver.url("/web-ping"));
        browser.labelled("Description (optional)").sendKeys("back office");
        browser.button("Add endpoint").click();
        String secret = browser.waiting(WAIT)
                .until(d -> d.findElements(By.id("webhook-secret-value")).stream()
                        .map(e -> e.getText())
                        .filter(text -> text.startsWith("whsec_"))
                        .findFirst()
                        .orElse(null));
        assertThat(driver.findElement(By.cssSelector(".webhook-list")).getText())
                .contains(receiver.url("/web-ping"))
                .contains("Default");
        browser.screenshot("30-webhooks", false);

        browser.button("Send test ping").click();
        browser.waiting(WAIT).until(d -> !receiver.at("/web-ping").isEmpty());
        WebhookReceiver.Received ping = receiver.at("/web-ping").get(0);
        assertThat(io.atelier.webhooks.WebhookSignature.verify(
                        secret, ping.signature(), ping.id(), Long.parseLong(ping.timestamp()), ping.body()))
                .isTrue();

        driver.findElement(By.linkText("Delivery log")).click();
        browser.waiting(WAIT).until(d -> {
            if (d.findElements(By.cssSelector(".delivery-list")).isEmpty()
                    || !d.findElement(By.cssSelector(".delivery-list"))
                            .getText()
                            .contains("Delivered")) {
                d.findElements(By.tagName("button")).stream()
                        .filter(b -> b.getText().equals("Refresh"))
                        .findFirst()
                        .ifPresent(b -> b.click());
                return false;
            }
            return true;
        });
        assertThat(driver.findElement(By.cssSelector(".delivery-list")).getText())
                .contains("webhook.ping")
                .contains("answered 200")
                .contains(ping.id());
        browser.screenshot("31-webhook-deliveries", false);
        // The refused private address is the one 400 the browser reports; nothing else may go wrong.
        assertThat(browser.consoleErrors())
                .allMatch(
                        message -> message.contains("/webhooks - Failed to load resource") && message.contains("400"));
    }
}
