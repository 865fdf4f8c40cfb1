/**
 * A problem with what the user entered. Pure helpers throw it; the router turns it into a
 * NodeOperationError that names the item, so helpers stay free of n8n's execution context.
 */
export class InputError extends Error {
	constructor(
		message: string,
		readonly hint: string,
	) {
		super(message);
		this.name = 'InputError';
	}
}
