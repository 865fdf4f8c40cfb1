/** Polls a day and calls a day of n8n's "Poll Times", against ThroughLine's 1,000 calls a day. */
import { toCronExpression } from 'n8n-workflow';

import type { PollTime } from '../../../../nodes/ThroughLine/trigger/pollCost';
import {
	checkQuota,
	cronFieldCount,
	cronPollsPerDay,
	entryPollsPerDay,
	estimatePollsPerDay,
	fastestSafeSchedule,
} from '../../../../nodes/ThroughLine/trigger/pollCost';
import { THROUGHLINE_LIMITS } from '../../../../nodes/ThroughLine/transport/limits';

const times = (...item: PollTime[]) => ({ item });

describe('entryPollsPerDay', () => {
	test.each<[PollTime, number]>([
		[{ mode: 'everyMinute' }, 1440],
		[{ mode: 'everyHour', minute: 5 }, 24],
		[{ mode: 'everyDay', hour: 14, minute: 0 }, 1],
		[{ mode: 'everyWeek', hour: 14, minute: 0, weekday: '1' }, 1],
		[{ mode: 'everyMonth', hour: 14, minute: 0, dayOfMonth: 1 }, 1],
		[{ mode: 'everyX', value: 1, unit: 'minutes' }, 1440],
		[{ mode: 'everyX', value: 2, unit: 'minutes' }, 720],
		[{ mode: 'everyX', value: 5, unit: 'minutes' }, 288],
		// "*/7" restarts each hour: minutes 0, 7, ..., 56 are 9 a hour, not 60/7.
		[{ mode: 'everyX', value: 7, unit: 'minutes' }, 216],
		[{ mode: 'everyX', value: 15, unit: 'minutes' }, 96],
		[{ mode: 'everyX', value: 90, unit: 'minutes' }, 24],
		[{ mode: 'everyX', value: 1, unit: 'hours' }, 24],
		[{ mode: 'everyX', value: 2, unit: 'hours' }, 12],
		[{ mode: 'everyX', value: 5, unit: 'hours' }, 5],
		[{ mode: 'everyX', value: 24, unit: 'hours' }, 1],
		[{ mode: 'custom', cronExpression: '0 */15 * * * *' }, 96],
		[{ mode: 'custom', cronExpression: '0 0 9-17 * * 1-5' }, 9],
		[{ mode: 'custom', cronExpression: '0,30 * * * * *' }, 2880],
		[{ mode: 'custom', cronExpression: '*/10 * * * *' }, 144],
		[{ mode: 'custom', cronExpression: ' 0 0,30 8,20 * * * ' }, 4],
		[{ mode: 'custom', cronExpression: '5/20 * * * *' }, 72],
		[{ mode: 'custom', cronExpression: '@hourly' }, 24],
		[{ mode: 'custom', cronExpression: '@daily' }, 1],
	])('%j → %i polls a day', (entry, expected) => {
		expect(entryPollsPerDay(entry)).toBe(expected);
	});

	test.each<PollTime>([
		{ mode: 'everyX', value: 0, unit: 'minutes' },
		{ mode: 'everyX', value: 2.5, unit: 'hours' },
		{ mode: 'everyX', value: 2, unit: 'days' },
		{ mode: 'custom', cronExpression: 'every day at noon' },
		{ mode: 'custom', cronExpression: '0 70 * * * *' },
		{ mode: 'custom', cronExpression: '0 0 22-2 * * *' },
		{ mode: 'custom' },
		{ mode: 'sometimes' },
		{},
	])('%j cannot be read', (entry) => {
		expect(entryPollsPerDay(entry)).toBeUndefined();
	});

	test('agrees with the cron expressions n8n builds from the standard modes', () => {
		const entries: PollTime[] = [
			{ mode: 'everyMinute' },
			{ mode: 'everyHour', minute: 30 },
			{ mode: 'everyDay', hour: 3, minute: 10 },
			{ mode: 'everyX', value: 7, unit: 'minutes' },
			{ mode: 'everyX', value: 5, unit: 'hours' },
		];
		for (const entry of entries) {
			const cron = toCronExpression(entry as Parameters<typeof toCronExpression>[0]);
			expect(cronPollsPerDay(cron)).toBe(entryPollsPerDay(entry));
		}
	});
});

describe('cronFieldCount', () => {
	test('counts lists, ranges and steps within bounds', () => {
		expect(cronFieldCount('*', 0, 59)).toBe(60);
		expect(cronFieldCount('?', 0, 23)).toBe(24);
		expect(cronFieldCount('1,2,2,3', 0, 59)).toBe(3);
		expect(cronFieldCount('10-20/5', 0, 59)).toBe(3);
		expect(cronFieldCount('*/25', 0, 59)).toBe(3);
		expect(cronFieldCount('0-5,3-8', 0, 23)).toBe(9);
	});

	test.each(['', 'x', '*/0', '60', '5-1', '1-', 'MON'])('%j is unreadable', (field) => {
		expect(cronFieldCount(field, 0, 59)).toBeUndefined();
	});
});

describe('estimatePollsPerDay', () => {
	test('adds up several entries', () => {
		expect(estimatePollsPerDay(times({ mode: 'everyHour', minute: 0 }, { mode: 'everyDay', hour: 1, minute: 0 }))).toEqual({
			polls: 25,
			guessed: false,
		});
	});

	test('no entries cost nothing', () => {
		expect(estimatePollsPerDay({})).toEqual({ polls: 0, guessed: false });
		expect(estimatePollsPerDay(undefined)).toEqual({ polls: 0, guessed: false });
		expect(estimatePollsPerDay(times())).toEqual({ polls: 0, guessed: false });
	});

	test('an unreadable entry counts as every minute, and says so', () => {
		expect(estimatePollsPerDay(times({ mode: 'custom', cronExpression: 'nope' }))).toEqual({ polls: 1440, guessed: true });
		expect(estimatePollsPerDay({ item: [null] })).toEqual({ polls: 1440, guessed: true });
	});
});

describe('fastestSafeSchedule', () => {
	test.each<[number, string | undefined]>([
		[0, 'every 2 minutes'],
		[1, 'every 2 minutes'],
		[2, 'every 3 minutes'],
		[10, 'every 15 minutes'],
		[41, 'every hour'],
		[42, 'every 2 hours'],
		[500, 'every 12 hours'],
		[600, 'once a day'],
		[1000, 'once a day'],
		[1001, undefined],
	])('%i countries → %s', (watched, expected) => {
		expect(fastestSafeSchedule(watched)).toBe(expected);
	});

	test('what it suggests always fits the limit', () => {
		for (let watched = 1; watched <= 1000; watched++) {
			const words = fastestSafeSchedule(watched)!;
			const [, amount, unit] = /^every (\d+) (minutes|hours)$/.exec(words) ?? [];
			const entry: PollTime = amount
				? { mode: 'everyX', value: Number(amount), unit }
				: words === 'every hour'
					? { mode: 'everyHour', minute: 0 }
					: { mode: 'everyDay', hour: 0, minute: 0 };
			expect(entryPollsPerDay(entry)! * watched).toBeLessThanOrEqual(THROUGHLINE_LIMITS.callsPerDay);
		}
	});
});

describe('checkQuota', () => {
	test("n8n's default (every minute) is refused even for one country, with a way out", () => {
		const check = checkQuota(times({ mode: 'everyMinute' }), 1);
		expect(check).toMatchObject({ polls: 1440, calls: 1440, withinLimit: false });
		expect(check.message).toBe('Polling 1 country 1,440 times a day would make 1,440 calls a day to ThroughLine, over its limit of 1,000');
		expect(check.hint).toContain('poll every 2 minutes or less often');
		expect(check.hint).not.toContain('could not be read');
	});

	test('the limit itself is allowed, one more call is not', () => {
		expect(checkQuota(times({ mode: 'everyHour', minute: 0 }), 41)).toMatchObject({ calls: 984, withinLimit: true });
		expect(checkQuota(times({ mode: 'everyX', value: 15, unit: 'minutes' }), 10)).toMatchObject({ calls: 960, withinLimit: true });
		expect(checkQuota(times({ mode: 'everyDay', hour: 1, minute: 0 }), 1000)).toMatchObject({ calls: 1000, withinLimit: true });
		const over = checkQuota(times({ mode: 'everyDay', hour: 1, minute: 0 }), 1001);
		expect(over).toMatchObject({ calls: 1001, withinLimit: false });
		expect(over.hint).toContain('Even one poll a day of 1,001 countries is too many');
	});

	test('several entries and many countries add up', () => {
		const check = checkQuota(times({ mode: 'everyHour', minute: 0 }, { mode: 'everyHour', minute: 30 }), 21);
		expect(check).toMatchObject({ polls: 48, calls: 1008, withinLimit: false });
		expect(check.message).toContain('21 countries');
		expect(check.hint).toContain('poll every hour or less often');
	});

	test('an unreadable schedule is refused and the hint says why', () => {
		const check = checkQuota(times({ mode: 'custom', cronExpression: 'whenever' }), 1);
		expect(check.withinLimit).toBe(false);
		expect(check.hint).toContain('could not be read, so it was counted as every minute');
	});

	test('a custom limit is honoured', () => {
		expect(checkQuota(times({ mode: 'everyHour', minute: 0 }), 2, 40).withinLimit).toBe(false);
		expect(checkQuota(times({ mode: 'everyHour', minute: 0 }), 1, 40).withinLimit).toBe(true);
	});
});
