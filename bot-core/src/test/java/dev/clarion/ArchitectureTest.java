package dev.clarion;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering STYLE.md promises, enforced: domain packages (named by domain nouns) use no vendor
 * library; technology lives in adapter packages, and the domain never reaches into them.
 */
class ArchitectureTest {
  static final String[] DOMAIN = {
    "dev.clarion.incident..", "dev.clarion.alert..", "dev.clarion.routing..", "dev.clarion.service..",
    "dev.clarion.team..", "dev.clarion.user..", "dev.clarion.audit..", "dev.clarion.escalation..",
    "dev.clarion.command..", "dev.clarion.problem..", "dev.clarion.store", "dev.clarion.schedule..",
    "dev.clarion.maintenance..", "dev.clarion.notification..", "dev.clarion.runbook..",
    "dev.clarion.review..", "dev.clarion.report.."
  };
  static final String[] VENDORS = {
    "io.javalin..", "org.eclipse.jetty..", "org.jdbi..", "org.flywaydb..", "org.h2..", "org.postgresql..",
    "com.zaxxer..", "org.operaton..", "org.camunda..", "freemarker..", "org.pf4j..", "picocli..",
    "com.fasterxml.jackson..", "org.yaml..", "io.micrometer.."
  };
  static final String[] ADAPTERS = {
    "dev.clarion.http..", "dev.clarion.store.jdbc..", "dev.clarion.workflow..", "dev.clarion.plugin..",
    "dev.clarion.template..", "dev.clarion.cli..", "dev.clarion.config..", "dev.clarion.app.."
  };

  static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.clarion");
  }

  @Test
  void domainPackagesImportNoVendorLibrary() {
    ArchRule rule = noClasses().that().resideInAnyPackage(DOMAIN)
        .should().dependOnClassesThat().resideInAnyPackage(VENDORS)
        .because("domain code must stay testable without a server, database or engine (STYLE.md)");
    rule.check(classes);
  }

  @Test
  void domainPackagesDoNotReachIntoAdapters() {
    ArchRule rule = noClasses().that().resideInAnyPackage(DOMAIN)
        .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS)
        .because("adapters depend on the domain, never the other way round");
    rule.check(classes);
  }

  @Test
  void onlyTheCompositionRootAndCliKnowEveryAdapter() {
    ArchRule rule = noClasses().that().resideInAnyPackage("dev.clarion.http..", "dev.clarion.store.jdbc..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.clarion.app..", "dev.clarion.cli..");
    rule.check(classes);
  }
}
