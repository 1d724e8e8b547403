package dev.oslo.service;

import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape of the codebase that docs/architecture.md describes, checked on the compiled
 * classes: no cycle between packages, dependencies pointing one way (wiring → engine,
 * never back), an engine free of Spring Boot, and a public API no larger than the one
 * documented.
 */
class ArchitectureTests {

	private static final String ROOT = "dev.oslo.service";

	/** The engine: what runs from a plain {@code main}. */
	private static final String[] ENGINE = { ROOT, ROOT + ".taskgroup", ROOT + ".loopingcall", ROOT + ".periodic",
			ROOT + ".signal", ROOT + ".process", ROOT + ".process.classdata", ROOT + ".systemd", ROOT + ".internal",
			ROOT + ".cluster" };

	/** What wires the engine into Spring Boot and reports on it. */
	private static final String[] WIRING = { ROOT + ".autoconfigure..", ROOT + ".actuate..", ROOT + ".observation..",
			ROOT + ".internal.boot..", ROOT + ".internal.periodic..", ROOT + ".internal.refresh.." };

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(ROOT);

	@Test
	void noPackageDependsOnItselfThroughAnother() {
		slices().matching("dev.oslo.(**)").should().beFreeOfCycles().check(CLASSES);
	}

	@Test
	void theEngineNeverReachesUpIntoTheWiringOrTheActuatorSupport() {
		noClasses().that()
			.resideInAnyPackage(ENGINE)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(WIRING)
			.check(CLASSES);
	}

	@Test
	void theEngineRunsWithoutSpringBoot() {
		noClasses().that()
			.resideInAnyPackage(ENGINE)
			.and()
			.resideOutsideOfPackage(ROOT + ".cluster")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework.boot..")
			.check(CLASSES);
	}

	@Test
	void theEngineRunsWithoutMicrometer() {
		noClasses().that()
			.resideInAnyPackage(ENGINE)
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.micrometer..")
			.check(CLASSES);
	}

	@Test
	void theObservationsNeedOnlyTheEngineAndMicrometer() {
		noClasses().that()
			.resideInAPackage(ROOT + ".observation")
			.should()
			.dependOnClassesThat(resideInAnyPackage("org.springframework..", ROOT + ".autoconfigure..",
					ROOT + ".actuate..", ROOT + ".internal.."))
			.check(CLASSES);
	}

	@Test
	void loopingCallsAndTheSharedHelpersAreLeaves() {
		noClasses().that()
			.resideInAPackage(ROOT + ".loopingcall")
			.should()
			.dependOnClassesThat(resideInAPackage(ROOT + "..").and(not(resideInAPackage(ROOT + ".loopingcall"))))
			.check(CLASSES);
		noClasses().that()
			.resideInAPackage(ROOT + ".internal")
			.should()
			.dependOnClassesThat(resideInAPackage(ROOT + "..").and(not(resideInAPackage(ROOT + ".internal"))))
			.check(CLASSES);
	}

	@Test
	void onlyTheSignalPackageTouchesJvmSignals() {
		noClasses().that()
			.resideOutsideOfPackage(ROOT + ".signal")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("sun.misc..")
			.check(CLASSES);
	}

	@Test
	void theAutoConfigurationPackageOnlyWires() {
		classes().that()
			.resideInAPackage(ROOT + ".autoconfigure")
			.and()
			.arePublic()
			.and()
			.areTopLevelClasses()
			.should()
			.haveSimpleNameEndingWith("AutoConfiguration")
			.orShould()
			.haveSimpleName("OsloServiceProperties")
			.check(CLASSES);
	}

	@Test
	void theActuatorSupportReadsTheEngineAndNeverTheWiring() {
		noClasses().that()
			.resideInAPackage(ROOT + ".actuate")
			.should()
			.dependOnClassesThat(resideInAnyPackage(ROOT + ".autoconfigure..", ROOT + ".internal.boot..",
					ROOT + ".internal.refresh..", ROOT + ".signal..", ROOT + ".systemd.."))
			.check(CLASSES);
	}

	@Test
	void theRootPackagePublishesOnlyTheDocumentedApi() {
		Set<String> published = new TreeSet<>();
		for (JavaClass type : CLASSES) {
			if (type.getPackageName().equals(ROOT) && type.getModifiers().contains(JavaModifier.PUBLIC)
					&& type.isTopLevelClass()) {
				published.add(type.getSimpleName());
			}
		}
		assertThat(published).containsExactlyInAnyOrder(
				// DESIGN.md's API
				"ServiceBase", "AbstractService", "Launcher", "ServiceLauncher", "ProcessLauncher", "Launchers",
				"RestartMethod", "ServiceState",
				// what the launchers take and return
				"LauncherConfig", "LauncherSnapshot", "ServiceSnapshot", "ServiceStartException",
				"ServiceRestartException",
				// reloads: the coordinator every trigger asks, its listeners and results,
				// the refresher SPI
				"ReloadCoordinator", "ReloadListener", "ReloadResult", "ReloadSnapshot", "ReloadOutcome",
				"ReloadTrigger", "ConfigurationRefresher", "InvalidConfigurationException",
				// what wraps the launcher's calls to services (e.g. in observations)
				"ServiceCallDecorator",
				// the process around a launcher, for a plain main and the
				// auto-configuration alike
				"LauncherRuntime");
	}

}
