import { InputError } from '../../../../nodes/ThroughLine/helpers/inputError';

/** The InputError that `run` throws; a test fails when it throws nothing, or something else. */
export function refusal(run: () => unknown): InputError {
	try {
		run();
	} catch (error) {
		if (error instanceof InputError) return error;
		throw error;
	}
	throw new Error('expected an InputError');
}
