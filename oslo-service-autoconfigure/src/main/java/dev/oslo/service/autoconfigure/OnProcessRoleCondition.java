package dev.oslo.service.autoconfigure;

import java.util.Set;

import dev.oslo.service.internal.boot.ProcessRole;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when this process has one of some {@link ProcessRole roles}.
 */
abstract class OnProcessRoleCondition extends SpringBootCondition {

	private final Set<ProcessRole> roles;

	OnProcessRoleCondition(Set<ProcessRole> roles) {
		this.roles = roles;
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ProcessRole role = ProcessRole.of(context.getEnvironment());
		String message = "process role " + role + ((this.roles.contains(role)) ? " is one of " : " is not one of ")
				+ this.roles;
		return this.roles.contains(role) ? ConditionOutcome.match(message) : ConditionOutcome.noMatch(message);
	}

	/** The master of worker JVMs. */
	static final class Master extends OnProcessRoleCondition {

		Master() {
			super(Set.of(ProcessRole.MASTER));
		}

	}

	/** A worker of a master. */
	static final class Worker extends OnProcessRoleCondition {

		Worker() {
			super(Set.of(ProcessRole.WORKER));
		}

	}

	/** The process the service manager started and talks to: single or master. */
	static final class Main extends OnProcessRoleCondition {

		Main() {
			super(Set.of(ProcessRole.SINGLE, ProcessRole.MASTER));
		}

	}

	/** A process that runs the services: single or worker. */
	static final class RunsServices extends OnProcessRoleCondition {

		RunsServices() {
			super(Set.of(ProcessRole.SINGLE, ProcessRole.WORKER));
		}

	}

}
