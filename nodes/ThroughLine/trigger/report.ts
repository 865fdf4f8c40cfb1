import type { IDataObject } from 'n8n-workflow';

import type { ThroughLineRequestError } from '../transport';
import type { WatchedList } from './watch';
import { describeList } from './watch';

/**
 * Items that tell about a watched list rather than a helpline, emitted after the helpline events
 * of the same poll. A Switch on `event` that routes added / changed / removed lets them through
 * its fallback output; they carry no `helpline`.
 */
export interface ListNotice extends IDataObject {
	/** failed: the list was not checked and did not move on; incomplete: checked, but not all seen. */
	event: 'failed' | 'incomplete';
	countryCode: string;
	topic?: string;
	message: string;
	/** What it means and what to do. */
	description: string;
	httpCode?: string;
}

const notice = (list: WatchedList, event: ListNotice['event'], message: string, description: string): ListNotice => ({
	event,
	countryCode: list.countryCode,
	...(list.topic ? { topic: list.topic } : {}),
	message,
	description,
});

/** Failures that pass by themselves: a later poll may well succeed. */
const TRANSIENT = new Set(['server', 'network', 'timeout', 'rateLimit', 'malformed']);
export const isTransient = (error: ThroughLineRequestError) => TRANSIENT.has(error.kind);

export interface ListFailure {
	list: WatchedList;
	/** Its message names the list and what could not be done. */
	error: ThroughLineRequestError;
}

export function failedNotice({ list, error }: ListFailure): ListNotice {
	const item = notice(
		list,
		'failed',
		error.message,
		`${error.description} Nothing was recorded for ${describeList(list)}: the next successful poll reports every change since the last one.`,
	);
	if (error.httpCode) item.httpCode = String(error.httpCode);
	return item;
}

/** A list as long as the limit asked for may hold more helplines than ThroughLine sent. */
export const mayBeCutNotice = (list: WatchedList, count: number) =>
	notice(
		list,
		'incomplete',
		`ThroughLine returned ${count.toLocaleString('en-US')} helplines for ${describeList(list)}, as many as one call asks for: the list may be cut`,
		'Additions and changes among the helplines it returned are reported; removals are not, because a helpline beyond the cut has not left the directory, and helplines ranked beyond the cut are not seen at all. Watch this country with a topic to get a shorter list.',
	);

/** Helplines left out of the list that a lookup by ID still finds in it. */
export const keptMissingNotice = (list: WatchedList, ids: string[]) =>
	notice(
		list,
		'incomplete',
		`ThroughLine's list for ${describeList(list)} left out ${ids.length === 1 ? 'a helpline' : `${ids.length} helplines`} it still has (${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ', …' : ''})`,
		'Each was looked up by its ID and is still listed there, so it is not reported as removed and its last known state is kept. The next poll checks again.',
	);

/** Helplines missing from the list that were not looked up in this poll (the lookup budget was spent). */
export const notCheckedNotice = (list: WatchedList, ids: string[], perPoll: number) =>
	notice(
		list,
		'incomplete',
		`${ids.length === 1 ? 'A helpline is' : `${ids.length} helplines are`} missing from ThroughLine's list for ${describeList(list)} and not checked yet (${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ', …' : ''})`,
		`A removal is reported only after a lookup by ID confirms it, and each lookup is a call to ThroughLine: at most ${perPoll} are made per poll, to spare the daily quota. These keep their last known state and are looked up at the next polls. If many helplines go missing at once, ThroughLine's answer may be at fault.`,
	);

/** One sentence for a poll in which every list failed. */
export function everyListFailed(failures: ListFailure[]): { message: string; description: string } {
	const [first] = failures;
	const others = failures.length - 1;
	return {
		message: `${first.error.message}${others ? ` (and ${others} more watched ${others === 1 ? 'list' : 'lists'} failed)` : ''}`,
		description: `${first.error.description} Nothing from this poll was recorded: the next successful poll reports every change since the last one.`,
	};
}
