package org.deepjunit.report.browser;

import java.time.Duration;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A headless Chromium for the page tests, driven through Debian's chromedriver. Both executables are named
 * explicitly: Selenium runs Selenium Manager (which downloads drivers and browsers) only when the driver service has
 * no executable, so with them a test never reaches the network. The browser's console is kept
 * ({@code goog:loggingPrefs}) so that script errors and failed loads can be read back; the window has a fixed size so
 * that screenshots compare from run to run. Callers {@link ChromeDriver#quit() quit} the driver.
 */
final class HeadlessChromium {

    static final int WIDTH = 1280;
    static final int HEIGHT = 1024;

    private HeadlessChromium() {}

    /** Starts a browser, installing Debian's packages first where {@link DebianChromium} may. */
    static ChromeDriver start() {
        DebianChromium.ensureInstalled();
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DebianChromium.DRIVER.toFile())
                .usingAnyFreePort()
                .withSilent(true)
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(DebianChromium.BROWSER.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox", // root has no sandbox in a container
                "--disable-dev-shm-usage", // containers' /dev/shm is small
                "--disable-gpu",
                "--hide-scrollbars",
                "--window-size=" + WIDTH + "," + HEIGHT);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return driver;
    }
}
