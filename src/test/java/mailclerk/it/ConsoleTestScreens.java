package mailclerk.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/** Screenshots of the console tests, under target/screenshots (the README's pictures come from there). */
final class ConsoleTestScreens {
    private ConsoleTestScreens() {
    }

    static void save(WebDriver browser, String name) throws Exception {
        Files.createDirectories(ConsoleTest.SCREENSHOTS);
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), ConsoleTest.SCREENSHOTS.resolve(name),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
