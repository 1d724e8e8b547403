package dev.oslo.service;

/**
 * Wraps each call that a {@link ServiceLauncher} makes to start or stop a service, as
 * Spring's {@code TaskDecorator} wraps a task: e.g. to run it in a Micrometer observation
 * that is current on the thread doing the work, so that the service's logs carry the
 * trace id and the spans it starts nest in the call's. Restarts during a reload go
 * through it as well.
 * <p>
 * {@link #decorate} is called on the thread that asks for the operation (the one that
 * launches the service, or stops it, or reloads), and the call it returns runs on the
 * thread that does the work: the same thread for {@link Operation#START}; a thread of its
 * own for {@link Operation#STOP}, which covers {@code stop()} and
 * {@code awaitTermination()}, so that a service hanging there can be abandoned.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ServiceCallDecorator {

	/** Leaves every call as it is. */
	ServiceCallDecorator NONE = (service, operation, call) -> call;

	/**
	 * Wrap one call.
	 * @param service the service's name in the launcher
	 * @param operation what the call does
	 * @param call the call itself
	 * @return what to run instead: it must run {@code call} once and throw what it throws
	 */
	Call decorate(String service, Operation operation, Call call);

	/**
	 * What a call does to a service.
	 */
	enum Operation {

		/** {@link ServiceBase#start()}. */
		START,

		/** {@link ServiceBase#stop()}, then {@link ServiceBase#awaitTermination()}. */
		STOP

	}

	/**
	 * A call to a service.
	 */
	@FunctionalInterface
	interface Call {

		/**
		 * Make the call.
		 * @throws Exception what the service threw
		 */
		void run() throws Exception;

	}

}
