package app.backcoach;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code, checked on every build (docs/ARCHITECTURE.md): packages by feature without
 * cycles, Telegram behind its adapter, a conversation without I/O or clock reads, and SQL only
 * where tables are owned.
 */
class ArchitectureTest {
  static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("app.backcoach");

  /** The packages that own tables (and storage/, which owns connections and migrations). */
  static final String[] SQL_PACKAGES = {
    "app.backcoach.storage..",
    "app.backcoach.chat..",
    "app.backcoach.delivery..",
    "app.backcoach.reminders..",
    "app.backcoach.coaching..",
    "app.backcoach.privacy..",
    "app.backcoach.progress.."
  };

  static final ArchRule NO_CYCLES =
      slices().matching("app.backcoach.(*)..").should().beFreeOfCycles();

  static final ArchRule ONLY_TELEGRAM_USES_THE_LIBRARY =
      noClasses()
          .that()
          .resideOutsideOfPackage("app.backcoach.telegram..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.telegram..");

  static final ArchRule CONVERSATION_DOES_NO_IO =
      noClasses()
          .that()
          .resideInAPackage("app.backcoach.conversation..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("java.io..", "java.nio.file..", "java.sql..", "java.net..")
          .orShould()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "app.backcoach.storage..",
              "app.backcoach.telegram..",
              "app.backcoach.delivery..",
              "app.backcoach.chat..");

  static final ArchRule CONVERSATION_NEVER_READS_THE_CLOCK =
      noClasses()
          .that()
          .resideInAPackage("app.backcoach.conversation..")
          .should()
          .dependOnClassesThat()
          .areAssignableTo(Clock.class)
          .orShould()
          .callMethod(System.class, "currentTimeMillis")
          .orShould()
          .callMethod(System.class, "nanoTime")
          .orShould()
          .callMethod(Instant.class, "now")
          .orShould()
          .callMethod(LocalDate.class, "now")
          .orShould()
          .callMethod(LocalTime.class, "now")
          .orShould()
          .callMethod(LocalDateTime.class, "now")
          .orShould()
          .callMethod(ZonedDateTime.class, "now");

  static final ArchRule SQL_ONLY_WHERE_TABLES_ARE_OWNED =
      noClasses()
          .that()
          .resideOutsideOfPackages(SQL_PACKAGES)
          .should()
          .dependOnClassesThat()
          .resideInAPackage("java.sql..");

  @Test
  void packagesHaveNoCycles() {
    NO_CYCLES.check(MAIN);
  }

  @Test
  void theCycleRuleFailsOnACycle() {
    JavaClasses cycle =
        new ClassFileImporter()
            .importClasses(app.backcoach.cyclea.A.class, app.backcoach.cycleb.B.class);
    AssertionError e = assertThrows(AssertionError.class, () -> NO_CYCLES.check(cycle));
    assertTrue(e.getMessage().contains("Cycle detected: Slice cyclea"), e.getMessage());
    assertTrue(e.getMessage().contains("Slice cycleb"), e.getMessage());
  }

  @Test
  void onlyTheTelegramAdapterImportsTheTelegramLibrary() {
    ONLY_TELEGRAM_USES_THE_LIBRARY.check(MAIN);
  }

  @Test
  void theConversationDoesNoIo() {
    CONVERSATION_DOES_NO_IO.check(MAIN);
  }

  @Test
  void theConversationNeverReadsTheClock() {
    CONVERSATION_NEVER_READS_THE_CLOCK.check(MAIN);
  }

  @Test
  void sqlOnlyWhereTablesAreOwned() {
    SQL_ONLY_WHERE_TABLES_ARE_OWNED.check(MAIN);
  }
}
