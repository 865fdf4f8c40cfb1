import { ADAPTIVE_PACING } from './limits';

/**
 * This process's share of ThroughLine's per-IP limit, learned from its answers, as TCP shares a
 * link. A process cannot see the others (queue-mode workers, other apps behind the same address),
 * but all of them draw 429s when together they send too much.
 * - Slow start: a process that has not heard from ThroughLine for a while (and at first) starts at
 *   a quarter of the ceiling, so 4 processes starting together stay within it, and grows by 10 %
 *   a second while it uses its whole rate. Processes whose sum crosses the limit so overshoot it
 *   by about one step before the first 429 ends each one's slow start.
 * - Then additive increase, multiplicative decrease: each 429 cuts the rate to a share of what the
 *   process was sending, and each second it uses its whole rate adds a little back, up to the
 *   ceiling.
 * The rate grows only while it is used: a process sending less than it may (or only in bursts)
 * learns nothing about whether more would be welcome. And a rate it does not use fades towards
 * what it sends: room it leaves unused is room the others may grow into. N processes so settle
 * near 30/s together without anyone setting Max Requests per Second.
 */
export class AdaptiveRate {
	private rate = 0;
	private slowStart = true;
	/** Since when seconds are counted for the next increase. */
	private steadySince = 0;
	private decreasedAt = -Infinity;
	private heardAt = -Infinity;
	/** Time requests waited for this rate with its window full (its whole rate used). */
	private readonly full = new TimeIn();
	/** Time requests waited for this rate at all (for the window or only for the spacing). */
	private readonly wanting = new TimeIn();
	/** Both when the current step began. */
	private fullAtStep = 0;
	private wantingAtStep = 0;

	constructor(
		private readonly ceiling: number,
		private readonly now: () => number = Date.now,
	) {
		this.wake(now());
	}

	/** Requests allowed per window now: a whole number, at least 1. */
	get perWindow(): number {
		return Math.max(1, Math.floor(this.perWindowExact));
	}

	/** The same before rounding down (at least 1): what the spacing follows, so it grows smoothly. */
	get perWindowExact(): number {
		this.wake(this.now());
		return Math.max(1, this.rate);
	}

	/**
	 * Requests that may start at once before the rest are spaced evenly at the rate. At the ceiling,
	 * any number. After a cut, one: one too many then draws one 429, not a burst. In the slow start
	 * a few (a chatbot's question for five countries goes out at once), then spaced: processes that
	 * start together send evenly, not in bursts that meet at the server.
	 */
	get burst(): number {
		this.wake(this.now());
		if (this.rate >= this.ceiling) return Infinity;
		return this.slowStart ? ADAPTIVE_PACING.startBurst : 1;
	}

	/** Whether the rate is still in its slow start (for tests and benchmarks). */
	get starting(): boolean {
		this.wake(this.now());
		return this.slowStart;
	}

	/**
	 * Whether requests wait for this rate now (not for their execution's own limit), and whether
	 * its window is full: waiting only for the spacing is a burst, not a process using its whole rate.
	 */
	held(waiting: boolean, windowFull: boolean) {
		const now = this.now();
		this.full.set(waiting && windowFull, now);
		this.wanting.set(waiting, now);
	}

	/** A 429 with `started` requests started in the last window: what this process sent is too much. */
	throttled(started: number) {
		const now = this.now();
		this.wake(now);
		this.heardAt = now;
		if (!ADAPTIVE_PACING.enabled || now - this.decreasedAt < ADAPTIVE_PACING.holdMs) return;
		const floor = Math.min(this.ceiling, ADAPTIVE_PACING.floorPerSecond);
		const sending = Math.min(this.rate, Math.max(1, started));
		this.rate = Math.max(floor, sending * ADAPTIVE_PACING.decreaseFactor);
		this.slowStart = false;
		this.decreasedAt = now;
		this.restartCount(now);
	}

	/**
	 * An answer that was not a 429, with `started` requests started in the last window. For the
	 * time since the last step (at most a second's worth):
	 * - requests waited for a full window of starts during at least half of it: the rate grows;
	 * - they waited (for anything) during less than half of it: the unused part of the rate fades,
	 *   halfway a second towards what the process started, but not below its burst (a five-country
	 *   question still goes out at once). A rate that is not used is not known to be safe: others
	 *   may have grown into the room meanwhile, and a process that gets work again at an old,
	 *   unused rate sends on top of theirs (simulated: up to 37 in a second where 30 are allowed);
	 * - else (bursts that wait only for the spacing) it stays.
	 */
	answered(started: number) {
		const now = this.now();
		this.wake(now);
		this.heardAt = now;
		const elapsed = now - this.steadySince;
		if (elapsed < ADAPTIVE_PACING.stepMs) return;
		const seconds = Math.min(1, elapsed / 1000);
		const share = ADAPTIVE_PACING.heldShareToGrow * elapsed;
		if (this.full.until(now) - this.fullAtStep >= share) {
			const grown = this.slowStart
				? this.rate * ADAPTIVE_PACING.slowStartGrowth ** seconds
				: this.rate + ADAPTIVE_PACING.increasePerSecond * seconds;
			this.rate = Math.min(this.ceiling, grown);
		} else if (this.wanting.until(now) - this.wantingAtStep < share) {
			const used = Math.max(started, ADAPTIVE_PACING.startBurst);
			if (this.rate > used) this.rate -= (this.rate - used) * (1 - ADAPTIVE_PACING.unusedKeptPerSecond ** seconds);
		}
		this.restartCount(now);
	}

	/** After a silence what was learned is stale (others may have started): start slowly again. */
	private wake(now: number) {
		if (!ADAPTIVE_PACING.enabled) {
			this.rate = this.ceiling;
			this.slowStart = false;
			return;
		}
		if (now - this.heardAt <= ADAPTIVE_PACING.idleMs) return;
		const floor = Math.min(this.ceiling, ADAPTIVE_PACING.floorPerSecond);
		this.rate = Math.max(floor, this.ceiling * ADAPTIVE_PACING.startShare);
		this.slowStart = true;
		this.heardAt = now;
		this.restartCount(now);
	}

	private restartCount(now: number) {
		this.steadySince = now;
		this.fullAtStep = this.full.until(now);
		this.wantingAtStep = this.wanting.until(now);
	}
}

/** How long a state has held, in total, up to a moment. */
class TimeIn {
	private totalMs = 0;
	private since: number | undefined;

	set(on: boolean, now: number) {
		if (on) this.since ??= now;
		else if (this.since !== undefined) {
			this.totalMs += now - this.since;
			this.since = undefined;
		}
	}

	until(now: number): number {
		return this.totalMs + (this.since === undefined ? 0 : now - this.since);
	}
}
