/**
 * How the queue suite reads the server's log of arrival times (test/e2e/queue/share.ts): the
 * busiest second it is judged by, and the tightest bunch that tells requests read together by a
 * busy server process from requests sent too fast.
 */
import { busiestSecond, tightestBunch } from '../e2e/queue/share';

/** `perSecond` arrivals a second, evenly, for `seconds`, from `from` ms. */
const even = (perSecond: number, seconds: number, from = 0) =>
	Array.from({ length: perSecond * seconds }, (_, i) => from + Math.round((i * 1000) / perSecond));

test('30 a second, evenly: the busiest second holds 30, and no two arrive within 20 ms', () => {
	const arrivals = even(30, 10);
	expect(busiestSecond(arrivals).requests).toBe(30);
	expect(tightestBunch(arrivals, 20)).toBe(1);
});

test('the same requests read 330 ms late in one bunch: the busiest second shows 40, the bunch 11', () => {
	// The server's process is busy from 5,000 to 5,330 ms: what arrived meanwhile is logged at 5,330.
	const logged = even(30, 10).map((at) => (at >= 5000 && at < 5330 ? 5330 : at));
	// the bunch (5,000 … 5,300: 10 arrivals, plus the one at 5,333) and the second after it
	expect(tightestBunch(logged, 20)).toBe(11);
	expect(busiestSecond(logged)).toEqual({ requests: 40, startsAtSecond: 5.3 });
});

test('a window counts arrivals up to its width and no further, in any order', () => {
	expect(tightestBunch([40, 0, 20, 21], 21)).toBe(3);
	expect(tightestBunch([40, 0, 20, 21], 20)).toBe(2);
	expect(tightestBunch([], 20)).toBe(0);
	expect(busiestSecond([0, 999, 1000]).requests).toBe(2);
});
