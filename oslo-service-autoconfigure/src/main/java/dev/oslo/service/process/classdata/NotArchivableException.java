package dev.oslo.service.process.classdata;

/**
 * Why workers cannot start from a class-data archive: the message says it to the
 * operator, and workers run the master's command line as it is.
 */
class NotArchivableException extends Exception {

	private static final long serialVersionUID = 1L;

	NotArchivableException(String reason) {
		super(reason);
	}

}
