import { DEFAULT_RESULTS, MAX_RESULTS } from '../transport/limits';
import { InputError } from './inputError';

/**
 * ThroughLine's largest `limit` is not published; MAX_RESULTS is our guess. An answer as long as
 * the limit we sent may have been cut there, and only matters if the user needs more than that.
 *
 * We fail rather than warn (an execution hint): a hint is seen in the editor, but a scheduled
 * sync or a chatbot runs unattended, and would act on a partial list as if it were whole (a
 * "removed" helpline, a priority pair shown in part). A failure is seen wherever the workflow
 * runs (the execution list, the error output, an error workflow), and the message says how to
 * ask for a list the node can vouch for.
 */
export interface SearchPlan {
	/** The `limit` sent to ThroughLine; undefined sends none (ThroughLine's default, DEFAULT_RESULTS). */
	ask?: number;
	/** How many helplines the user wants back; Infinity for all of them. */
	want: number;
	/** Filters run on the answer, so the answer must hold `want` matches or be whole. */
	filtering: boolean;
	reason: 'returnAll' | 'priority' | 'filters' | 'limit';
}

export function planSearch(options: { returnAll: boolean; priorityOnly: boolean; filtering: boolean; limit: number }): SearchPlan {
	const { returnAll, priorityOnly, filtering, limit } = options;
	// No limit at all: a priority list is one or two services, and a guessed maximum that ThroughLine
	// might refuse (400) must never stand between a person and the priority pair.
	if (priorityOnly) return { want: Infinity, filtering: false, reason: 'priority' };
	if (returnAll) return { ask: MAX_RESULTS, want: Infinity, filtering, reason: 'returnAll' };
	if (filtering) return { ask: MAX_RESULTS, want: limit, filtering, reason: 'filters' };
	return { ask: Math.min(limit, MAX_RESULTS), want: limit, filtering, reason: 'limit' };
}

/** Whether the answer may lack helplines the user asked for. `kept` counts matches after filters. */
export function mayBeCut(plan: SearchPlan, fetched: number, kept: number): boolean {
	const asked = plan.ask ?? DEFAULT_RESULTS;
	if (fetched < asked) return false; // fewer than we asked for: ThroughLine had no more
	return plan.filtering ? kept < plan.want : plan.want > asked;
}

/**
 * An answer shorter than asked for is whole, unless ThroughLine silently caps `limit` below what
 * we sent: that cannot be seen in one answer. APIs cap at round numbers, so a round count when
 * more were wanted gets a warning (not a failure: it is a guess) that the user sees in the editor
 * and in the execution data.
 */
export function maySilentlyBeCapped(plan: SearchPlan, fetched: number, kept: number): boolean {
	const asked = plan.ask ?? DEFAULT_RESULTS;
	const wantedMore = plan.filtering ? kept < plan.want : plan.want > fetched;
	return fetched < asked && fetched >= 50 && fetched % 50 === 0 && wantedMore;
}

export const cappedHint = (fetched: number, where: string) =>
	`ThroughLine returned exactly ${fetched} helplines for ${where}. It does not publish the most one call returns; if that is ${fetched}, this list is cut. Narrow the search with a Topic to be sure it is whole.`;

const HINTS: Record<SearchPlan['reason'], (kept: number) => string> = {
	returnAll: () =>
		`Narrow the search with a Topic, or turn off Return All and set Limit to ${MAX_RESULTS} or less to take ThroughLine's best-ranked helplines knowingly.`,
	priority: () =>
		'A priority list is normally one or two services and must be shown whole; check the search, and tell ThroughLine if it persists.',
	filters: (kept) =>
		`The filters ran on ThroughLine's first ${MAX_RESULTS} helplines only. Narrow the search with a Topic, or set Limit to ${kept} or less.`,
	limit: () => `Set Limit to ${MAX_RESULTS} or less, or narrow the search with a Topic.`,
};

/** The error for an answer that may be cut, naming how many came back and what to do. */
export function cutListError(plan: SearchPlan, fetched: number, kept: number): InputError {
	return new InputError(
		`ThroughLine returned ${fetched} helplines, the most this search asks for, so the list may be incomplete; the node stops rather than return part of it as if it were all`,
		HINTS[plan.reason](kept),
	);
}
