import { InputError } from '../../../../nodes/ThroughLine/helpers/inputError';
import { markForTool, noHelplinesRecord, priorityRule, toolErrorRecord } from '../../../../nodes/ThroughLine/helpers/toolOutput';

describe('markForTool', () => {
	test('a priority list: the rule first on every record, with its place and the count', () => {
		const marked = markForTool([{ name: 'A' }, { name: 'B' }], true);
		expect(marked).toEqual([
			{ priorityRule: priorityRule(1, 2), priority: true, name: 'A' },
			{ priorityRule: priorityRule(2, 2), priority: true, name: 'B' },
		]);
		expect(Object.keys(marked[0])[0]).toBe('priorityRule');
		expect(priorityRule(2, 2)).toBe(
			'Priority service 2 of 2 for this country and topic: show all 2 priority services to the person, never only some of them.',
		);
	});

	test('a lone priority service must be shown', () => {
		expect(priorityRule(1, 1)).toBe('Priority service for this country and topic: always show it to the person.');
	});

	test('a ranked list: marked as not priority, no rule', () => {
		expect(markForTool([{ name: 'A' }], false)).toEqual([{ priority: false, name: 'A' }]);
	});
});

test('an empty answer names the place and, when known, the emergency number', () => {
	expect(noHelplinesRecord('Japan', { emergencyNumber: '110' }).noHelplines).toBe(
		'ThroughLine lists no helplines for Japan. Do not give any other helpline number. If someone is in immediate danger, the emergency number there is 110.',
	);
	expect(noHelplinesRecord('Japan').noHelplines).toBe('ThroughLine lists no helplines for Japan. Do not give any other helpline number.');
	// An empty priority list is not "no helplines": the country may have others.
	expect(noHelplinesRecord('Japan on the topic Anxiety', { priorityOnly: true }).noHelplines).toBe(
		'ThroughLine has no priority services for Japan on the topic Anxiety. Do not give any other helpline number.',
	);
});

test('an input error is one plain-text line: what was wrong, then what to send', () => {
	expect(toolErrorRecord(new InputError('Country is missing', 'Send a code.'))).toEqual({ error: 'Country is missing. Send a code.' });
});
