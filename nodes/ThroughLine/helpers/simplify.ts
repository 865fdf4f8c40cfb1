import type { IDataObject } from 'n8n-workflow';

import type { Helpline } from './types';

/**
 * A compact record for chat messages and AI agents. Every key is always present (null when
 * ThroughLine has no value) so spreadsheets and prompts see the same columns for every helpline.
 */
export function simplifyHelpline(helpline: Helpline): IDataObject {
	const country = helpline.country;
	const list = (value: unknown) => (Array.isArray(value) ? value : []);
	return {
		id: helpline.id,
		name: helpline.name,
		phone: helpline.phoneNumber ?? null,
		sms: helpline.smsNumber ?? null,
		webChat: helpline.webChatUrl ?? null,
		whatsapp: helpline.whatsappUrl ?? null,
		website: helpline.website ?? null,
		topics: list(helpline.topics),
		languages: list(helpline.supported_languages),
		country: country?.name ?? null,
		countryCode: country?.code ?? null,
		emergencyNumber: country?.emergencyNumber ?? null,
	};
}
