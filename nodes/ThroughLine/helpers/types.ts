import type { IDataObject } from 'n8n-workflow';

import type { ContactMethod } from './contactMethods';

export type { ContactMethod };

/** Shapes as ThroughLine returns them; optional keys are absent, never null. Unknown keys pass through. */
export interface Country extends IDataObject {
	name: string;
	code: string;
	emergencyNumber?: string;
}

export interface Topic extends IDataObject {
	name: string;
	code: string;
}

export interface Helpline extends IDataObject {
	id: string;
	name: string;
	description?: string;
	website?: string;
	country?: Country;
	timezone?: string;
	topics?: string[];
	phoneNumber?: string;
	smsNumber?: string;
	webChatUrl?: string;
	whatsappUrl?: string;
	supported_languages?: string[];
	specialties?: string[];
}

export interface HelplineFilters {
	contactMethods?: ContactMethod[];
	specialties?: string[];
	languages?: string[];
}
