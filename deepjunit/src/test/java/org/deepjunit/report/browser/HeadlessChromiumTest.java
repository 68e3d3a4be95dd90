package org.deepjunit.report.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The browser is Debian's, and Selenium never runs Selenium Manager for it: Selenium 4.52's {@code DriverFinder} logs
 * that it skips Selenium Manager when the driver service names its executable, which is the only way it gets around
 * running it. A Selenium upgrade that changed this would download a driver in every build; this test would then fail.
 */
class HeadlessChromiumTest {

    /** Kept in a field: java.util.logging holds loggers weakly, and a collected logger forgets its level. */
    private static final Logger FINDER = Logger.getLogger("org.openqa.selenium.remote.service.DriverFinder");

    @Test
    void debiansDriverAndBrowserAreUsedWithoutSeleniumManager() throws IOException {
        List<String> messages = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                messages.add(String.valueOf(record.getMessage()));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        handler.setLevel(Level.ALL);
        Level level = FINDER.getLevel();
        FINDER.setLevel(Level.FINE);
        FINDER.addHandler(handler);
        ChromeDriver browser;
        try {
            browser = HeadlessChromium.start();
        } finally {
            FINDER.removeHandler(handler);
            FINDER.setLevel(level);
        }
        try {
            assertThat(messages)
                    .contains("Skipping Selenium Manager, path to chromedriver specified in Service class: "
                            + DebianChromium.DRIVER.toRealPath()); // Debian's is a link
            assertThat(browser.getCapabilities().getBrowserName()).isEqualTo("chrome");
            assertThat(browser.executeScript("return navigator.userAgent"))
                    .asString()
                    .contains("HeadlessChrome");
            assertThat(browser.manage().window().getSize().getWidth()).isEqualTo(HeadlessChromium.WIDTH);
        } finally {
            browser.quit();
        }
    }
}
