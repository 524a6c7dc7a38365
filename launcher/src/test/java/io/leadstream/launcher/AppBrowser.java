package io.leadstream.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
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

    /**
     * The page's visible form controls that nothing names: an input, select or textarea without a
     * label (for=, wrapping) or aria-label, a button without text or aria-label. A screen reader
     * reads such a control as "edit text", and a click on its words does not reach it.
     */
    @SuppressWarnings("unchecked")
    static List<String> unlabelled(WebDriver browser) {
        java.util.Map<String, Object> found = (java.util.Map<String, Object>) ((JavascriptExecutor) browser).executeScript("""
                const shown = [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button')]
                  .filter((e) => e.offsetParent !== null);
                return {checked: shown.length, unnamed: shown
                  .filter((e) => !(e.getAttribute('aria-label') || e.getAttribute('aria-labelledby')
                    || (e.tagName === 'BUTTON' ? e.textContent.trim() : e.labels && e.labels.length)))
                  .map((e) => e.id || e.name || e.outerHTML.slice(0, 80))};""");
        if (((Number) found.get("checked")).intValue() == 0) {
            throw new AssertionError("no visible control on the page to check");
        }
        return (List<String>) found.get("unnamed");
    }

    /**
     * Presses Tab from the focused element (the page's start when none) until {@code id} has the
     * focus, as a keyboard user would; the ids passed on the way. Fails when it is not reached in
     * {@code max} presses: the control cannot be reached without a mouse.
     */
    static List<String> tabTo(WebDriver browser, String id, int max) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        List<String> passed = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            new org.openqa.selenium.interactions.Actions(browser).sendKeys(Keys.TAB).perform();
            String focused = (String) js.executeScript("return document.activeElement && document.activeElement.id");
            if (id.equals(focused)) {
                return passed;
            }
            passed.add(focused);
        }
        throw new AssertionError(id + " not reached by " + max + " Tab presses; passed " + passed);
    }

    static void visible(WebDriver browser, String id) {
        new WebDriverWait(browser, WAIT).until(d -> !d.findElements(By.id(id)).isEmpty() && d.findElement(By.id(id)).isDisplayed());
    }
}
