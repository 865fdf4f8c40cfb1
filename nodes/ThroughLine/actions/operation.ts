import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ThroughLineClient } from '../transport';

/**
 * One operation of one resource: its parameters and how it runs for one input item. The router
 * owns the loop over items, error handling and pairedItem, so operations only say what they do.
 */
export interface Operation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number, client: ThroughLineClient): Promise<IDataObject[]>;
	/**
	 * Items are sent one at a time, in order, stopping at the first failure (unless On Error is
	 * Continue). For calls that record something (events are billed): a failed run must not have
	 * sent the items after the failure, or a rerun records them twice.
	 */
	sequential?: boolean;
	/** A read's default *Cache Answers For*, in minutes; absent (events): never cached. */
	cacheMinutes?: number;
}

/** An operation's execute, typed once: `export const execute: Execute = async function (itemIndex, client) {…}`. */
export type Execute = Operation['execute'];
