package dev.clarion.notification;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The notification domain stays free of vendor libraries; adapters live elsewhere. */
class NotificationLayeringTest {
  private final JavaClasses classes = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.clarion");

  @Test
  void notificationImportsNoVendorLibrary() {
    noClasses().that().resideInAPackage("dev.clarion.notification..")
        .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.jdbi..",
            "freemarker..", "org.pf4j..", "com.fasterxml..", "org.flywaydb..")
        .check(classes);
  }

  @Test
  void onlyTheTemplateAdapterSeesFreemarkerAndOnlyThePluginHostSeesPf4j() {
    noClasses().that().resideOutsideOfPackages("dev.clarion.template..")
        .should().dependOnClassesThat().resideInAPackage("freemarker..")
        .check(classes);
    noClasses().that().resideOutsideOfPackages("dev.clarion.plugin..", "dev.clarion.api..")
        .should().dependOnClassesThat().resideInAPackage("org.pf4j..")
        .check(classes);
  }
}
