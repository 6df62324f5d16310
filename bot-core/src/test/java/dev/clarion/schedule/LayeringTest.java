package dev.clarion.schedule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The schedule and maintenance domains stay free of vendor libraries and of adapters. */
class LayeringTest {
  private static final JavaClasses classes = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.clarion");

  @Test
  void domainPackagesImportNoVendorLibraryNorAdapter() {
    noClasses().that().resideInAnyPackage("dev.clarion.schedule..", "dev.clarion.maintenance..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.javalin..", "org.jdbi..", "com.fasterxml..", "net.fortuna..", "org.yaml..",
            "org.flywaydb..", "picocli..", "dev.clarion.http..", "dev.clarion.store.jdbc..",
            "dev.clarion.ical..", "dev.clarion.config..", "dev.clarion.cli..",
            "dev.clarion.command..", "dev.clarion.app..")
        .check(classes);
  }

  @Test
  void onlyTheICalAdapterUsesIcal4j() {
    noClasses().that().resideOutsideOfPackage("dev.clarion.ical..")
        .should().dependOnClassesThat().resideInAPackage("net.fortuna..")
        .check(classes);
  }
}
