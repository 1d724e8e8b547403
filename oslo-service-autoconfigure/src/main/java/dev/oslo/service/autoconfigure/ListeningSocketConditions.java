package dev.oslo.service.autoconfigure;

import dev.oslo.service.internal.boot.MultiProcessHttp;
import dev.oslo.service.process.ListeningSocket;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Conditions on the listening socket a master shares with the workers of a web
 * application.
 */
final class ListeningSocketConditions {

	private ListeningSocketConditions() {
	}

	/** A master whose workers serve HTTP through its socket. */
	static final class Shares extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return MultiProcessHttp.sharesListeningSocket(context.getEnvironment())
					? ConditionOutcome.match("the workers of this web application share the master's socket")
					: ConditionOutcome.noMatch("the workers serve no HTTP");
		}

	}

	/** A worker that inherited its master's socket (told by its environment). */
	static final class Inherits extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String address = context.getEnvironment().getProperty(ListeningSocket.ENVIRONMENT);
			return (address != null) ? ConditionOutcome.match("inherited the listening socket of " + address)
					: ConditionOutcome.noMatch(ListeningSocket.ENVIRONMENT + " is not set");
		}

	}

}
