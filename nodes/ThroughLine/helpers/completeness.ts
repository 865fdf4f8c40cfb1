import { InputError } from './inputError';
import { MAX_RESULTS } from './validation';

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
	/** The `limit` sent to ThroughLine. */
	ask: number;
	/** How many helplines the user wants back; Infinity for all of them. */
	want: number;
	/** Filters run on the answer, so the answer must hold `want` matches or be whole. */
	filtering: boolean;
	reason: 'returnAll' | 'priority' | 'filters' | 'limit';
}

export function planSearch(options: { returnAll: boolean; priorityOnly: boolean; filtering: boolean; limit: number }): SearchPlan {
	const { returnAll, priorityOnly, filtering, limit } = options;
	if (priorityOnly) return { ask: MAX_RESULTS, want: Infinity, filtering: false, reason: 'priority' };
	if (returnAll) return { ask: MAX_RESULTS, want: Infinity, filtering, reason: 'returnAll' };
	if (filtering) return { ask: MAX_RESULTS, want: limit, filtering, reason: 'filters' };
	return { ask: Math.min(limit, MAX_RESULTS), want: limit, filtering, reason: 'limit' };
}

/** Whether the answer may lack helplines the user asked for. `kept` counts matches after filters. */
export function mayBeCut(plan: SearchPlan, fetched: number, kept: number): boolean {
	if (fetched < plan.ask) return false; // fewer than we asked for: ThroughLine had no more
	return plan.filtering ? kept < plan.want : plan.want > plan.ask;
}

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
		`ThroughLine returned ${fetched} helplines, the most one search asks for, so the list may be incomplete; the node stops rather than return part of it as if it were all`,
		HINTS[plan.reason](kept),
	);
}
