package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * In Chromium: add an endpoint (its secret shown once), send a test ping, and read it in the delivery log; an endpoint
 * a 410 Gone disabled shows so, and is enabled again.
 */
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

    /** Signs in afresh: the other test of this class may have left its session in the browser. */
    private static void signIn(String user) throws Exception {
        browser.driver.get(RealStack.get().apiUrl().toString());
        browser.js("localStorage.clear(); sessionStorage.clear();");
        browser.driver.navigate().refresh();
        browser.waiting(WAIT).until(d -> browser.labelled("User name")).sendKeys(user);
        browser.button("Sign in").click();
    }

    @Test
    void anEndpointIsAddedPingedAndItsDeliveryLogged() throws Exception {
        String user = "web-hooks-" + System.nanoTime();
        var driver = browser.driver;
        signIn(user);
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

    @Test
    void anEndpointThatAnswered410GoneShowsDisabledAndIsEnabledAgain() throws Exception {
        String user = "web-hooks-gone-" + System.nanoTime();
        Http api = RealStack.as(user);
        String path = "/web-gone-" + System.nanoTime();
        receiver.answer(path, 410);
        Http.Reply created = api.post("/webhooks", "{\"url\":\"" + receiver.url(path) + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(api.post("/webhooks/" + created.json().get("webhookId").asText() + "/ping", "{}")
                        .status())
                .isEqualTo(202);
        Flows.await(
                api,
                "/webhooks",
                json -> !json.get("webhooks").get(0).get("enabled").asBoolean(),
                Duration.ofSeconds(30));

        var driver = browser.driver;
        signIn(user);
        browser.waiting(WAIT)
                .until(d -> d.findElements(By.cssSelector("a[data-route='webhooks']")).stream()
                        .anyMatch(e -> e.isDisplayed()));
        driver.findElement(By.cssSelector("a[data-route='webhooks']")).click();
        String row = browser.waiting(WAIT)
                .until(d -> d.findElements(By.cssSelector(".webhook-row[data-enabled='false']")).stream()
                        .map(e -> e.getText())
                        .findFirst()
                        .orElse(null));
        assertThat(row).contains("Disabled", "410 Gone");
        assertThat(driver.findElements(By.xpath("//button[text()='Send test ping']")))
                .isEmpty();
        browser.screenshot("34-webhook-disabled", false);

        receiver.answer(path, 200);
        browser.button("Enable again").click();
        browser.waiting(WAIT)
                .until(d -> !d.findElements(By.cssSelector(".webhook-row[data-enabled='true']"))
                        .isEmpty());
        assertThat(driver.findElement(By.cssSelector(".webhook-row")).getText())
                .contains("Active")
                .doesNotContain("410 Gone");
        assertThat(api.get("/webhooks")
                        .json()
                        .get("webhooks")
                        .get(0)
                        .get("enabled")
                        .asBoolean())
                .isTrue();
        browser.button("Send test ping").click();
        browser.waiting(WAIT).until(d -> receiver.at(path).size() == 2);
        // The log is the browser's: only the other test's refused private address may be in it.
        assertThat(browser.consoleErrors())
                .allMatch(
                        message -> message.contains("/webhooks - Failed to load resource") && message.contains("400"));
    }
}
