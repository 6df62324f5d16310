package dev.clarion.plugins.webhook;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The plugin sees the SPI and the JDK only: no core class, no library the host would export. */
class WebhookIsolationTest {
  @Test
  void dependsOnTheSpiOnly() {
    classes().that().resideInAPackage("dev.clarion.plugins.webhook..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("dev.clarion.plugins.webhook..",
            "dev.clarion.api..", "java..", "javax..", "org.pf4j..")
        .check(new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.clarion.plugins.webhook"));
  }
}
