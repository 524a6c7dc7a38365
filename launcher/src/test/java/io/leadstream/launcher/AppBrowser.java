package io.leadstream.launcher;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The web app in the launcher's browser tests: signing in, and waiting for what a page shows. */
final class AppBrowser {
    static final Duration WAIT = Duration.ofSeconds(30);

    private AppBrowser() {}

    /** Opens /app/ and signs in; returns once the signed-in shell shows. */
    static void signIn(WebDriver browser, String baseUrl, String username, String password) {
        browser.get(baseUrl + "/app/");
        visible(browser, "sign-in-form");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password, Keys.ENTER);
        visible(browser, "sign-out");
    }

    static void visible(WebDriver browser, String id) {
        new WebDriverWait(browser, WAIT).until(d -> !d.findElements(By.id(id)).isEmpty() && d.findElement(By.id(id)).isDisplayed());
    }
}
