package dev.clarion.escalation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine stays in its adapter package. */
class EscalationLayeringTest {
  private final JavaClasses core =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.clarion");

  @Test
  void onlyTheBpmnAdapterUsesTheEngine() {
    noClasses()
        .that().resideOutsideOfPackage("dev.clarion.workflow.bpmn..")
        .should().dependOnClassesThat().resideInAPackage("org.operaton..")
        .check(core);
  }

  @Test
  void theEscalationDomainUsesNoVendorLibrary() {
    noClasses()
        .that().resideInAPackage("dev.clarion.escalation..")
        .should().dependOnClassesThat()
        .resideInAnyPackage("org.operaton..", "org.jdbi..", "io.javalin..", "org.yaml..")
        .check(core);
  }
}
