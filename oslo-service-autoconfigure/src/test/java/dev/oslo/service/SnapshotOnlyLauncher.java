package dev.oslo.service;

/**
 * A launcher for tests of its observers, which only read its {@link #snapshot()}: it
 * launches nothing, and stopping or restarting it does nothing.
 */
public abstract class SnapshotOnlyLauncher implements Launcher {

	@Override
	public void launchService(ServiceBase service) {
		throw new UnsupportedOperationException();
	}

	@Override
	public void launchService(ServiceBase service, int workers) {
		throw new UnsupportedOperationException();
	}

	@Override
	public void stop() {
	}

	@Override
	public void await() {
	}

	@Override
	public void restart(RestartMethod method) {
	}

}
