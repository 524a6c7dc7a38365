package io.leadstream.stack;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's {@code chromium} driven by its {@code chromedriver} ({@code .ci/install-browser.sh}):
 * the real browser of the browser tests. Nothing is downloaded at test time, and a missing browser
 * fails the test instead of skipping it.
 */
public final class HeadlessChromium {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Held so the level sticks: no CDP is used, so "no CDP implementation matching N" is noise. */
    private static final Logger CDP_LOG = Logger.getLogger("org.openqa.selenium.devtools");

    private HeadlessChromium() {}

    /** Fails when the browser or its driver is missing; keeps Selenium Manager from looking for one. */
    public static void require() {
        for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(binary)) {
                fail(binary + " is missing: run .ci/install-browser.sh (Debian packages chromium and chromium-driver)");
            }
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        System.setProperty("SE_AVOID_STATS", "true");
        CDP_LOG.setLevel(Level.SEVERE);
    }

    /** A new browser on the given (empty) profile folder, its console log kept; {@code width x height} for screenshots. */
    public static ChromeDriver start(Path profile, Duration wait, int width, int height) {
        return start(profile, wait, width, height, List.of(), java.util.Map.of());
    }

    /** As {@link #start(Path, Duration, int, int)}, with more arguments and profile preferences (third-party cookies, certificates). */
    public static ChromeDriver start(Path profile, Duration wait, int width, int height, List<String> arguments, java.util.Map<String, Object> prefs) {
        ChromeOptions options = new ChromeOptions();
        options.addArguments(arguments);
        if (!prefs.isEmpty()) {
            options.setExperimentalOption("prefs", prefs);
        }
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(wait).scriptTimeout(wait);
        return driver;
    }
}
